using System.Globalization;
using NewsTracker.Web.Feeds;
using NewsTracker.Web.Feeds.Parsing;

namespace NewsTracker.Web.Pages.Feeds;

/// <summary>How the feeds pages word statuses and times.</summary>
public static class FeedDisplay
{
    public static string Label(FeedStatus status) => status switch
    {
        FeedStatus.Error => "Error",
        FeedStatus.BackingOff => "Backing off",
        FeedStatus.New => "New",
        FeedStatus.Paused => "Paused",
        _ => "OK",
    };

    /// <summary>A stored format name as people know it.</summary>
    public static string Format(string? format) => format switch
    {
        nameof(FeedFormat.Rss) => "RSS",
        nameof(FeedFormat.Rdf) => "RSS 1.0 (RDF)",
        nameof(FeedFormat.Atom) => "Atom",
        nameof(FeedFormat.JsonFeed) => "JSON Feed",
        null => "—",
        _ => format,
    };

    /// <summary>The CSS class of a status badge.</summary>
    public static string CssClass(FeedStatus status) => status switch
    {
        FeedStatus.Error => "status-error",
        FeedStatus.BackingOff => "status-backoff",
        FeedStatus.New => "status-new",
        FeedStatus.Paused => "status-paused",
        _ => "status-ok",
    };

    /// <summary>"3 min ago", "in 2 h", "just now": a time near <paramref name="now"/> as a person says it.</summary>
    public static string Relative(DateTime utc, DateTime now)
    {
        var span = utc - now;
        var magnitude = span.Duration();
        if (magnitude < TimeSpan.FromMinutes(1))
        {
            return span <= TimeSpan.Zero ? "just now" : "in a moment";
        }

        var amount = magnitude < TimeSpan.FromHours(1) ? $"{(int)magnitude.TotalMinutes} min"
            : magnitude < TimeSpan.FromDays(2) ? $"{(int)magnitude.TotalHours} h"
            : $"{(int)magnitude.TotalDays} days";
        return span < TimeSpan.Zero ? $"{amount} ago" : $"in {amount}";
    }

    /// <summary>The exact time, for a tooltip and the <c>datetime</c> attribute.</summary>
    public static string Exact(DateTime utc) => utc.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>An interval as "45 min", "2 h 30 min", "1 day".</summary>
    public static string Interval(TimeSpan interval) =>
        interval >= TimeSpan.FromDays(1) && interval.TotalHours % 24 == 0 ? (interval.TotalDays == 1 ? "1 day" : $"{(int)interval.TotalDays} days")
        : interval >= TimeSpan.FromHours(1) ? (interval.Minutes == 0 ? $"{(int)interval.TotalHours} h" : $"{(int)interval.TotalHours} h {interval.Minutes} min")
        : $"{(int)Math.Ceiling(interval.TotalMinutes)} min";
}
