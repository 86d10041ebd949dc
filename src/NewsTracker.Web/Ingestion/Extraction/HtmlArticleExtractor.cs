using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using NewsTracker.Web.Domain;
using SmartReader;

namespace NewsTracker.Web.Ingestion.Extraction;

/// <summary>
/// Extracts an article from one HTML page: SmartReader (Readability) picks the main content, then
/// our own AngleSharp pass reads JSON-LD and meta tags, removes the furniture Readability keeps and
/// writes the content as ordered blocks. Safe on hostile input: see <see cref="HtmlInputGuard"/>.
/// </summary>
public sealed partial class HtmlArticleExtractor
{
    /// <summary>Below this many characters of body, a longer JSON-LD articleBody is used instead.</summary>
    public const int ThinBodyChars = 500;

    /// <summary>The address SmartReader is given when the caller has none; it resolves nothing.</summary>
    public const string PlaceholderUrl = "https://unknown.invalid/article";

    /// <summary>The longest description kept when it comes from the body.</summary>
    public const int MaxDescriptionChars = 300;

    private static readonly HtmlParserOptions ParserOptions = new() { IsScripting = false };

    /// <summary>Extracts the article in <paramref name="html"/>, found at <paramref name="url"/> when known.</summary>
    /// <exception cref="ExtractionException">The input is empty, binary, too large or nested too deep.</exception>
    public ExtractedArticle Extract(string html, string? url)
    {
        HtmlInputGuard.EnsureAcceptable(html);

        var document = new HtmlParser(ParserOptions).ParseDocument(html);
        var metadata = PageMetadataReader.Read(document, url);
        UnwrapNoScriptPage(document);

        // Our container is pruned as a copy, so the one parse serves it and then Readability, which changes the document.
        var own = OwnBlocks(document);
        var documentTitle = TitleCleaner.FromDocumentTitle(document);

        List<ParsedBlock>? blocks = null;
        var reader = new Reader(UrlCanonicalizer.IsWebUrl(url) ? url! : PlaceholderUrl, document)
        {
            Debug = false,
            Logging = ReportLevel.Issue,

            // Readability strips class names from its result; the furniture rules need them.
            KeepClasses = true,
        };
        reader.AddCustomOperationEnd(content =>
        {
            // Of our pruning, only the loose-text rule leaves Readability's container choice alone;
            // the rest would drop what Readability keeps on its own test pages.
            ArticleContainer.RemoveLooseText(content);
            BoilerplateCleaner.Clean(content);
            blocks = BoilerplateCleaner.DropFurnitureLines(BlockWriter.Write(content));
        });
        var article = reader.GetArticle();
        blocks = Choose(own, blocks ?? []);
        if (blocks.Count == 0)
        {
            // Readability gives up on some pages (too little text in one place, odd markup); the
            // page's own main container, without its furniture, is then better than nothing.
            blocks = FallbackBlocks(html);
        }

        if (metadata.ArticleBody is { } articleBody && TextLength(blocks) < ThinBodyChars && articleBody.Length > TextLength(blocks))
        {
            blocks = ParagraphsOf(articleBody);
        }

        // A title the page declares (JSON-LD, og:title) is kept as written; only the <title> element,
        // which sites routinely suffix with their name, loses a declared site name.
        var title = metadata.Title
            ?? NonEmpty(TitleCleaner.WithoutSiteName(documentTitle, metadata.SiteName ?? NonEmpty(article.SiteName)))
            ?? NonEmpty(article.Title)
            ?? NonEmpty(document.QuerySelector("h1")?.TextContent)
            ?? string.Empty;
        blocks = DropLeadingTitle(blocks, title);
        var parsed = new ParsedArticle(title, blocks);
        BylineParts[] bylines = [BylineCleaner.Split(metadata.Byline), BylineCleaner.Split(article.Byline), BylineCleaner.Split(article.Author)];

        return new ExtractedArticle
        {
            Article = parsed,
            Byline = bylines.Select(b => b.Authors).FirstOrDefault(a => a is not null),
            Agency = bylines.Select(b => b.Agency).FirstOrDefault(a => a is not null),
            Published = metadata.Published,
            SiteName = OutletNamer.Choose([metadata.PublisherName, metadata.OpenGraphSiteName, metadata.ApplicationName], article.SiteName, metadata.Section, url),
            Language = metadata.Language ?? LanguageGuesser.Guess(parsed.PlainText),
            CanonicalUrl = ResolveCanonical(metadata.CanonicalUrl, url),
            Description = metadata.Description ?? NonEmpty(parsed.Excerpt(MaxDescriptionChars)),
        };
    }

