using NewsTracker.Web.Feeds.Parsing;

namespace NewsTracker.Web.Feeds;

/// <summary>How feeds are polled, bound from the <c>Feeds</c> configuration section.</summary>
public sealed class FeedsOptions
{
    public const string Section = "Feeds";

    /// <summary>False stops the background scheduler (tests poll by calling <see cref="FeedPoller"/> themselves).</summary>
    public bool PollingEnabled { get; set; } = true;

    /// <summary>Feeds checked at once. Each host still gets one request at a time.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>The shortest interval between checks of one feed.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest interval between checks of one feed, also the longest back-off.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The interval of a feed whose items carry no dates to learn from.</summary>
    public TimeSpan DefaultInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A server's TTL, max-age or Retry-After is honoured up to this, so a mistaken or hostile
    /// header cannot silence a feed for good.</summary>
    public TimeSpan MaxServerDelay { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Only the newest items this many of a feed are looked at per check.</summary>
    public int MaxItemsPerPoll { get; set; } = 50;

    /// <summary>A feed listing more items than this is refused; the parser stops reading there.</summary>
    public int MaxItemsInFeed { get; set; } = FeedParser.DefaultMaxItems;

    /// <summary>The largest feed read, after decompression.</summary>
    public long MaxFeedBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>How long the scheduler sleeps when nothing is due and nobody asks for a refresh.</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claim on a feed lasts; a poller that dies lets go when it expires.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an instance's hold on a host lasts without renewal (it renews every third of it while its
    /// request runs): how long a dead instance keeps the other instances from that host.</summary>
    public TimeSpan HostLeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Problems a person must fix in configuration; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxConcurrency < 1)
        {
            problems.Add($"{Section}:{nameof(MaxConcurrency)} must be at least 1.");
        }

        if (HostLeaseDuration < TimeSpan.FromSeconds(3))
        {
            problems.Add($"{Section}:{nameof(HostLeaseDuration)} must be at least 3 seconds.");
        }

        if (MinInterval <= TimeSpan.Zero || MaxInterval < MinInterval)
        {
            problems.Add($"{Section}:{nameof(MinInterval)} must be positive and no longer than {nameof(MaxInterval)}.");
        }

        if (DefaultInterval < MinInterval || DefaultInterval > MaxInterval)
        {
            problems.Add($"{Section}:{nameof(DefaultInterval)} must lie between {nameof(MinInterval)} and {nameof(MaxInterval)}.");
        }

        if (MaxServerDelay <= TimeSpan.Zero || IdleDelay <= TimeSpan.Zero || LeaseDuration <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:{nameof(MaxServerDelay)}, {nameof(IdleDelay)} and {nameof(LeaseDuration)} must be positive.");
        }

        if (MaxItemsPerPoll < 1 || MaxItemsInFeed < MaxItemsPerPoll || MaxFeedBytes < 1)
        {
            problems.Add($"{Section}:{nameof(MaxItemsPerPoll)}, {nameof(MaxItemsInFeed)} and {nameof(MaxFeedBytes)} must be positive, and a feed must be allowed at least as many items as a check looks at.");
        }

        return problems;
    }
}
