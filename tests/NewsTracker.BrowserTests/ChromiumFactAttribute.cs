namespace NewsTracker.BrowserTests;

/// <summary>
/// A test that needs Debian's Chromium. Skipped with a reason when the browser is missing, unless
/// <c>NEWSTRACKER_REQUIRE_BROWSER=1</c> (CI), in which case it runs and fails loudly.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium.ExecutablePath) && !Chromium.Required)
        {
            Skip = $"Chromium is not installed at {Chromium.ExecutablePath} (apt-get install chromium); set NEWSTRACKER_REQUIRE_BROWSER=1 to make this a failure.";
        }
    }
}

/// <summary>Where the browser is and whether its absence is an error.</summary>
public static class Chromium
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("NEWSTRACKER_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool Required => Environment.GetEnvironmentVariable("NEWSTRACKER_REQUIRE_BROWSER") == "1";

    /// <summary>Flags for a headless Chromium on a closed network (no background calls home).</summary>
    public static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
    ];
}
