using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;

namespace NewsTracker.Web.Ingestion.Extraction;

/// <summary>
/// Finds the headline inside a document's &lt;title&gt;, which usually carries the site name as well:
/// "Headline | Site", "Site - Section - Headline", "Site: Headline". Follows Readability's rules so
/// titles agree with what reader views show.
/// </summary>
public static partial class TitleCleaner
{
    /// <summary>Below this many words a cut title is probably just the site or section name.</summary>
    public const int MinHeadlineWords = 3;

    /// <summary>Words before a colon beyond which the colon is part of the headline, not a prefix.</summary>
    public const int MaxColonPrefixWords = 5;

    /// <summary>Titles shorter or longer than these are replaced by the page's only &lt;h1&gt;.</summary>
    public const int MinTitleChars = 15;

    /// <summary>See <see cref="MinTitleChars"/>.</summary>
    public const int MaxTitleChars = 150;

    private const int ShortTitleWords = 4;

    /// <summary>The headline of <paramref name="document"/> taken from its &lt;title&gt;.</summary>
    public static string FromDocumentTitle(IHtmlDocument document)
    {
        var original = TextTools.FoldWhitespace(document.Title ?? string.Empty);
        var current = original;
        var hadHierarchy = false;

        if (SpacedSeparator().IsMatch(current))
        {
            hadHierarchy = HierarchySeparator().IsMatch(current);
            current = AfterLastSeparator().Replace(original, "$1");
            if (WordCount(current) < MinHeadlineWords)
            {
                current = BeforeFirstSeparator().Replace(original, "$1");
            }
        }
        else if (current.Contains(": ", StringComparison.Ordinal))
        {
            var matchesHeading = document.QuerySelectorAll("h1, h2")
                .Any(h => string.Equals(TextTools.FoldWhitespace(h.TextContent), current, StringComparison.Ordinal));
            if (!matchesHeading)
            {
                current = original[(original.LastIndexOf(':') + 1)..];
                if (WordCount(current) < MinHeadlineWords)
                {
                    current = original[(original.IndexOf(':', StringComparison.Ordinal) + 1)..];
                }
                else if (WordCount(original[..original.IndexOf(':', StringComparison.Ordinal)]) > MaxColonPrefixWords)
                {
                    current = original;
                }
            }
        }
        else if (current.Length is > MaxTitleChars or < MinTitleChars)
        {
            var headings = document.QuerySelectorAll("h1");
            if (headings.Length == 1)
            {
                current = headings[0].TextContent;
            }
        }

        current = TextTools.FoldWhitespace(current);
        var words = WordCount(current);

        // A very short result is usually a section name; keep the whole title unless the cut removed
        // exactly one hierarchy level.
        if (words <= ShortTitleWords &&
            (!hadHierarchy || words != WordCount(AnySeparator().Replace(original, string.Empty)) - 1))
        {
            current = original;
        }

        return current;
    }

    private static int WordCount(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex(@" [\|\-–—\\/>»] ")]
    private static partial Regex SpacedSeparator();

    [GeneratedRegex(@" [\\/>»] ")]
    private static partial Regex HierarchySeparator();

    [GeneratedRegex(@"(.*)[\|\-–—\\/>»] .*", RegexOptions.Singleline)]
    private static partial Regex AfterLastSeparator();

    [GeneratedRegex(@"[^\|\-–—\\/>»]*[\|\-–—\\/>»](.*)", RegexOptions.Singleline)]
    private static partial Regex BeforeFirstSeparator();

    [GeneratedRegex(@"[\|\-–—\\/>»]+")]
    private static partial Regex AnySeparator();

    private static readonly string[] SiteNameSeparators = [" | ", " - ", " – ", " — ", " :: ", " » ", " · ", ": "];

    /// <summary>Removes the site's own name when it is glued to the headline ("Headline | Site",
    /// "Site - Headline"). Readability keeps short titles whole because it cannot tell a site name from a
    /// section name; when the page declares its site name, there is no doubt.</summary>
    public static string WithoutSiteName(string title, string? siteName)
    {
        var site = siteName is null ? string.Empty : TextTools.FoldWhitespace(siteName);
        if (site.Length == 0 || title.Length <= site.Length)
        {
            return title;
        }

        foreach (var separator in SiteNameSeparators)
        {
            if (title.EndsWith(separator + site, StringComparison.OrdinalIgnoreCase))
            {
                return title[..^(separator.Length + site.Length)].Trim();
            }

            if (separator != ": " && title.StartsWith(site + separator, StringComparison.OrdinalIgnoreCase))
            {
                return title[(site.Length + separator.Length)..].Trim();
            }
        }

        return title;
    }
}
