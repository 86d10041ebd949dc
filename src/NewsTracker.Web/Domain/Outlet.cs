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

    public List<Article> Articles { get; } = [];

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}
