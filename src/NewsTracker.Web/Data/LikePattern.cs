namespace NewsTracker.Web.Data;

/// <summary>SQL LIKE patterns for "contains these characters", with the wildcards in the input escaped.</summary>
public static class LikePattern
{
    public const string Escape = "\\";

    /// <summary>A pattern for "contains <paramref name="text"/>, ignoring case": match it against the column's
    /// <c>ToLower()</c>. SQLite's LIKE alone ignores case but PostgreSQL's does not, and lower() on both sides
    /// gives the same answer on both (on PostgreSQL for every script, not only ASCII).</summary>
    public static string Containing(string text) =>
        "%" + text.ToLowerInvariant().Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal) + "%";

    /// <summary><paramref name="text"/> with LIKE's wildcards escaped, to build a pattern around (case as given).</summary>
    public static string Literal(string text) =>
        text.Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal);
}
