using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Ingestion.Extraction;

namespace NewsTracker.Tests.Ingestion.Extraction;

/// <summary>One corpus page scored against Readability's expected output.</summary>
public sealed record PageScore(string Page, double BodyF1, bool? TitleMatch, bool? BylineMatch, bool? DateMatch, string? Error)
{
    /// <summary>Whether the outlet name equals Readability's siteName; null where Readability found none.</summary>
    public bool? SiteNameMatch { get; init; }

    /// <summary>Whether the language guessed from the body text alone has the declared lang's primary subtag; null where none is declared.</summary>
    public bool? GuessedLanguageMatch { get; init; }

    /// <summary>Expected and extracted byline when they differ, for the report.</summary>
    public string? BylineMiss { get; init; }
}

/// <summary>The corpus-wide figures: means and match rates over the pages that count for each.</summary>
public sealed record CorpusScore(IReadOnlyList<PageScore> Pages)
{
    public double MeanBodyF1 => Pages.Average(p => p.BodyF1);

    public double TitleRate => Rate(p => p.TitleMatch);

    public double BylineRate => Rate(p => p.BylineMatch);

    public double DateRate => Rate(p => p.DateMatch);

    public double SiteNameRate => Rate(p => p.SiteNameMatch);

    public double GuessedLanguageRate => Rate(p => p.GuessedLanguageMatch);

    public int DatePages => Pages.Count(p => p.DateMatch is not null);

    /// <summary>A Markdown table of the figures and the worst pages by body F1.</summary>
    public string ToMarkdown(int worst)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| Measure | Value | Pages |");
        text.AppendLine("|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Mean body token F1 | {MeanBodyF1:0.0000} | {Pages.Count} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Title exact match | {TitleRate:P1} | {Pages.Count(p => p.TitleMatch is not null)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Byline match | {BylineRate:P1} | {Pages.Count(p => p.BylineMatch is not null)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Published date (same UTC day) | {DateRate:P1} | {DatePages} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Site name exact match | {SiteNameRate:P1} | {Pages.Count(p => p.SiteNameMatch is not null)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Language guessed from body text = declared lang | {GuessedLanguageRate:P1} | {Pages.Count(p => p.GuessedLanguageMatch is not null)} |");
        text.AppendLine();
        foreach (var page in Pages.Where(p => p.BylineMiss is not null))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"byline {page.Page}: {page.BylineMiss}");
        }

        text.AppendLine();
        text.AppendLine("| Worst pages | Body F1 |");
        text.AppendLine("|---|---|");
        foreach (var page in Pages.OrderBy(p => p.BodyF1).Take(worst))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {page.Page} | {page.BodyF1:0.000} |");
        }

        return text.ToString();
    }

    private double Rate(Func<PageScore, bool?> pick)
    {
        var counted = Pages.Select(pick).Where(m => m is not null).ToList();
        return counted.Count == 0 ? 1 : (double)counted.Count(m => m == true) / counted.Count;
    }
}

/// <summary>
/// Scores <see cref="HtmlArticleExtractor"/> on the readability-test-pages corpus. Body: bag-of-words
/// F1 of lower-cased word tokens against the text of expected.html. Title and byline: exact after
/// trimming and whitespace folding. Byline counts on every page: where Readability found none, only
/// returning none matches, so inventing bylines costs as much as missing them. Date: same UTC day,
/// only on pages whose expected metadata has a parseable publishedTime.
/// </summary>
public static partial class CorpusScorer
{
    /// <summary>The address the Readability tests used for every page.</summary>
    public const string PageUrl = "http://fakehost/test/page.html";

    /// <summary>Scores every page folder under <paramref name="corpusDirectory"/>.</summary>
    public static CorpusScore Score(string corpusDirectory)
    {
        var extractor = new HtmlArticleExtractor();
        var pages = Directory.GetDirectories(corpusDirectory)
            .Order(StringComparer.Ordinal)
            .Select(folder => ScorePage(extractor, folder))
            .ToList();
        return new CorpusScore(pages);
    }

