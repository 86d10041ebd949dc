namespace NewsTracker.Web.Data;

/// <summary>Where NewsTracker keeps its files: the SQLite database, logs and Data Protection keys.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Absolute, or relative to the content root. Default <c>data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    public static string ResolveDataDirectory(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration[$"{Section}:DataDirectory"];
        var path = string.IsNullOrWhiteSpace(configured) ? "data" : configured;
        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path));
        Directory.CreateDirectory(full);
        return full;
    }
}
