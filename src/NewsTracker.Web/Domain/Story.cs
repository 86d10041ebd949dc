namespace NewsTracker.Web.Domain;

/// <summary>One event as covered by one or more articles, e.g. a wire report and its copies.</summary>
public sealed class Story
{
    public int Id { get; set; }

    /// <summary>The title of the article that started the story.</summary>
    public required string Title { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>When an article last joined the story.</summary>
    public DateTime UpdatedUtc { get; set; }

    /// <summary>How many articles the story holds, kept by <c>Stories/ArchiveCounts</c>.</summary>
    public int ArticleCount { get; set; }

    /// <summary>The outlet credited with the story's first report (see <c>Stories/FirstReports</c>), or null when
    /// nobody is: no dated article, an outlet-less first report, or only one outlet covered it. No foreign key:
    /// outlets are never deleted, and adding one would make SQLite rebuild the whole table.</summary>
    public int? FirstReportOutletId { get; set; }

    public List<Article> Articles { get; } = [];
}
