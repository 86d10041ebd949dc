namespace NewsTracker.Web.Ingestion.Fetching;

/// <summary>What a caller wants from one fetch: which media types it accepts, the validators of a
/// copy it already holds, and optionally a tighter size limit.</summary>
public sealed record FetchRequest
{
    /// <summary>The default: web pages only.</summary>
    public static readonly IReadOnlyList<string> HtmlMediaTypes = ["text/html", "application/xhtml+xml"];

    /// <summary>An article page with no validators and the configured size limit.</summary>
    public static FetchRequest Html { get; } = new();

    /// <summary>Media types (<c>type/subtype</c> or <c>type/*</c>) the caller can read; anything else
    /// fails with <see cref="FetchErrorKind.UnsupportedContentType"/>.</summary>
    public IReadOnlyList<string> AcceptedMediaTypes { get; init; } = HtmlMediaTypes;

    /// <summary>The ETag of the copy already held; a matching server answers 304.</summary>
    public string? IfNoneMatch { get; init; }

    /// <summary>The Last-Modified of the copy already held; an unchanged server answers 304.</summary>
    public DateTimeOffset? IfModifiedSince { get; init; }

    /// <summary>Overrides <see cref="FetchingOptions.MaxResponseBytes"/> for this fetch.</summary>
    public long? MaxResponseBytes { get; init; }

    /// <summary>True returns the body undecoded in <see cref="FetchedDocument.Body"/> and leaves
    /// <see cref="FetchedDocument.Text"/> empty, for a parser that settles the encoding itself (XML feeds).</summary>
    public bool RawBody { get; init; }

    internal bool Accepts(string mediaType) => AcceptedMediaTypes.Any(accepted =>
        accepted.EndsWith("/*", StringComparison.Ordinal)
            ? mediaType.StartsWith(accepted[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(accepted, mediaType, StringComparison.OrdinalIgnoreCase));
}
