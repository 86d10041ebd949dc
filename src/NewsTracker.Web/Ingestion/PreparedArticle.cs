namespace NewsTracker.Web.Ingestion;

/// <summary>An article ready to store: parsed body plus metadata, after fetching and extraction.
/// Also what the preview step, <c>POST /api/v1/extract</c> and <c>extract --batch</c> show.</summary>
public sealed record PreparedArticle
{
    public required ParsedArticle Article { get; init; }

    public string? Byline { get; init; }

    /// <summary>The wire agency the page's byline credits, kept apart from the authors.</summary>
    public string? Agency { get; init; }

    public DateTime? PublishedUtc { get; init; }

    /// <summary>The UTC offset the page stated with its date, so previews show the page's own day.</summary>
    public TimeSpan? PublishedOffset { get; init; }

    /// <summary>The outlet's name as given, or the page's site name.</summary>
    public string? Outlet { get; init; }

    public string? Language { get; init; }

    /// <summary>The address the article came from (after redirects when fetched).</summary>
    public string? Url { get; init; }

    /// <summary>The normalised address used for dedupe.</summary>
    public string? CanonicalUrl { get; init; }

    public string? Description { get; init; }

    /// <summary>How the article arrived: text, html, url, file, seed, api, import.</summary>
    public required string Origin { get; init; }

    public string Title => Article.Title;
}
