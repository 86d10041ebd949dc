namespace NewsTracker.Web.Domain;

/// <summary>One of an article's heaviest event terms with the article's date: other reports of the same event are
/// found through the index on (<see cref="Term"/>, <see cref="SortUtc"/>) within a few days (Stories/EventStories).</summary>
public sealed class EventKey
{
    public required string Term { get; set; }

    public int ArticleId { get; set; }

    /// <summary>The article's <see cref="Article.SortUtc"/> when it was stored.</summary>
    public DateTime SortUtc { get; set; }
}