    /// <summary>The blocks of our own container choice, or null when no container names itself.</summary>
    private static List<ParsedBlock>? OwnBlocks(IHtmlDocument document)
    {
        var container = ArticleContainer.Find(document);
        if (container is null)
        {
            return null;
        }

        BoilerplateCleaner.Clean(container);
        var blocks = BoilerplateCleaner.DropFurnitureLines(BlockWriter.Write(container));

        // A heading with nothing after it introduced something pruned (trafilatura's trailing titles).
        while (blocks.Count > 0 && blocks[^1].Kind == BlockKind.Heading)
        {
            blocks.RemoveAt(blocks.Count - 1);
        }

        return blocks;
    }

    // trafilatura compares its own container with Readability's and keeps the longer when they differ
    // much. Here Readability's is the default (its choice is the better one on ordinary article pages);
    // ours wins where Readability settled on a fragment of the article.
    private static List<ParsedBlock> Choose(List<ParsedBlock>? own, List<ParsedBlock> readability)
    {
        if (own is null || own.Count == 0)
        {
            return readability;
        }

        var ownLength = RunningLength(own);
        var readabilityLength = RunningLength(readability);
        if (ownLength > OwnLengthFactor * readabilityLength)
        {
            return own;
        }

        // When the two hold mostly different words they settled on different parts of the page: Readability
        // then scored a bio, a teaser list or a service box above a short article, and the container the page
        // names as its article body is the better guess, unless it is much the shorter.
        var ownWords = Words(own);
        var readabilityWords = Words(readability);
        return ownLength > MinDisjointOwnShare * readabilityLength
            && SharedShare(readabilityWords, ownWords) < MaxSharedWithOurs
            && SharedShare(ownWords, readabilityWords) < MaxSharedWithReadability
                ? own
                : readability;
    }

    /// <summary>Our container is taken over Readability's only when it holds this many times more running text.</summary>
    public const double OwnLengthFactor = 1.5;

    /// <summary>Below this share of Readability's words found in ours, the two chose different parts of the page.</summary>
    public const double MaxSharedWithOurs = 0.5;

    /// <summary>Below this share of our words found in Readability's, the two chose different parts of the page.</summary>
    public const double MaxSharedWithReadability = 0.7;

    /// <summary>Where the two chose different parts, ours needs at least this share of Readability's length.</summary>
    public const double MinDisjointOwnShare = 0.3;

