namespace NewsTracker.Web.Feeds.Parsing;

/// <summary>The syndication formats NewsTracker reads.</summary>
public enum FeedFormat
{
    /// <summary>RSS 0.9x and 2.0: items inside <c>rss/channel</c>.</summary>
    Rss,

    /// <summary>RSS 1.0 (RDF): items beside the channel under <c>rdf:RDF</c>.</summary>
    Rdf,

    Atom,

    JsonFeed,
}

/// <summary>A feed as read: its own details and its items in document order (at most the parser's item limit).</summary>
public sealed record ParsedFeed
{
    public required FeedFormat Format { get; init; }

    /// <summary>Plain text, markup removed.</summary>
    public string? Title { get; init; }

    /// <summary>The site the feed belongs to (absolute http/https), when it says.</summary>
    public string? SiteUrl { get; init; }

    public string? Language { get; init; }

    /// <summary>How long the feed says it may be cached: RSS <c>ttl</c> or <c>sy:updatePeriod</c>/<c>sy:updateFrequency</c>.</summary>
    public TimeSpan? Ttl { get; init; }

    public required IReadOnlyList<ParsedFeedItem> Items { get; init; }
}

/// <summary>One item of a feed. <see cref="Key"/> is what makes it the same item next time: its id (GUID), else
/// its link, else its title, date and text.</summary>
public sealed record ParsedFeedItem
{
    /// <summary>Identity of the item within its feed, prefixed by its kind (<c>id:</c>, <c>link:</c>, <c>text:</c>).</summary>
    public required string Key { get; init; }

    /// <summary>The article's address: absolute http/https, resolved against the feed's base, or null.</summary>
    public string? Link { get; init; }

    /// <summary>Plain text, markup removed; null when the item has none.</summary>
    public string? Title { get; init; }

    public DateTime? PublishedUtc { get; init; }

    public string? Author { get; init; }

    /// <summary>The item's text as HTML (full content when the feed carries it, else its summary).</summary>
    public string? Html { get; init; }

    /// <summary>The item's text when the feed gives plain text only (JSON Feed <c>content_text</c>, Atom type="text").</summary>
    public string? Text { get; init; }

    /// <summary>0 for the first item in the document.</summary>
    public int Position { get; init; }
}
