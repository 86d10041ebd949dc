using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace NewsTracker.Web.Ingestion.Extraction;

/// <summary>
/// Our own choice of the article's container, after trafilatura's: the first element whose class or id
/// names an article body, tried in tiers from the most telling name ("article-body", itemprop=articleBody)
/// to the least ("main"), then pruned of the furniture its class or id names and of link lists.
/// Readability's scoring is the fallback; <see cref="HtmlArticleExtractor"/> chooses between the two.
/// </summary>
public static partial class ArticleContainer
{
    /// <summary>Least body text a container must give to be taken rather than the next tier's.</summary>
    public const int MinBodyChars = 250;

    /// <summary>Pruning that leaves less than this share of a container's text is undone (trafilatura's 1/7).</summary>
    public const double MinKeptShare = 1.0 / 7;

    /// <summary>This many article elements inside a container make it a listing of articles.</summary>
    public const int MinListedArticles = 3;

    private static readonly string[] ContainerTags = ["article", "div", "main", "section"];

    // Whole elements that never hold article text (trafilatura's tree cleaning, less figures: their
    // captions are kept as caption blocks).
    private const string Removed =
        "script, style, noscript, template, aside, footer, nav, menu, iframe, embed, object, applet, audio, video, canvas, map, svg, " +
        "button, select, option, optgroup, input, textarea, label, fieldset, legend, dialog, datalist, output, progress, time, " +
        "[hidden], [aria-hidden=true], [role=navigation], [role=complementary], [role=contentinfo]";

    private static readonly Func<IElement, bool>[] Tiers =
    [
        e => e.GetAttribute("class") is "post" or "entry" || e.GetAttribute("itemprop") == "articleBody" || e.Id == "articleContent"
            || Matches(ArticleBodyId(), e.Id) || Matches(ArticleBodyClass(), e.GetAttribute("class")),
        e => e.LocalName == "article",
        e => e.GetAttribute("role") == "article" || e.Id is "article" or "story"
            || e.GetAttribute("class") is "postarea" or "art-postcontent" or "text" or "cell" or "story"
            || Matches(StoryId(), e.Id) || Matches(StoryClass(), e.GetAttribute("class")),
        e => e.Id == "content" || e.GetAttribute("class") == "content"
            || Matches(MainContentId(), e.Id) || Matches(MainContentClass(), e.GetAttribute("class")),
        e => e.LocalName == "main" || StartsWithMain(e.GetAttribute("class")) || StartsWithMain(e.Id) || StartsWithMain(e.GetAttribute("role")),
    ];

    /// <summary>
    /// Finds the article container of <paramref name="document"/> and returns a pruned copy of it; null when no
    /// tier names a container with enough text. The document itself is left as it was, so Readability can read
    /// the same parse.
    /// </summary>
    public static IElement? Find(IHtmlDocument document)
    {
        if (document.Body is not { } body)
        {
            return null;
        }

        // What never holds article text is set aside here and removed from the copy that is pruned.
        var excluded = new HashSet<IElement>(body.QuerySelectorAll(Removed));
        excluded.UnionWith(body.QuerySelectorAll("[style]").Where(IsHiddenByStyle));
        excluded.UnionWith(body.QuerySelectorAll("form").Where(f => !IsInside(f, excluded) && IsShortForm(f, excluded)));

        var candidates = body.QuerySelectorAll(string.Join(", ", ContainerTags)).Where(c => !IsInside(c, excluded)).ToList();
        foreach (var tier in Tiers)
        {
            // A container of several articles is a listing: a section front, or an endless-scroll page whose
            // first article is the one asked for. Its articles come next in document order, so the tier's
            // next match is the listing's first article.
            var container = candidates.FirstOrDefault(c => tier(c) && c.QuerySelectorAll("article").Count(a => !IsInside(a, excluded)) < MinListedArticles);
            if (container is null)
            {
                continue;
            }

            var pruned = Prune(container);
            if (ParagraphText(pruned) >= MinBodyChars || TextTools.FoldWhitespace(pruned.TextContent).Length >= MinBodyChars * 3)
            {
                return pruned;
            }
        }

        return null;
    }

