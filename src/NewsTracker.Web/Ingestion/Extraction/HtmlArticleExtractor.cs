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
public sealed class HtmlArticleExtractor
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
        var own = OwnBlocks(html);
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
    private static List<ParsedBlock>? OwnBlocks(string html)
    {
        var container = ArticleContainer.Find(new HtmlParser(ParserOptions).ParseDocument(html));
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
        return ownLength > OwnLengthFactor * readabilityLength ? own : readability;
    }

    /// <summary>Our container is taken over Readability's only when it holds this many times more running text.</summary>
    public const double OwnLengthFactor = 1.5;

    private static int RunningLength(List<ParsedBlock> blocks) =>
        blocks.Where(b => b.Kind != BlockKind.Caption).Sum(b => b.Text.Length);

    private static List<ParsedBlock> FallbackBlocks(string html)
    {
        var document = new HtmlParser(ParserOptions).ParseDocument(html);
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
