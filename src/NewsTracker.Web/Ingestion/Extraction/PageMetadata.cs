using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace NewsTracker.Web.Ingestion.Extraction;

/// <summary>What a page says about itself outside the body text: JSON-LD, OpenGraph and meta tags.</summary>
public sealed record PageMetadata
{
    public string? Title { get; init; }

    public string? Byline { get; init; }

    /// <summary>When the page says it was first published, with the page's own offset.</summary>
    public DateTimeOffset? Published { get; init; }

    public string? SiteName { get; init; }

    /// <summary>The JSON-LD publisher's name.</summary>
    public string? PublisherName { get; init; }

    /// <summary>og:site_name.</summary>
    public string? OpenGraphSiteName { get; init; }

    /// <summary>The application-name meta tag.</summary>
    public string? ApplicationName { get; init; }

    /// <summary>article:section, a label the outlet's name must never be.</summary>
    public string? Section { get; init; }

    public string? Language { get; init; }

    public string? CanonicalUrl { get; init; }

    public string? Description { get; init; }

    /// <summary>The JSON-LD articleBody, kept as a fallback for pages whose markup hides the text.</summary>
    public string? ArticleBody { get; init; }

    /// <summary>The JSON-LD headline, which wins over meta titles.</summary>
    internal string? JsonLdHeadline { get; init; }

    /// <summary>The JSON-LD name when it differs from the headline.</summary>
    internal string? JsonLdName { get; init; }
}

/// <summary>Reads <see cref="PageMetadata"/> from a parsed document, before any cleaning changes it.</summary>
public static partial class PageMetadataReader
{
    /// <summary>Similarity above which a JSON-LD name is taken to be the document title.</summary>
    public const double TitleSimilarityThreshold = 0.75;

    private static readonly string[] ArticleTypes =
    [
        "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle",
        "BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "Report",
        "SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
        "LiveBlogPosting", "DiscussionForumPosting", "TechArticle", "APIReference",
    ];

    private static readonly string[] TitleKeys =
        ["dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title", "title", "twitter:title", "parsely-title", "sailthru.title"];

    private static readonly string[] BylineKeys =
        ["dc:creator", "dcterm:creator", "author", "parsely-author", "article:author", "sailthru.author"];

    private static readonly string[] DescriptionKeys =
        ["dc:description", "dcterm:description", "og:description", "weibo:article:description", "weibo:webpage:description", "description", "twitter:description"];