    private static bool IsInside(IElement element, HashSet<IElement> set)
    {
        for (var current = element; current is not null; current = current.ParentElement)
        {
            if (set.Contains(current))
            {
                return true;
            }
        }

        return false;
    }

    // Some sites wrap the whole page in one form; only a short form is a search box or sign-up.
    private static bool IsShortForm(IElement form, HashSet<IElement> excluded)
    {
        var length = 0;
        foreach (var text in form.Descendants<IText>())
        {
            if (text.ParentElement is { } parent && !IsInside(parent, excluded))
            {
                length += TextTools.FoldWhitespace(text.Data).Length;
            }
        }

        return length < MinBodyChars * 2;
    }

    /// <summary>A copy of <paramref name="container"/> without what never holds article text: scripts, furniture
    /// elements, hidden elements and short forms.</summary>
    private static IElement CleanCopy(IElement container)
    {
        var copy = (IElement)container.Clone(deep: true);
        foreach (var element in copy.QuerySelectorAll(Removed).ToList())
        {
            element.Remove();
        }

        foreach (var element in copy.QuerySelectorAll("[style]").Where(IsHiddenByStyle).ToList())
        {
            element.Remove();
        }

        foreach (var form in copy.QuerySelectorAll("form").Where(f => TextTools.FoldWhitespace(f.TextContent).Length < MinBodyChars * 2).ToList())
        {
            form.Remove();
        }

        return copy;
    }

    /// <summary>A pruned copy of <paramref name="container"/>: named furniture, comments, teasers and link lists removed.</summary>
    internal static IElement Prune(IElement container)
    {
        var copy = CleanCopy(container);
        var before = TextTools.FoldWhitespace(copy.TextContent).Length;
        RemoveWhere(copy, IsNamedFurniture);
        if (TextTools.FoldWhitespace(copy.TextContent).Length <= before * MinKeptShare)
        {
            // The names condemned most of the container: they described the page, not its furniture.
            copy = CleanCopy(container);
        }

        RemoveWhere(copy, IsCommentsOrTeaser);
        for (var pass = 0; pass < 2; pass++)
        {
            RemoveWithHeading(copy, e => e.LocalName == "div" && IsLinkList(e, backtracking: true));
            RemoveWithHeading(copy, e => e.LocalName is "ul" or "ol" or "dl" && IsLinkList(e, backtracking: false));
            RemoveWhere(copy, e => e.LocalName == "p" && e.ParentElement?.LocalName is not ("li" or "td" or "th") && IsLinkList(e, backtracking: false));
        }

        RemoveWithHeading(copy, e => e.LocalName == "table" && IsLinkTable(e));
        RemoveLooseText(copy);
        return copy;
    }

    /// <summary>Where the article is written in paragraphs, removes short text loose in its divs.</summary>
    // Where the article is written in paragraphs, short text loose in the container's divs is its
    // furniture: labels, dates, counters, "Von:" lines (trafilatura reads only text elements then).
    // A long loose run is a paragraph without its tag and stays.
    internal static void RemoveLooseText(IElement container)
    {
        if (ParagraphText(container) < MinBodyChars * 3)
        {
            return;
        }

        var groups = new Dictionary<INode, List<IText>>();
        var stack = new Stack<(INode Node, INode Block)>();
        stack.Push((container, container));
        while (stack.Count > 0)
        {
            var (node, block) = stack.Pop();
            foreach (var child in node.ChildNodes)
            {
                if (child is IText text)
                {
                    if (!string.IsNullOrWhiteSpace(text.Data))
                    {
                        if (!groups.TryGetValue(block, out var group))
                        {
                            groups[block] = group = [];
                        }

                        group.Add(text);
                    }
                }
                else if (child is IElement element && !TextElements.Contains(element.LocalName))
                {
                    stack.Push((element, InlineElements.Contains(element.LocalName) ? block : element));
                }
            }
        }

        foreach (var group in groups.Values.Where(g => g.Sum(t => TextTools.FoldWhitespace(t.Data).Length) < MaxLooseChars))
        {
            foreach (var text in group)
            {
                text.Parent?.RemoveChild(text);
            }
        }
    }

    /// <summary>Longest run of loose text (outside paragraphs) taken for furniture.</summary>
    public const int MaxLooseChars = 100;

