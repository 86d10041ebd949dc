namespace NewsTracker.Web.Domain;

/// <summary>An item a feed listed, remembered by its key so it is processed once, with what became of it.</summary>
public sealed class FeedItem
{
    public int Id { get; set; }

    public int FeedId { get; set; }

    public Feed? Feed { get; set; }

    /// <summary>SHA-256 (hex) of the item's key: its GUID, else its link, else its title, date and text.</summary>
    public required string KeyHash { get; set; }

    public string? Link { get; set; }

    public required string Title { get; set; }

    public DateTime? PublishedUtc { get; set; }

    /// <summary>When the poller processed it.</summary>
    public DateTime SeenUtc { get; set; }

    public FeedItemOutcome Outcome { get; set; }

    /// <summary>The article it became or matched; null when it failed.</summary>
    public int? ArticleId { get; set; }

    public Article? Article { get; set; }

    /// <summary>Why it failed, or a note (e.g. that the feed's own text was used because the page could not be fetched).</summary>
    public string? Note { get; set; }
}

/// <summary>What ingesting one feed item did.</summary>
public enum FeedItemOutcome
{
    Added,

    /// <summary>The article was already stored (from another feed, a journalist, or an earlier copy).</summary>
    Duplicate,

    /// <summary>A changed text at an address already stored: a new version.</summary>
    NewVersion,

    Failed,
}
