using BenchmarkDotNet.Attributes;
using NewsTracker.Web.Ingestion.Extraction;
using SmartReader;

namespace NewsTracker.Benchmarks;

/// <summary>Time per corpus page for our extractor beside SmartReader alone, the reference it builds on.</summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    // One operation is one page, so BenchmarkDotNet reports the mean time per page.
    private const int CorpusPageCount = 130;

    private readonly HtmlArticleExtractor _extractor = new();
    private IReadOnlyList<string> _pages = [];

    [GlobalSetup]
    public void LoadCorpus() => _pages = CorpusPages.Load();

    [Benchmark(Baseline = true, OperationsPerInvoke = CorpusPageCount)]
    public int SmartReaderAlone()
    {
        var characters = 0;
        foreach (var html in _pages)
        {
            characters += new Reader(CorpusPages.PageUrl, html).GetArticle().Length;
        }

        return characters;
    }

    [Benchmark(OperationsPerInvoke = CorpusPageCount)]
    public int HtmlArticleExtractor()
    {
        var characters = 0;
        foreach (var html in _pages)
        {
            characters += _extractor.Extract(html, CorpusPages.PageUrl).Body.Length;
        }

        return characters;
    }
}
