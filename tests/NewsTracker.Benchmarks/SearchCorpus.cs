using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Cli;
using NewsTracker.Web.Data;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Benchmarks;

/// <summary>
/// The generated corpus the search benchmark reads: <see cref="ArticleGenerator"/> articles ingested through the
/// real batch command (<see cref="IngestArticles.Command"/>), so every row is exactly what
/// the app writes (the app builds its search index from them when it starts). Built once per article count and generator version into a folder under the temp
/// directory and reused by later runs, since 100 000 articles take minutes to ingest.
/// </summary>
public static class SearchCorpus
{
    /// <summary>Articles per transaction, as <c>import</c> sends them.</summary>
    private const int Batch = ImportArticles.BatchSize;

    /// <summary>Batches in flight, as <c>import</c> runs them.</summary>
    private const int Parallelism = ImportArticles.DefaultParallelism;

    /// <summary>A long Zipf tail, so some words occur in only ~10–50 of 100 000 articles (the rare terms);
    /// with the default 20 000 words even the rarest is in about 90 articles.</summary>
    public const int VocabularySize = 200_000;

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    /// <summary>The data directory holding the corpus of <paramref name="count"/> articles, built first if it is
    /// missing or <paramref name="rebuild"/> is set.</summary>
    public static async Task<string> EnsureAsync(int count, bool rebuild)
    {
        var directory = Path.Combine(Path.GetTempPath(), "newstracker-search-benchmark", string.Create(CultureInfo.InvariantCulture, $"{count}-g{ArticleGenerator.Version}-v{VocabularySize}"));
        if (Directory.Exists(directory) && !rebuild)
        {
            Console.WriteLine($"Using the cached corpus in {directory} (--rebuild to build it again).");
            return directory;
        }

        // Built beside the final folder and moved into place only when complete, so an interrupted build is never reused.
        var building = directory + ".building";
        foreach (var stale in new[] { building, directory }.Where(Directory.Exists))
        {
            Directory.Delete(stale, recursive: true);
        }

        await BuildAsync(building, count);
        SqliteConnection.ClearAllPools();
        Directory.Move(building, directory);
        return directory;
    }

    private static async Task BuildAsync(string directory, int count)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Building the corpus of {count:N0} articles in {directory} ({Batch} per batch, {Parallelism} batches in flight)…"));
        await using var host = await ImportBenchmark.StartHostAsync(directory);

        var added = 0;
        var lastReport = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        var progress = new Lock();
        await Parallel.ForEachAsync(new ArticleGenerator(VocabularySize).Stream(count).Chunk(Batch), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (batch, cancellationToken) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var results = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new IngestArticles.Command(batch.Select(a => a.ToCommand()).ToList()), cancellationToken);
            if (results.FirstOrDefault(r => r.Result?.Outcome != IngestArticle.Outcome.Added) is { } refused)
            {
                throw new InvalidOperationException($"Every generated article should be added; one was {refused.Result?.Outcome.ToString() ?? refused.Error}.");
            }

            var done = Interlocked.Add(ref added, results.Count);
            lock (progress)
            {
                if (lastReport.Elapsed >= ProgressInterval || done == count)
                {
                    lastReport.Restart();
                    var rate = done / clock.Elapsed.TotalSeconds;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {done,9:N0} / {count:N0} articles  {rate,6:0} articles/s  elapsed {clock.Elapsed:mm\\:ss}  ETA {TimeSpan.FromSeconds((count - done) / rate):mm\\:ss}"));
                }
            }
        });

        await using var connection = new SqliteConnection(DatabaseRegistration.SqliteConnectionString(host.Configuration, directory));
        await connection.OpenAsync();
        await using var checkpoint = connection.CreateCommand();

        // Folds the WAL into the database file, so the cached copy is one self-contained file.
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await checkpoint.ExecuteNonQueryAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Built {added:N0} articles in {clock.Elapsed.TotalMinutes:0.0} min ({added / clock.Elapsed.TotalSeconds:0} articles/s)."));
    }
}
