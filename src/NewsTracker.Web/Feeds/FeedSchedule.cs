using System.Net.Http.Headers;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Feeds;

/// <summary>What the feeds page says about a feed.</summary>
public enum FeedStatus
{
    /// <summary>Its last check failed in a way that will not mend itself: refused, gone, not a feed.</summary>
    Error,

    /// <summary>Its last check failed in a way that may pass (time-out, 5xx, 429): retried later and later.</summary>
    BackingOff,

    /// <summary>Subscribed, not checked yet.</summary>
    New,

    Ok,

    Paused,
}

/// <summary>
/// When a feed is checked next, as plain arithmetic: the interval its posting frequency suggests (or a
/// journalist's override), never sooner than the server allows (TTL, <c>Cache-Control: max-age</c>,
/// <c>Retry-After</c>), and after failures an exponential back-off.
/// </summary>
public static class FeedSchedule
{
    /// <summary>How many of the newest dated items the posting frequency is learnt from.</summary>
    public const int FrequencySample = 20;

    /// <summary>The average time between posts, counting from the oldest of the newest items up to now (so
    /// a feed that has gone quiet is checked less and less), clamped to the configured bounds.</summary>
    public static TimeSpan AdaptiveInterval(IEnumerable<DateTime?> published, DateTime now, FeedsOptions options)
    {
        var dates = published.OfType<DateTime>().Where(d => d <= now).OrderDescending().Take(FrequencySample).ToList();
        if (dates.Count == 0)
        {
            return options.DefaultInterval;
        }

        return Clamp((now - dates[^1]) / dates.Count, options);
    }

    /// <summary>The interval in force: the journalist's override, else what polling learnt.</summary>
    public static TimeSpan Interval(int? overrideMinutes, int learntMinutes, FeedsOptions options) =>
        overrideMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : Clamp(TimeSpan.FromMinutes(learntMinutes), options);

    /// <summary>The longest wait the server asked for (TTL, max-age, Retry-After), capped at <see cref="FeedsOptions.MaxServerDelay"/>.</summary>
    public static TimeSpan ServerDelay(TimeSpan? ttl, CacheControlHeaderValue? cacheControl, TimeSpan? retryAfter, FeedsOptions options)
    {
        TimeSpan[] asked = [ttl ?? TimeSpan.Zero, cacheControl?.MaxAge ?? TimeSpan.Zero, retryAfter ?? TimeSpan.Zero];
        return TimeSpan.FromTicks(Math.Min(asked.Max().Ticks, options.MaxServerDelay.Ticks));
    }

    /// <summary>How long Retry-After asks to wait, from <paramref name="now"/>; null when it asks nothing usable.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTime now) => header switch
    {
        { Delta: { } delta } when delta > TimeSpan.Zero => delta,
        { Date: { } date } when date.UtcDateTime > now => date.UtcDateTime - now,
        _ => null,
    };

    /// <summary>Back-off after <paramref name="errorCount"/> failures in a row: the minimum interval, doubled
    /// each time, up to the maximum.</summary>
    public static TimeSpan Backoff(int errorCount, FeedsOptions options)
    {
        var doublings = Math.Clamp(errorCount - 1, 0, 30);
        var delay = options.MinInterval.Ticks * Math.Pow(2, doublings);
        return TimeSpan.FromTicks((long)Math.Min(delay, options.MaxInterval.Ticks));
    }

    public static FeedStatus Status(Feed feed) => Status(feed.Paused, feed.ErrorCount, feed.LastErrorTransient, feed.LastCheckUtc);

    public static FeedStatus Status(bool paused, int errorCount, bool transient, DateTime? lastCheckUtc) =>
        paused ? FeedStatus.Paused
        : errorCount > 0 ? (transient ? FeedStatus.BackingOff : FeedStatus.Error)
        : lastCheckUtc is null ? FeedStatus.New
        : FeedStatus.Ok;

    private static TimeSpan Clamp(TimeSpan interval, FeedsOptions options) =>
        interval < options.MinInterval ? options.MinInterval : interval > options.MaxInterval ? options.MaxInterval : interval;
}
