namespace NewsTracker.Web.Ingestion.Extraction;

/// <summary>What the extractor found on one HTML page: the body as blocks plus the page's metadata.</summary>
public sealed record ExtractedArticle
{
    /// <summary>The headline and the ordered body blocks.</summary>
    public required ParsedArticle Article { get; init; }

    public string? Byline { get; init; }

    /// <summary>The wire agency the byline credits ("Reuters", "AFP"), kept apart from the authors.</summary>
    public string? Agency { get; init; }

    /// <summary>When the article was first published, with the offset the page stated (zero when it stated none).</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>When the article was first published, in UTC.</summary>
    public DateTime? PublishedUtc => Published?.UtcDateTime;

    public string? SiteName { get; init; }

    /// <summary>A language tag such as "en" or "pt-BR".</summary>
    public string? Language { get; init; }

    public string? CanonicalUrl { get; init; }

    /// <summary>The page's own summary, or else the start of the first paragraph.</summary>
    public string? Description { get; init; }

    public string Title => Article.Title;

    /// <summary>The running text: the blocks without captions, joined by blank lines.</summary>
    public string Body => Article.RunningText;
}
