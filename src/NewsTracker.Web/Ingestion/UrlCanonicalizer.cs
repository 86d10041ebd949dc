namespace NewsTracker.Web.Ingestion;

/// <summary>Normalises article addresses so the same page reached by different links dedupes:
/// lower-case scheme and host, no default port, no fragment, no tracking parameters, no trailing slash.</summary>
public static class UrlCanonicalizer
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid",
        "_ga", "_gl", "ref_src", "ref_url", "cmpid", "ocid", "smid", "sr_share", "at_medium", "at_campaign",
    };

    /// <summary>True when <paramref name="url"/> is an absolute http(s) address.</summary>
    public static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static string? Canonicalize(string? url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var query = string.Join('&', uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !IsTracking(pair.Split('=', 2)[0]))
            .Order(StringComparer.Ordinal));

        var path = uri.AbsolutePath.Length > 1 ? uri.AbsolutePath.TrimEnd('/') : string.Empty;
        var port = uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var host = uri.IdnHost.ToLowerInvariant();
        return $"{uri.Scheme}://{host}{port}{path}{(query.Length > 0 ? "?" + query : string.Empty)}";
    }

    /// <summary>The host without a leading "www.", lower-case; null when not a web address.</summary>
    public static string? Domain(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && IsWebUrl(url)
            ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host).ToLowerInvariant()
            : null;

    private static bool IsTracking(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(name);
}