    private static readonly HashSet<string> InlineElements = new(StringComparer.Ordinal)
    {
        "a", "span", "strong", "b", "em", "i", "u", "small", "font", "abbr", "sup", "sub", "mark", "cite", "q", "label", "s", "br",
    };

    private static readonly HashSet<string> TextElements = new(StringComparer.Ordinal)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "code", "table", "figure", "figcaption", "address",
    };

    private static void RemoveWhere(IElement root, Func<IElement, bool> doomed)
    {
        foreach (var element in root.QuerySelectorAll("*").Where(e => e.Parent is not null && doomed(e)).ToList())
        {
            element.Remove();
        }
    }

    // A link list's own heading ("Related articles", "More on this") goes with it.
    private static void RemoveWithHeading(IElement root, Func<IElement, bool> doomed)
    {
        foreach (var element in root.QuerySelectorAll("*").Where(e => e.Parent is not null && doomed(e)).ToList())
        {
            if (element.PreviousElementSibling is { LocalName: "h2" or "h3" or "h4" or "h5" or "h6" } heading)
            {
                heading.Remove();
            }

            element.Remove();
        }
    }

    private static bool IsNamedFurniture(IElement element)
    {
        if (element.LocalName is not ("div" or "li" or "ul" or "ol" or "dl" or "p" or "section" or "span"))
        {
            return false;
        }

        var id = element.Id;
        var className = element.GetAttribute("class");
        return element.HasAttribute("data-lp-replacement-content")
            || (element.GetAttribute("role")?.Contains("nav", StringComparison.OrdinalIgnoreCase) ?? false)
            || (element.GetAttribute("data-component")?.Contains("MostPopularStories", StringComparison.Ordinal) ?? false)
            || Matches(CookieName(), id ?? className)
            || Matches(FurnitureId(), id)
            || Matches(FurnitureClass(), className);
    }

    private static bool IsCommentsOrTeaser(IElement element)
    {
        var id = element.Id;
        var className = element.GetAttribute("class");
        if (element.LocalName is "div" or "section" or "ul" or "ol" or "details"
            && (Matches(CommentsId(), id) || Matches(CommentsClass(), className)))
        {
            return true;
        }

        if (element.LocalName is "div" or "li" or "ul" or "ol" or "p" or "section" or "span"
            && ((id?.Contains("teaser", StringComparison.OrdinalIgnoreCase) ?? false) || (className?.Contains("teaser", StringComparison.OrdinalIgnoreCase) ?? false)))
        {
            return true;
        }

        return className == "comments-title"
            || (id?.StartsWith("reply-", StringComparison.Ordinal) ?? false) || (className?.StartsWith("reply-", StringComparison.Ordinal) ?? false)
            || (id?.Contains("hidden", StringComparison.Ordinal) ?? false)
            || Matches(HiddenId(), id) || Matches(HiddenClass(), className);
    }

    private static bool IsHiddenByStyle(IElement element)
    {
        var style = element.GetAttribute("style");
        return style is not null && HiddenStyle().IsMatch(style);
    }

    // trafilatura's link density test: a short element that is mostly link text, or a long one that is
    // a farm of many short links, is navigation or a list of other articles.
    private static bool IsLinkList(IElement element, bool backtracking)
    {
        var links = element.QuerySelectorAll("a").ToList();
        // Unlike Readability, an image does not save a link list: teaser grids are pictures with links.
        if (links.Count == 0)
        {
            return false;
        }

        var text = TextTools.FoldWhitespace(element.TextContent);
        var linkTexts = links.Select(a => TextTools.FoldWhitespace(a.TextContent)).Where(t => t.Length > 0).ToList();
        if (linkTexts.Count == 1 && linkTexts[0].Length > 100 && linkTexts[0].Length > text.Length * 0.9)
        {
            return true;
        }

        var last = element.NextElementSibling is null;
        var limit = element.LocalName == "p" ? (last ? 60 : 30) : last ? 300 : 100;
        var linkLength = linkTexts.Sum(t => t.Length);
        if (text.Length < limit)
        {
            if (linkTexts.Count == 0)
            {
                return true;
            }

            var shortLinks = linkTexts.Count(t => t.Length < 10);
            if (linkLength > text.Length * 0.8 || (linkTexts.Count > 1 && (double)shortLinks / linkTexts.Count > 0.8))
            {
                return true;
            }

            return backtracking && text.Length is > 0 and < 100 && element.Children.Length >= 3;
        }

        return links.Count > 4 && linkLength > text.Length * 0.8 && linkLength < 100 * linkTexts.Count
            && !links.All(a => a.ParentElement?.LocalName == "p" && a.ParentElement.QuerySelectorAll("a").Length == 1);
    }

    private static bool IsLinkTable(IElement table)
    {
        var textLength = TextTools.FoldWhitespace(table.TextContent).Length;
        if (textLength < 200)
        {
            return false;
        }

        var linkLength = table.QuerySelectorAll("a").Sum(a => TextTools.FoldWhitespace(a.TextContent).Length);
        return textLength < 1000 ? linkLength > 0.8 * textLength : linkLength > 0.5 * textLength;
    }

    private static int ParagraphText(IElement element) =>
        element.QuerySelectorAll("p").Sum(p => TextTools.FoldWhitespace(p.TextContent).Length);

    private static bool Matches(Regex regex, string? value) => value is not null && regex.IsMatch(value);

    private static bool StartsWithMain(string? value) => value?.StartsWith("main", StringComparison.Ordinal) ?? false;

    [GeneratedRegex(@"(entry|article|art)-content|article__content|article(-|__)?body|articleBody|body-text")]
    private static partial Regex ArticleBodyId();

    [GeneratedRegex(@"post[-_]text|post-body|post-?entry|post[-_]?content|postContent|post_inner_wrapper|article-?text|articleText|(entry|page|text|article|art)-content|article__content|article(-|__)?body|articleBody|ArticleContent|body-text|article__container")]
    private static partial Regex ArticleBodyClass();

    [GeneratedRegex(@"^primary|story-body")]
    private static partial Regex StoryId();

    [GeneratedRegex(@"^article |post-bodycopy|story-?content|(theme|blog|section|single)-content|single-post|main-column|wpb_text_column|story-body|field-body|[Ff][Uu][Ll][Ll][Tt][Ee][Xx][Tt]")]
    private static partial Regex StoryClass();

    [GeneratedRegex(@"content-main|content-body|contentBody|[Mm]ain-[Cc]ontent")]
    private static partial Regex MainContentId();

    [GeneratedRegex(@"content[-_]main|content(-|__)body|[Mm]ain-[Cc]ontent|page-content|Page-content|page-Content|Page-Content")]
    private static partial Regex MainContentClass();

    [GeneratedRegex("cookie")]
    private static partial Regex CookieName();

    [GeneratedRegex(@"^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author|footer|Footer|share|Share|nav|Nav|menu|related|message-container|premium")]
    private static partial Regex FurnitureId();

    [GeneratedRegex(@"^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author|^(nav|post-nav)|subnav|avigation|navbar|navbox|menu|bar| ad |-ad-|outbrain|taboola|criteo|paid-?content|widget|footer|Footer|byline|Byline|share-|sociable|embedded|embed|tag-list|consent|modal-content|permission|elated|next-|-stories|most-popular|meta|rating|attachment|timestamp|user-info|user-profile|-icon|article-infos|slide|viewport|overlay|options|expand|obfuscated|blurred")]
    private static partial Regex FurnitureClass();

    [GeneratedRegex(@"^([Cc]omment|comol|disqus_thread|dsq-comments)|comment-?list")]
    private static partial Regex CommentsId();

    [GeneratedRegex(@"^[Cc]omment|(article|post)-comments|comment-?list|comment-page|comments-content")]
    private static partial Regex CommentsClass();

    [GeneratedRegex(@"reader-comments|akismet")]
    private static partial Regex HiddenId();

    // "hidden" and "hide" count as whole class words only: "hideOnInit" or "toggle-hidden" name text a
    // script folds away and unfolds ("read more"), which is article text.
    [GeneratedRegex(@"^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print|\s(hidden|hide)(\s|$)|noprint|notloaded")]
    private static partial Regex HiddenClass();

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();
}
