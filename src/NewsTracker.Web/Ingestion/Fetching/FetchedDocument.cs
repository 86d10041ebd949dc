using System.Net.Http.Headers;

namespace NewsTracker.Web.Ingestion.Fetching;

/// <summary>A fetched page (or a 304 "not modified" answer) with the caching headers a poller needs.</summary>
public sealed record FetchedDocument
{
    /// <summary>The address as asked for.</summary>
    public required Uri RequestedUrl { get; init; }

    /// <summary>The address after following redirects: what the page should be recorded under.</summary>
    public required Uri FinalUrl { get; init; }

    public required int StatusCode { get; init; }

    /// <summary>True when the server answered 304 to a conditional request; <see cref="Text"/> is empty.</summary>
    public bool NotModified => StatusCode == 304;

    public int RedirectCount { get; init; }

    /// <summary>The media type without parameters, lower-case, e.g. <c>text/html</c>; null on 304.</summary>
    public string? MediaType { get; init; }

    /// <summary>The encoding the text was decoded with (web name, e.g. <c>utf-8</c>, <c>windows-1252</c>).</summary>
    public string? Charset { get; init; }

    public required string Text { get; init; }

    /// <summary>The undecoded body when <see cref="FetchRequest.RawBody"/> asked for it; empty otherwise.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The Content-Type's charset parameter as the server sent it, if any.</summary>
    public string? DeclaredCharset { get; init; }

    /// <summary>Bytes of body after decompression.</summary>
    public long ByteCount { get; init; }

    /// <summary>Send back as <see cref="FetchRequest.IfNoneMatch"/> next time.</summary>
    public string? ETag { get; init; }

    /// <summary>Send back as <see cref="FetchRequest.IfModifiedSince"/> next time.</summary>
    public DateTimeOffset? LastModified { get; init; }

    public CacheControlHeaderValue? CacheControl { get; init; }

    public RetryConditionHeaderValue? RetryAfter { get; init; }
}