    /// <summary>Bag-of-words F1 between two texts' lower-cased word tokens.</summary>
    public static double TokenF1(string expected, string actual)
    {
        var want = Counts(expected);
        var got = Counts(actual);
        var wantTotal = want.Values.Sum();
        var gotTotal = got.Values.Sum();
        if (wantTotal == 0 || gotTotal == 0)
        {
            return wantTotal == gotTotal ? 1 : 0;
        }

        var overlap = want.Sum(pair => Math.Min(pair.Value, got.GetValueOrDefault(pair.Key)));
        if (overlap == 0)
        {
            return 0;
        }

        var precision = (double)overlap / gotTotal;
        var recall = (double)overlap / wantTotal;
        return 2 * precision * recall / (precision + recall);
    }

    private static PageScore ScorePage(HtmlArticleExtractor extractor, string folder)
    {
        var name = Path.GetFileName(folder);
        var expectedText = RunningText(File.ReadAllText(Path.Combine(folder, "expected.html")));
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "expected-metadata.json")));
        var root = metadata.RootElement;

        ExtractedArticle extracted;
        try
        {
            extracted = extractor.Extract(File.ReadAllText(Path.Combine(folder, "source.html")), PageUrl);
        }
        catch (ExtractionException exception)
        {
            return new PageScore(name, 0, false, false, null, exception.Message);
        }

        var expectedDate = ExpectedDay(root);
        var bylineMatch = SameAuthors(Text(root, "byline"), extracted.Byline);
        var siteName = Fold(Text(root, "siteName"));
        var declared = Fold(Text(root, "lang"))?.Split('-', '_')[0].ToLowerInvariant();
        return new PageScore(
            name,
            TokenF1(expectedText, extracted.Body),
            Same(Text(root, "title"), extracted.Title),
            bylineMatch,
            expectedDate is null ? null : expectedDate == extracted.PublishedUtc?.Date,
            null)
        {
            SiteNameMatch = siteName is null ? null : Same(siteName, extracted.SiteName),
            GuessedLanguageMatch = declared is null ? null : LanguageGuesser.Guess(extracted.Body) == declared,
            BylineMiss = bylineMatch ? null : $"want \"{Fold(Text(root, "byline"))}\", got \"{extracted.Byline}\"",
        };
    }

    // Readability keeps figures and their captions in the article; ours are caption blocks, outside the
    // running text (issue 15), so both sides are compared without them.
    private static string RunningText(string expectedHtml)
    {
        var body = new HtmlParser().ParseDocument(expectedHtml).Body;
        if (body is null)
        {
            return string.Empty;
        }

        foreach (var figure in body.QuerySelectorAll("figure, figcaption").ToList())
        {
            figure.Remove();
        }

        return body.TextContent;
    }

    // Readability's byline is the raw text of the byline slot ("By Jane Doe\n March 11, 2015"); ours is
    // the names alone, so it matches when the texts are equal, when cleaning Readability's text gives our
    // names (or none, for "Follow Author"), or when every name we give is in Readability's text.
    private static bool SameAuthors(string? expected, string? actual) =>
        Same(expected, actual)
        || Same(BylineCleaner.Clean(expected), actual)
        || (Fold(expected) is { } text && actual is not null
            && actual.Split(", ").All(name => text.Contains(name, StringComparison.OrdinalIgnoreCase)));

    private static bool Same(string? expected, string? actual) =>
        string.Equals(Fold(expected), Fold(actual), StringComparison.Ordinal);

    private static string? Fold(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : TextTools.FoldWhitespace(text);

    private static string? Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTime? ExpectedDay(JsonElement root) =>
        DateTimeOffset.TryParse(Text(root, "publishedTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.UtcDateTime.Date
            : null;

    private static Dictionary<string, int> Counts(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match match in WordToken().Matches(text.ToLowerInvariant()))
        {
            counts[match.Value] = counts.GetValueOrDefault(match.Value) + 1;
        }

        return counts;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordToken();
}
