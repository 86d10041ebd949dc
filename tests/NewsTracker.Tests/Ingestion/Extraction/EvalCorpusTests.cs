using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using NewsTracker.Web.Ingestion.Extraction;
using Xunit.Abstractions;

namespace NewsTracker.Tests.Ingestion.Extraction;

/// <summary>
/// Holds body and date extraction above floors on the trafilatura and htmldate evaluation corpora
/// (../shared/corpora). These are development sets, measured while tuning: the floors catch regressions,
/// they do not prove quality on unseen pages. Every <see cref="Stride"/>-th page (sorted by address) is
/// scored so the test stays within CI's time; the figures in docs/benchmarks.md are over all pages,
/// from the corpora's own score.py.
/// </summary>
public sealed partial class EvalCorpusTests(ITestOutputHelper output)
{
    /// <summary>One page in this many is scored.</summary>
    public const int Stride = 4;

    public static TheoryData<string, double> Floors => new()
    {
        // Segment F1 as trafilatura's evaluation counts it: 0.911 measured over the sample on branch extract
        // (2026-12-08; a development set, so this catches regressions, it proves nothing).
        { "trafilatura-eval", 0.905 },

        // Share of pages whose published day is right, as htmldate's comparison counts it: 0.920 measured over
        // the sample on branch extract, 2026-12-08 (a development set, so this catches regressions, it proves nothing).
        { "htmldate-eval", 0.915 },
    };

    [EvalCorpusTheory]
    [MemberData(nameof(Floors))]
    public void Extraction_stays_above_its_floor_on_the_development_corpus(string corpus, double floor)
    {
        var folder = CorpusLocator.FindEval(corpus);
        Assert.True(folder is not null, $"CI=true but ../shared/corpora/{corpus} is missing.");

        // htmldate's labels hold a few bare NaN values (Python's JSON); they count as misses, as in score.py.
        var text = NaN().Replace(File.ReadAllText(Path.Combine(folder, "evaldata.json")), "null");
        using var json = JsonDocument.Parse(text);
        var pages = json.RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Where((_, i) => i % Stride == 0).ToList();
        var extractor = new HtmlArticleExtractor();
        var score = corpus == "trafilatura-eval" ? SegmentF1(extractor, folder, pages) : DateAccuracy(extractor, folder, pages);

        output.WriteLine($"{corpus}: {score:0.000} over {pages.Count} pages (floor {floor})");
        Assert.True(score >= floor, $"{corpus}: {score:0.000} fell below its floor {floor}.");
    }

    private static double SegmentF1(HtmlArticleExtractor extractor, string folder, List<JsonProperty> pages)
    {
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        foreach (var page in pages)
        {
            var body = Fold(Extract(extractor, folder, page)?.Body ?? string.Empty);
            foreach (var segment in page.Value.GetProperty("with").EnumerateArray())
            {
                if (body.Contains(Fold(segment.GetString()!), StringComparison.Ordinal))
                {
                    truePositives++;
                }
                else
                {
                    falseNegatives++;
                }
            }

            falsePositives += page.Value.GetProperty("without").EnumerateArray().Count(s => body.Contains(Fold(s.GetString()!), StringComparison.Ordinal));
        }

        return 2.0 * truePositives / ((2.0 * truePositives) + falsePositives + falseNegatives);
    }

    private static double DateAccuracy(HtmlArticleExtractor extractor, string folder, List<JsonProperty> pages)
    {
        var right = pages.Count(page =>
            Extract(extractor, folder, page)?.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) == (page.Value.GetProperty("date").ValueKind == JsonValueKind.String ? page.Value.GetProperty("date").GetString() : "no label"));
        return (double)right / pages.Count;
    }

    private static ExtractedArticle? Extract(HtmlArticleExtractor extractor, string folder, JsonProperty page)
    {
        var path = Path.Combine(folder, "pages", page.Value.GetProperty("file").GetString() + ".gz");
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        var (html, _) = NewsTracker.Web.Ingestion.Fetching.ResponseTextDecoder.Decode(memory.ToArray(), contentTypeCharset: null);
        var url = page.Name.StartsWith("http", StringComparison.Ordinal) ? page.Name : null;
        try
        {
            return extractor.Extract(html, url);
        }
        catch (ExtractionException)
        {
            return null;
        }
    }

    private static string Fold(string text) => WhiteSpace().Replace(text, " ").Trim();

    [GeneratedRegex(@"(?<=:\s*)NaN\b")]
    private static partial Regex NaN();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
