namespace NewsTracker.Web.Domain;

/// <summary>A subscription to an RSS, Atom or JSON feed: what a journalist set, and the state of polling it
/// (kept here so polling carries on where it was after a restart).</summary>
public sealed class Feed
{
    public int Id { get; set; }

    /// <summary>The feed's address as subscribed.</summary>
    public required string Url { get; set; }

    /// <summary>Canonical form of <see cref="Url"/>: a feed is subscribed once.</summary>
    public required string UrlKey { get; set; }

    /// <summary>What the feeds page calls it: the feed's own title unless a journalist changed it.</summary>
    public required string Title { get; set; }

    /// <summary>The site the feed belongs to, as the feed says.</summary>
    public string? SiteUrl { get; set; }

    /// <summary>The folder the feed is filed in (an OPML folder, "Politics / UK" when nested); null for none.</summary>
    public string? Group { get; set; }

    /// <summary>The outlet its articles are filed under; null lets each article page say.</summary>
    public string? Outlet { get; set; }

    /// <summary>RSS, RDF, Atom or JSON Feed, once read.</summary>
    public string? Format { get; set; }

    /// <summary>Check every this many minutes instead of the adaptive interval.</summary>
    public int? IntervalOverrideMinutes { get; set; }

    /// <summary>True stores the text the feed carries; false fetches each item's page and extracts the article.</summary>
    public bool UseFeedContent { get; set; }

    public bool Paused { get; set; }

    /// <summary>Validator for the next conditional GET.</summary>
    public string? ETag { get; set; }

    /// <summary>The Last-Modified the server sent, for If-Modified-Since.</summary>
    public DateTime? LastModifiedUtc { get; set; }

    /// <summary>The interval the posting frequency suggests (minutes), kept between checks.</summary>
    public int IntervalMinutes { get; set; }

    public DateTime? LastCheckUtc { get; set; }

    /// <summary>Not checked before this. Also the order polling takes due feeds in.</summary>
    public DateTime NextCheckUtc { get; set; }

    public DateTime? LastSuccessUtc { get; set; }

    public FeedCheckOutcome? LastOutcome { get; set; }

    /// <summary>Failed checks in a row; 0 after a success. Drives the back-off.</summary>
    public int ErrorCount { get; set; }

    /// <summary>What went wrong last time, written for the journalist; null after a success.</summary>
    public string? LastError { get; set; }

    /// <summary>True when the last error is worth retrying soon (time-out, 5xx, 429) rather than a refusal.</summary>
    public bool LastErrorTransient { get; set; }

    /// <summary>How long the feed says it may be cached (RSS <c>ttl</c>, <c>sy:updatePeriod</c>), remembered
    /// for the checks answered 304, which are not parsed.</summary>
    public int? TtlMinutes { get; set; }

    /// <summary>A server's Retry-After: not even "refresh now" checks before this.</summary>
    public DateTime? RetryAfterUtc { get; set; }

    /// <summary>Articles added from this feed, all time.</summary>
    public int ItemsAdded { get; set; }

    /// <summary>Who is polling the feed now and until when (a claim that expires if its poller dies).</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntilUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    public string? CreatedByUserId { get; set; }

    /// <summary>When a journalist last changed the settings (polling never changes it).</summary>
    public DateTime UpdatedUtc { get; set; }

    public string? UpdatedByUserId { get; set; }

    /// <summary>App-managed concurrency token for settings edits; polling does not touch it.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public List<FeedItem> Items { get; } = [];
}

/// <summary>How a feed's last check ended.</summary>
public enum FeedCheckOutcome
{
    /// <summary>200: the feed was read.</summary>
    Fetched,

    /// <summary>304: unchanged, nothing parsed.</summary>
    NotModified,

    Failed,
}
