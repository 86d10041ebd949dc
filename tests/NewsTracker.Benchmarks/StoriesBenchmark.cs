using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Cli;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Benchmarks;

/// <summary>
/// What event clustering adds to one ingest on a large archive: an archive of COUNT generated articles is imported
/// once (with clustering, so its keys and term counts exist), copied, and the same new articles are then ingested one
/// per transaction into each copy, with <c>Stories:EventClustering</c> on and off. Reference and subject in one run.
/// </summary>
public static class StoriesBenchmark
{
    public const int DefaultArticleCount = 100_000;

    /// <summary>New articles timed on each copy, after as many untimed ones warm the process up.</summary>
    private const int MeasuredArticles = 400;

    public static async Task RunAsync(int count)
    {
        var root = Path.Combine(Path.GetTempPath(), "newstracker-stories-benchmark", Guid.NewGuid().ToString("N"));
        try
        {
            var articles = new ArticleGenerator().Generate(count + (2 * MeasuredArticles));
            var archive = articles.Take(count).ToList();

            // New articles dated inside the archive's year, so the window around each finds real neighbours.
            var fresh = articles.Skip(count).ToList();
            var built = Stopwatch.StartNew();
            var withDirectory = Path.Combine(root, "with");
            await using (var host = await ImportBenchmark.StartHostAsync(withDirectory))
            {
                // One batch at a time: on a loaded machine two batches in flight can wait past SQLite's busy timeout.
                foreach (var batch in archive.Chunk(ImportArticles.BatchSize))
                {
                    await using var scope = host.Services.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new IngestArticles.Command(batch.Select(a => a.ToCommand()).ToList()));
                }
            }

            SqliteConnection.ClearAllPools();
            var withoutDirectory = Path.Combine(root, "without");
            Directory.CreateDirectory(withoutDirectory);
            foreach (var file in Directory.GetFiles(withDirectory, "newstracker.db*"))
            {
                File.Copy(file, Path.Combine(withoutDirectory, Path.GetFileName(file)));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Archive of {count} articles built in {built.Elapsed.TotalSeconds:0} s under {root}"));

            var without = await TimeAsync(withoutDirectory, fresh, clustering: false);
            var with = await TimeAsync(withDirectory, fresh, clustering: true);
            Console.WriteLine();
            Console.WriteLine($"| Ingest at {count:N0} articles, 1 per transaction | mean | p50 | p95 |");
            Console.WriteLine("|---|---|---|---|");
            Row("Without event clustering (reference)", without);
            Row("With event clustering", with);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Added by clustering: mean {with.Average() - without.Average():0.00} ms, p50 {Percentile(with, 0.5) - Percentile(without, 0.5):0.00} ms"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<List<double>> TimeAsync(string directory, List<GeneratedArticle> fresh, bool clustering)
    {
        await using var host = await ImportBenchmark.StartHostAsync(directory, settings: new Dictionary<string, string?> { ["Stories:EventClustering"] = clustering ? "true" : "false" });
        var times = new List<double>(MeasuredArticles);
        for (var i = 0; i < fresh.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(fresh[i].ToCommand());
            }

            if (i >= fresh.Count - MeasuredArticles)
            {
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return times;
    }

    private static void Row(string name, List<double> times) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {times.Average():0.00} ms | {Percentile(times, 0.5):0.00} ms | {Percentile(times, 0.95):0.00} ms |"));

    private static double Percentile(List<double> times, double p)
    {
        var sorted = times.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
    }
}
