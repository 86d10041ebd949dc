namespace NewsTracker.Web.Domain;

/// <summary>A news article. Its text lives in versions; the newest version is the one shown.</summary>
public sealed class Article
{
    public int Id { get; set; }

    /// <summary>Title of the newest version, kept here for listing without a join.</summary>
    public required string Title { get; set; }

    public required string Slug { get; set; }

    public string? Byline { get; set; }

    /// <summary>The wire agency credited in the byline ("Reuters", "AFP, dpa"), apart from the authors.</summary>
    public string? Agency { get; set; }

    public int StoryId { get; set; }

    public Story? Story { get; set; }

    /// <summary>Set when an editor put the article in its story (split, merge, move): automatic clustering never
    /// moves it, and the history says who did.</summary>
    public bool StoryPinned { get; set; }

    /// <summary>What the title and lede say about the event, as "term:weight" pairs (Stories/EventTerms); null for
    /// articles stored before event clustering.</summary>
    public string? EventTerms { get; set; }

    public int? OutletId { get; set; }

    public Outlet? Outlet { get; set; }

    /// <summary>The address the article was taken from, as given.</summary>
    public string? Url { get; set; }

    /// <summary>Normalised address used for dedupe; unique when present.</summary>
    public string? CanonicalUrl { get; set; }

    public DateTime? PublishedUtc { get; set; }

    /// <summary>Published time if known, else when we stored it: the order readers see.</summary>
    public DateTime SortUtc { get; set; }

    /// <summary>BCP 47 language tag, e.g. "en".</summary>
    public string? Language { get; set; }

    /// <summary>The first words of the body, for lists.</summary>
    public required string Excerpt { get; set; }

    public int CurrentVersion { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public string? CreatedByUserId { get; set; }

    /// <summary>App-managed optimistic concurrency token (SQLite has no rowversion).</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public List<ArticleVersion> Versions { get; } = [];
}
