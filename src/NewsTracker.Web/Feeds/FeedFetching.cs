using System.Globalization;
using NewsTracker.Web.Ingestion.Fetching;

namespace NewsTracker.Web.Feeds;

/// <summary>How feeds are fetched through the <see cref="SafeFetcher"/> (the media types a feed comes as,
/// raw bytes for the parser) and how a failed fetch reads on the feeds page: what went wrong, and whether
/// it is worth retrying soon.</summary>
public static class FeedFetching
{
    /// <summary>What feeds are served as in practice, including the text/* and octet-stream of misconfigured
    /// servers (the parser decides what the bytes are), and HTML so a page can be searched for its feeds.</summary>
    public static readonly IReadOnlyList<string> MediaTypes =
    [
        "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
        "application/xml", "application/json", "text/*", "application/xhtml+xml", "application/octet-stream",
    ];

    /// <summary>A conditional request for the feed, its body left undecoded.</summary>
    public static FetchRequest Request(string? etag, DateTime? lastModifiedUtc, FeedsOptions options) => new()
    {
        AcceptedMediaTypes = MediaTypes,
        IfNoneMatch = etag,
        IfModifiedSince = lastModifiedUtc is { } modified ? new DateTimeOffset(modified, TimeSpan.Zero) : null,
        MaxResponseBytes = options.MaxFeedBytes,
        RawBody = true,
    };

    /// <summary>The message for the feeds page, whether the failure may pass by itself, and any Retry-After.</summary>
    public static (string Message, bool Transient) Describe(FetchException failure, FeedsOptions options)
    {
        var host = failure.Url?.Host ?? "The site";
        return failure.Kind switch
        {
            FetchErrorKind.Timeout => (failure.Message.Replace("the page", "the feed", StringComparison.Ordinal), true),
            FetchErrorKind.ConnectionFailed => (failure.Message, true),
            FetchErrorKind.TooLarge => (
                string.Create(CultureInfo.InvariantCulture, $"The feed at {host} is larger than {options.MaxFeedBytes / 1024.0 / 1024.0:0.#} MiB once decompressed; NewsTracker stops reading there. Ask the publisher for a feed of recent items."),
                false),
            FetchErrorKind.UnsupportedContentType => ($"{host} answers with a document that is not a feed (an image, a PDF or another kind of file). Check the feed's address.", false),
            FetchErrorKind.TooManyRedirects => ($"The feed address redirected too many times. Open it in a browser and subscribe to the address it finally shows.", false),
            FetchErrorKind.HttpError => HttpError(host, failure.StatusCode ?? 0),
            _ => (failure.Message, false),
        };
    }

    private static (string Message, bool Transient) HttpError(string host, int status)
    {
        var code = status.ToString(CultureInfo.InvariantCulture);
        return status switch
        {
            404 or 410 => ($"{host} answered {code}: the feed is not there (any more). Check the address, or unsubscribe.", false),
            401 or 403 => ($"{host} answered {code}: it refuses to give NewsTracker this feed.", false),
            429 => ($"{host} answered 429: it is limiting how often its feeds may be fetched. NewsTracker waits and tries again.", true),
            408 or >= 500 => ($"{host} answered {code}: the site has a problem of its own. NewsTracker tries again later.", true),
            _ => ($"{host} answered {code} instead of the feed.", false),
        };
    }
}