    /// <summary>Reads the metadata of <paramref name="document"/>.</summary>
    public static PageMetadata Read(IHtmlDocument document, string? url = null)
    {
        var meta = ReadMetaTags(document);
        var jsonLd = ReadJsonLd(document);

        string? First(string[] keys) =>
            keys.Select(k => meta.GetValueOrDefault(k)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

        var jsonTitle = PickJsonLdTitle(jsonLd, TitleCleaner.FromDocumentTitle(document));
        var byline = jsonLd?.Byline ?? First(BylineKeys);
        if (byline is not null && IsWebAddress(byline))
        {
            // article:author is often the author's profile page, which is no byline.
            byline = null;
        }

        var published = PublishedDateFinder.Find(document, jsonLd?.DatePublished, url);

        return new PageMetadata
        {
            Title = Clean(jsonTitle ?? First(TitleKeys)),
            Byline = Clean(byline),
            Published = published,
            SiteName = Clean(jsonLd?.SiteName ?? First(["og:site_name", "application-name"])),
            PublisherName = Clean(jsonLd?.SiteName),
            OpenGraphSiteName = Clean(First(["og:site_name"])),
            ApplicationName = Clean(First(["application-name"])),
            Section = Clean(document.QuerySelector("meta[property='article:section']")?.GetAttribute("content")),
            Language = Clean(NonBlank(document.DocumentElement.GetAttribute("lang"))
                ?? NonBlank(document.QuerySelector("meta[http-equiv='content-language' i]")?.GetAttribute("content"))
                ?? jsonLd?.Language
                ?? First(["og:locale", "language", "content-language", "dc.language"]))?.Replace('_', '-'),
            CanonicalUrl = Clean(document.QuerySelector("link[rel~=canonical][href]")?.GetAttribute("href") ?? First(["og:url"])),
            Description = Clean(jsonLd?.Description ?? First(DescriptionKeys)),
            ArticleBody = jsonLd?.ArticleBody,
            JsonLdHeadline = jsonLd?.Headline,
            JsonLdName = jsonLd?.Name,
        };
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : TextTools.FoldWhitespace(value);

    private static bool IsWebAddress(string value) =>
        value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> ReadMetaTags(IHtmlDocument document)
    {
        // Property (OpenGraph-style) values win over name values, which win over the looser extras.
        var fromProperty = new Dictionary<string, string>(StringComparer.Ordinal);
        var fromName = new Dictionary<string, string>(StringComparer.Ordinal);
        var extras = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in document.QuerySelectorAll("meta"))
        {
            var content = element.GetAttribute("content");
            if (string.IsNullOrWhiteSpace(content))
            {
                continue;
            }

            // A property attribute may hold several space-separated names ("og:title twitter:title").
            var property = element.GetAttribute("property");
            if (property is not null)
            {
                foreach (Match match in PropertyPattern().Matches(property))
                {
                    fromProperty[(match.Groups[1].Value + ":" + match.Groups[2].Value).ToLowerInvariant()] = content;
                }
            }

            var name = element.GetAttribute("name") ?? element.GetAttribute("itemprop");
            if (name is null)
            {
                continue;
            }

            if (NamePattern().IsMatch(name))
            {
                fromName[WhiteSpace().Replace(name, string.Empty).ToLowerInvariant().Replace('.', ':')] = content;
            }
            else
            {
                extras.TryAdd(name.Trim().ToLowerInvariant(), content);
            }
        }

        foreach (var (key, value) in fromName)
        {
            fromProperty.TryAdd(key, value);
        }

        foreach (var (key, value) in extras)
        {
            fromProperty.TryAdd(key, value);
        }

        return fromProperty;
    }

    [GeneratedRegex(@"\s*(article|dc|dcterm|og|twitter)\s*:\s*(author|creator|description|published_time|title|site_name|url)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex PropertyPattern();

    [GeneratedRegex(@"^\s*(?:(dc|dcterm|og|twitter|parsely|weibo:(article|webpage))\s*[-\.:]\s*)?(author|creator|pub-date|description|title|site_name)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    private static string? PickJsonLdTitle(JsonLdArticle? article, string? documentTitle)
    {
        if (article is null)
        {
            return null;
        }

        if (article.Name is not null && article.Headline is not null && article.Name != article.Headline)
        {
            if (string.Equals(article.Name, article.SiteName, StringComparison.OrdinalIgnoreCase))
            {
                // The name is the publisher's; the headline is the article's.
                return article.Headline;
            }

            // Some sites put the site name in "name"; take whichever resembles the page title.
            var title = documentTitle ?? string.Empty;
            var nameMatches = TextSimilarity(article.Name, title) > TitleSimilarityThreshold;
            var headlineMatches = TextSimilarity(article.Headline, title) > TitleSimilarityThreshold;
            return headlineMatches && !nameMatches ? article.Headline : article.Name;
        }

        return article.Name ?? article.Headline;
    }

    /// <summary>Share of <paramref name="b"/>'s word tokens (by length) also found in <paramref name="a"/>.</summary>
    internal static double TextSimilarity(string a, string b)
    {
        var tokensA = WordTokens(a).ToHashSet(StringComparer.Ordinal);
        var tokensB = WordTokens(b).ToList();
        if (tokensA.Count == 0 || tokensB.Count == 0)
        {
            return 0;
        }

        var unique = tokensB.Where(t => !tokensA.Contains(t)).ToList();
        var distance = (double)string.Join(' ', unique).Length / string.Join(' ', tokensB).Length;
        return 1 - distance;
    }

    private static IEnumerable<string> WordTokens(string text) =>
        text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(t => new string(t.Where(char.IsLetterOrDigit).ToArray()))
            .Where(t => t.Length > 0);


    private static JsonLdArticle? ReadJsonLd(IHtmlDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            var text = script.TextContent.Trim();
            if (text.StartsWith("<![CDATA[", StringComparison.Ordinal))
            {
                text = text[9..].TrimEnd();
                text = text.EndsWith("]]>", StringComparison.Ordinal) ? text[..^3] : text;
            }

            try
            {
                using var json = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
                var found = FindArticle(json.RootElement, 0);
                if (found is not null)
                {
                    return found;
                }
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common; the meta tags and the body still count.
            }
        }

        return null;
    }

    private const int MaxJsonLdSearchDepth = 4;

    private static JsonLdArticle? FindArticle(JsonElement element, int depth)
    {
        if (depth > MaxJsonLdSearchDepth)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (FindArticle(item, depth + 1) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (IsArticleType(element))
        {
            return JsonLdArticle.From(element);
        }

        return element.TryGetProperty("@graph", out var graph) ? FindArticle(graph, depth + 1) : null;
    }

    private static bool IsArticleType(JsonElement element)
    {
        if (!element.TryGetProperty("@type", out var type))
        {
            return false;
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => ArticleTypes.Contains(StripSchemaPrefix(type.GetString())),
            JsonValueKind.Array => type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && ArticleTypes.Contains(StripSchemaPrefix(t.GetString()))),
            _ => false,
        };
    }

    private static string StripSchemaPrefix(string? type) =>
        type is null ? string.Empty : type[(type.LastIndexOfAny(['/', ':']) + 1)..];

    private sealed record JsonLdArticle(string? Name, string? Headline, string? Byline, string? DatePublished, string? SiteName, string? Description, string? ArticleBody, string? Language)
    {
        public static JsonLdArticle From(JsonElement element) => new(
            Text(element, "name"),
            Text(element, "headline"),
            Authors(element),
            Text(element, "datePublished") ?? Text(element, "dateCreated"),
            element.TryGetProperty("publisher", out var publisher) ? Text(publisher, "name") : null,
            Text(element, "description"),
            Text(element, "articleBody"),
            Text(element, "inLanguage"));

        private static string? Text(JsonElement element, string property)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                return element.EnumerateArray().Select(e => Text(e, property)).FirstOrDefault(t => t is not null);
            }

            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value))
            {
                return null;
            }

            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()).FirstOrDefault(),
                _ => null,
            };
            return string.IsNullOrWhiteSpace(text) ? null : System.Net.WebUtility.HtmlDecode(text).Trim();
        }

        private static string? Authors(JsonElement element)
        {
            if (!element.TryGetProperty("author", out var author))
            {
                return null;
            }

            IEnumerable<JsonElement> items = author.ValueKind == JsonValueKind.Array ? author.EnumerateArray() : [author];
            var names = items
                .Select(a => a.ValueKind == JsonValueKind.String ? a.GetString() : Text(a, "name"))
                .Where(n => !string.IsNullOrWhiteSpace(n))
                .Select(n => n!.Trim())
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return names.Count == 0 ? null : string.Join(", ", names);
        }
    }
}
