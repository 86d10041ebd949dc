using System.Text.RegularExpressions;

namespace NewsTracker.Web.Topics;

/// <summary>The Content-Security-Policy of a topic embed: no scripts at all, and <c>frame-ancestors</c> from
/// configuration. Only well-formed origins (<c>https://example.org</c>, <c>https://*.example.org:8443</c>) are
/// kept, so a setting can never inject another directive.</summary>
public static partial class EmbedPolicy
{
    /// <summary>The name of the setting, for messages that tell an admin what to change.</summary>
    public const string Setting = "Topics:EmbedFrameAncestors";

    /// <summary>Whether any other site may frame the embed (at least one well-formed origin is configured).</summary>
    public static bool AllowsFraming(string? configuredAncestors) => Origins(configuredAncestors).Count > 0;

    public static string For(string? configuredAncestors)
    {
        var origins = Origins(configuredAncestors);
        var ancestors = origins.Count == 0 ? "'none'" : string.Join(' ', origins);
        return "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; connect-src 'none'; " +
            $"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {ancestors}";
    }

    private static List<string> Origins(string? configuredAncestors) =>
        (configuredAncestors ?? string.Empty)
            .Split([' ', ',', ';', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Where(o => Origin().IsMatch(o))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    [GeneratedRegex(@"^https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?$|^'self'$", RegexOptions.CultureInvariant)]
    private static partial Regex Origin();
}
