using System.Net;
using System.Text.RegularExpressions;
using NewsTracker.Web.Feeds.Parsing;

namespace NewsTracker.Web.Feeds;

/// <summary>A feed a web page links to.</summary>
public sealed record DiscoveredFeed(string Url, string? Title, string Type);

/// <summary>
/// Finds the feeds a web page advertises: <c>&lt;link rel="alternate"&gt;</c> with an RSS, Atom or JSON Feed
/// type, resolved against the page's <c>&lt;base href&gt;</c> or address. Reads the tags with a scan of the
/// text, not a DOM, so a hostile page cannot make it recurse; only the first
/// <see cref="MaxScanChars"/> characters are looked at (feed links sit in the head).
/// </summary>
public static partial class FeedDiscovery
{
    public const int MaxScanChars = 512 * 1024;

    /// <summary>At most this many feeds are offered from one page.</summary>
    public const int MaxFeeds = 20;

    private static readonly HashSet<string> FeedTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json", "application/json",
        "application/x.atom+xml", "application/x-atom+xml", "text/xml", "application/xml",
    };

    public static IReadOnlyList<DiscoveredFeed> Find(string html, Uri pageUrl)
    {
        var head = html.Length > MaxScanChars ? html[..MaxScanChars] : html;
        var baseUrl = pageUrl;
        var found = new List<DiscoveredFeed>();
        foreach (Match tag in LinkOrBase().Matches(head))
        {
            var attributes = Attributes(tag.Groups["attributes"].Value);
            var href = attributes.GetValueOrDefault("href");
            if (tag.Groups["name"].Value.Equals("base", StringComparison.OrdinalIgnoreCase))
            {
                baseUrl = FeedXml.Resolve(pageUrl, href) ?? baseUrl;
                continue;
            }

            var rel = attributes.GetValueOrDefault("rel") ?? string.Empty;
            var type = attributes.GetValueOrDefault("type")?.Trim() ?? string.Empty;
            var isAlternate = rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(r => r.Equals("alternate", StringComparison.OrdinalIgnoreCase));
            var isFeedType = FeedTypes.Contains(type.Split(';')[0].Trim());

            // application/json alone is too vague (APIs, manifests) unless the link also calls itself a feed.
            if (!isAlternate || !isFeedType || (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !LooksLikeFeedTitle(attributes)))
            {
                continue;
            }

            if (FeedXml.Resolve(baseUrl, href) is { } url && found.All(f => f.Url != url.AbsoluteUri))
            {
                found.Add(new DiscoveredFeed(url.AbsoluteUri, FeedText.ToPlainText(attributes.GetValueOrDefault("title"), 200), type.ToLowerInvariant()));
                if (found.Count == MaxFeeds)
                {
                    break;
                }
            }
        }

        return found;
    }

    private static bool LooksLikeFeedTitle(Dictionary<string, string> attributes) =>
        attributes.GetValueOrDefault("title")?.Contains("feed", StringComparison.OrdinalIgnoreCase) == true;

    private static Dictionary<string, string> Attributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match attribute in Attribute().Matches(text))
        {
            var value = attribute.Groups["double"].Success ? attribute.Groups["double"].Value
                : attribute.Groups["single"].Success ? attribute.Groups["single"].Value
                : attribute.Groups["bare"].Value;
            attributes.TryAdd(attribute.Groups["name"].Value, WebUtility.HtmlDecode(value));
        }

        return attributes;
    }

    [GeneratedRegex(@"<(?<name>link|base)\b(?<attributes>[^<>]*)>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkOrBase();

    [GeneratedRegex(@"(?<name>[A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:""(?<double>[^""]*)""|'(?<single>[^']*)'|(?<bare>[^\s""'=<>`]+))", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();
}