    private static Dictionary<string, int> Words(List<ParsedBlock> blocks)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var block in blocks.Where(b => b.Kind != BlockKind.Caption))
        {
            foreach (Match word in Word().Matches(block.Text.ToLowerInvariant()))
            {
                counts[word.Value] = counts.GetValueOrDefault(word.Value) + 1;
            }
        }

        return counts;
    }

    // The share of the words of one text (counted with repeats) that the other also holds.
    private static double SharedShare(Dictionary<string, int> words, Dictionary<string, int> other)
    {
        var total = words.Values.Sum();
        return total == 0 ? 0 : (double)words.Sum(w => Math.Min(w.Value, other.GetValueOrDefault(w.Key))) / total;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    private static int RunningLength(List<ParsedBlock> blocks) =>
        blocks.Where(b => b.Kind != BlockKind.Caption).Sum(b => b.Text.Length);

    private static List<ParsedBlock> FallbackBlocks(string html)
    {
        var document = ParseBody(html);
        if (document.Body is null)
        {
            return [];
        }

        foreach (var furniture in document.Body.QuerySelectorAll("script, style, nav, header, footer, aside, [hidden], [aria-hidden=true]").ToList())
        {
            furniture.Remove();
        }

        var candidates = document.Body.QuerySelectorAll("article, main, [role=main]").Append(document.Body);
        var container = candidates.FirstOrDefault(c => TextTools.FoldWhitespace(c.TextContent).Length >= FallbackMinChars) ?? document.Body;
        BoilerplateCleaner.Clean(container);
        return BlockWriter.Write(container);
    }

    private static IHtmlDocument ParseBody(string html)
    {
        var document = new HtmlParser(ParserOptions).ParseDocument(html);
        UnwrapNoScriptPage(document);
        return document;
    }

    // Some sites render the page or the post with scripts (Blogger keeps the post in a script template) and
    // put a copy in <noscript> for readers without them. Parsed with scripting off, that copy is ordinary
    // markup; when it holds most of the page's text, or paragraphs longer than any "enable JavaScript" notice,
    // it is the article, and the <noscript> wrapper (which every cleaner removes as script furniture) goes.
    private static void UnwrapNoScriptPage(IHtmlDocument document)
    {
        if (document.Body is not { } body)
        {
            return;
        }

        var wrappers = body.QuerySelectorAll("noscript").Where(n => n.ParentElement?.Closest("noscript") is null).ToList();
        var inside = wrappers.Sum(n => TextTools.FoldWhitespace(n.TextContent).Length);
        if (inside == 0)
        {
            return;
        }

        var wholePage = inside * 2 >= TextTools.FoldWhitespace(body.TextContent).Length;
        foreach (var wrapper in wrappers)
        {
            if (wholePage || wrapper.QuerySelectorAll("p").Sum(p => TextTools.FoldWhitespace(p.TextContent).Length) >= MinNoScriptArticleChars)
            {
                wrapper.Replace([.. wrapper.ChildNodes]);
            }
        }
    }

    /// <summary>Paragraph text a &lt;noscript&gt; needs to be read as the article's copy rather than a notice.</summary>
    public const int MinNoScriptArticleChars = 1500;

    /// <summary>Least text a fallback container needs to be taken for the article.</summary>
    private const int FallbackMinChars = 200;

    private static string? NonEmpty(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : TextTools.FoldWhitespace(value);

    private static int TextLength(List<ParsedBlock> blocks) => blocks.Sum(b => b.Text.Length);

    private static List<ParsedBlock> ParagraphsOf(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(TextTools.FoldWhitespace)
            .Where(p => p.Length > 0)
            .Select(p => new ParsedBlock(BlockKind.Paragraph, p))
            .ToList();

    // Readability keeps an <h1> repeating the title at the top of the content; the title is stored apart.
    private static List<ParsedBlock> DropLeadingTitle(List<ParsedBlock> blocks, string title) =>
        blocks.Count > 1 && blocks[0].Kind == BlockKind.Heading && string.Equals(blocks[0].Text, title, StringComparison.Ordinal)
            ? blocks[1..]
            : blocks;

    private static string? ResolveCanonical(string? canonical, string? pageUrl)
    {
        if (canonical is null)
        {
            return null;
        }

        if (Uri.TryCreate(canonical, UriKind.Absolute, out var absolute) && UrlCanonicalizer.IsWebUrl(absolute.AbsoluteUri))
        {
            return absolute.AbsoluteUri;
        }

        return Uri.TryCreate(pageUrl, UriKind.Absolute, out var baseUri) && Uri.TryCreate(baseUri, canonical, out var resolved)
            ? resolved.AbsoluteUri
            : null;
    }
}
