using System.Net.Http.Headers;

namespace NewsTracker.Web.Ingestion.Fetching;

/// <summary>Why a fetch failed, so callers can react (retry later, tell the journalist, give up).</summary>
public enum FetchErrorKind
{
    InvalidUrl,
    BlockedAddress,
    TooManyRedirects,
    Timeout,
    TooLarge,
    UnsupportedContentType,
    HttpError,
    ConnectionFailed,
}

/// <summary>The one error a fetch raises; its message is written for the journalist who asked for the page.</summary>
public sealed class FetchException : Exception
{
    public FetchException(FetchErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public FetchException()
        : this(FetchErrorKind.ConnectionFailed, "The page could not be fetched.")
    {
    }

    public FetchException(string message)
        : this(FetchErrorKind.ConnectionFailed, message)
    {
    }

    public FetchException(string message, Exception innerException)
        : this(FetchErrorKind.ConnectionFailed, message, innerException)
    {
    }

    public FetchErrorKind Kind { get; }

    /// <summary>The address that failed: the hop being fetched when it did.</summary>
    public Uri? Url { get; init; }

    /// <summary>The HTTP status for <see cref="FetchErrorKind.HttpError"/>.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The server's Retry-After on 429/503, for a poller's back-off.</summary>
    public RetryConditionHeaderValue? RetryAfter { get; init; }
}
