namespace NewsTracker.Web.Domain;

/// <summary>Staff roles. Anonymous visitors and accounts without a role are readers.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Editor = "Editor";
    public const string Journalist = "Journalist";

    public static readonly IReadOnlyList<string> All = [Admin, Editor, Journalist];

    /// <summary>Roles that may ingest: journalists and everyone above them.</summary>
    public const string JournalistOrAbove = Journalist + "," + Editor + "," + Admin;

    public const string EditorOrAbove = Editor + "," + Admin;

    public static string? Normalise(string role) =>
        All.FirstOrDefault(r => string.Equals(r, role.Trim(), StringComparison.OrdinalIgnoreCase));
}
