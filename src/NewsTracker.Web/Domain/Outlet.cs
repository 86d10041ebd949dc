namespace NewsTracker.Web.Domain;

/// <summary>A publication that articles come from.</summary>
public sealed class Outlet
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Upper-case invariant form of <see cref="Name"/>: outlet names are unique ignoring case.</summary>
    public required string NormalizedName { get; set; }

    /// <summary>Lower-case host without "www.", when known; unique.</summary>
    public string? Domain { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>How many articles name this outlet, kept by <c>Stories/ArchiveCounts</c> in each ingest's
    /// transaction so the outlet pages never count them per request.</summary>
    public int ArticleCount { get; set; }

    /// <summary>How many stories this outlet reported first (see <c>Stories/FirstReports</c>), kept like
    /// <see cref="ArticleCount"/>.</summary>
    public int FirstReportCount { get; set; }

    public List<Article> Articles { get; } = [];

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}
