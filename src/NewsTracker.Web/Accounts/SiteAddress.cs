namespace NewsTracker.Web.Accounts;

/// <summary>The address people reach the site at, for links NewsTracker hands out (setup and password-reset links):
/// <c>NewsTracker:PublicBaseUrl</c> when set (behind a proxy the server cannot know it), else what the caller knows.</summary>
public static class SiteAddress
{
    public const string PublicBaseUrlKey = "NewsTracker:PublicBaseUrl";

    public static string? Configured(IConfiguration configuration) =>
        configuration[PublicBaseUrlKey]?.Trim().TrimEnd('/') is { Length: > 0 } configured ? configured : null;

    /// <summary>The configured address, else the one this request came to.</summary>
    public static string For(IConfiguration configuration, HttpRequest request) =>
        Configured(configuration) ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
}
