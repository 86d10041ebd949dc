using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using NewsTracker.Benchmarks;

// `--import [COUNT] [--profile]` runs the bulk-import comparison (pipeline against raw SQLite inserts, one run,
// stopwatch); --profile adds SQL time per command.
if (args is ["--import", .. var importArgs])
{
    var count = importArgs.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) is { } given
        ? int.Parse(given, CultureInfo.InvariantCulture)
        : ImportBenchmark.DefaultArticleCount;
    await ImportBenchmark.RunAsync(count, importArgs.Contains("--profile"));
    return;
}

// `--search [COUNT] [--rebuild]` builds (or reuses) a generated corpus and compares search through the running app
// with the raw FTS5 SQL on the same file; --rebuild ingests the corpus again instead of using the cached one;
// --build-only stops after that and prints the corpus folder (load/pages.sh and load/search.sh serve it); --words-only
// measures only the unfiltered one- and two-word cases (the run used at a million articles); --postgres CONNECTION runs
// the app on a copy of the corpus in PostgreSQL (database newstracker_search_COUNT on that server) against the same
// raw FTS5 reference.
if (args is ["--search", .. var searchArgs])
{
    var count = searchArgs.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !a.Contains('=', StringComparison.Ordinal)) is { } given
        ? int.Parse(given, CultureInfo.InvariantCulture)
        : SearchBenchmark.DefaultArticleCount;
    await SearchBenchmark.RunAsync(count, searchArgs.Contains("--rebuild"), searchArgs.Contains("--build-only"), searchArgs.Contains("--words-only"),
        searchArgs.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault());
    return;
}

// `--stories [COUNT] [--profile] [--archive DIR]` times ingest with and without event clustering on an archive of COUNT
// generated articles (kept in DIR and reused when given; --profile adds the SQL time per command and term extraction).
if (args is ["--stories", .. var storiesArgs])
{
    var count = storiesArgs.FirstOrDefault(a => a.Length > 0 && a.All(char.IsAsciiDigit)) is { } given
        ? int.Parse(given, CultureInfo.InvariantCulture)
        : StoriesBenchmark.DefaultArticleCount;
    await StoriesBenchmark.RunAsync(count, storiesArgs.Contains("--profile"), storiesArgs.SkipWhile(a => a != "--archive").Skip(1).FirstOrDefault());
    return;
}

// `--feeds [COUNT]` polls COUNT feeds served locally through the app's feed poller (first poll, all 304, a few
// changed) beside raw HttpClient conditional GETs of the same URLs.
if (args is ["--feeds", .. var feedArgs])
{
    var count = feedArgs.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) is { } given
        ? int.Parse(given, CultureInfo.InvariantCulture)
        : FeedsBenchmark.DefaultFeedCount;
    await FeedsBenchmark.RunAsync(count);
    return;
}

// `--quick` times each benchmark with a stopwatch over a few passes, for a machine where a full
// BenchmarkDotNet run takes too long; anything else goes to BenchmarkDotNet. Run it in-process (`--filter * --job short --inProcess`):
// a generated child project would inherit tests/Directory.Build.props and its xunit import.
if (args is ["--quick", ..])
{
    const int WarmupPasses = 2;
    const int MeasuredPasses = 5;

    var benchmarks = new ExtractionBenchmarks();
    benchmarks.LoadCorpus();
    var cases = new (string Name, Func<int> Run)[]
    {
        ("SmartReader alone", benchmarks.SmartReaderAlone),
        ("HtmlArticleExtractor", benchmarks.HtmlArticleExtractor),
    };

    var pages = CorpusPages.Load().Count;
    foreach (var (name, run) in cases)
    {
        for (var i = 0; i < WarmupPasses; i++)
        {
            run();
        }

        var passes = new List<double>();
        for (var i = 0; i < MeasuredPasses; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            passes.Add(clock.Elapsed.TotalMilliseconds / pages);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22} mean {passes.Average(),7:0.00} ms/page  (best pass {passes.Min():0.00}, worst {passes.Max():0.00}; {pages} pages x {MeasuredPasses} passes)"));
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ExtractionBenchmarks).Assembly).Run(args);
