using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Cli;
using NewsTracker.Web.Data;
using NewsTracker.Web.Hosting;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Benchmarks;

/// <summary>
/// Bulk import of generated articles through the real command pipeline (<see cref="IngestArticle.Command"/>
/// via MediatR, services from <c>AddNewsTracker</c>) against raw Microsoft.Data.Sqlite inserts of the very
/// rows the pipeline stored, each on a fresh database migrated by the same EF migrations, in one run.
/// </summary>
public static class ImportBenchmark
{
    public const int DefaultArticleCount = 10_000;

    /// <summary>Batches in flight in the import run, as <c>import</c> uses by default.</summary>
    private const int ImportParallelism = ImportArticles.DefaultParallelism;

    /// <summary>Articles per transaction in the import run, as <c>import</c> uses.</summary>
    private const int ImportBatch = ImportArticles.BatchSize;

    // Enough for tiered JIT to promote the hot paths before measuring (the 2-core machine compiles slowly under load).
    private const int WarmupArticles = 2000;

    /// <summary>Set to 1 to keep the databases for inspection with sqlite3.</summary>
    private const string KeepVariable = "NEWSTRACKER_BENCHMARK_KEEP";

    // Copied in this order so every foreign key already exists when a row arrives.
    private static readonly string[] Tables = ["Outlets", "Stories", "Articles", "ArticleVersions", "ArticleBlocks", "NearDuplicateKeys", "EventKeys", "EventTermCounts"];

    /// <summary>Runs the comparison; <paramref name="profile"/> also prints SQL time per command for the sequential run.</summary>
    public static async Task RunAsync(int count, bool profile)
    {
        var root = Path.Combine(Path.GetTempPath(), "newstracker-import-benchmark", Guid.NewGuid().ToString("N"));
        try
        {
            var generated = Stopwatch.StartNew();
            var articles = new ArticleGenerator().Generate(count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Generated {articles.Count} articles ({articles.Sum(a => a.Text.Length) / articles.Count} characters on average) in {generated.Elapsed.TotalSeconds:0.0} s; databases under {root}"));

            // JIT, EF model building and query compilation happen here, not in the measured runs.
            await using (var warm = await StartHostAsync(Path.Combine(root, "warmup")))
            {
                await PipelineAsync(warm, articles.Take(WarmupArticles).ToList(), 1);
                await PrepareOnlyAsync(warm, articles.Take(WarmupArticles).ToList());
            }

            var rows = new List<(string Name, RunTime Elapsed)>();
            var sequentialDirectory = Path.Combine(root, "pipeline");
            var timings = profile ? new CommandTimings() : null;
            await using (var host = await StartHostAsync(sequentialDirectory, timings))
            {
                rows.Add(("Preparation only (parse, hash; no database)", await PrepareOnlyAsync(host, articles)));
                rows.Add(("Pipeline, 1 article per transaction (pages, API)", await PipelineAsync(host, articles, 1)));
            }

            timings?.Print();
            if (profile)
            {
                await using var host = await StartHostAsync(Path.Combine(root, "breakdown"));
                await BreakdownAsync(host, articles);
            }

            await using (var host = await StartHostAsync(Path.Combine(root, "pipeline-batched")))
            {
                rows.Add(($"Pipeline, {ImportBatch} articles per transaction, {ImportParallelism} batches in flight (`import`)", await BatchedPipelineAsync(host, articles)));
            }

            var source = await ReadRowsAsync(ConnectionString(sequentialDirectory));
            rows.Add(("Raw inserts, 1 article per transaction", await RawAsync(root, "raw-per-article", source, 1)));
            rows.Add(($"Raw inserts, {ImportBatch} articles per transaction", await RawAsync(root, "raw-batched", source, ImportBatch)));
            rows.Add(("Raw inserts, one transaction for all", await RawAsync(root, "raw-single", source, int.MaxValue)));

            Report(articles.Count, rows);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(root) && Environment.GetEnvironmentVariable(KeepVariable) is not "1")
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>Each pipeline run beside raw inserts of the same rows with the same transaction size, by wall time and by
    /// the process's CPU time (which depends much less on what else the machine is running).</summary>
    private static void Report(int count, List<(string Name, RunTime Elapsed)> rows)
    {
        var rawSingle = rows.Single(r => r.Name.StartsWith("Raw inserts, 1 article", StringComparison.Ordinal)).Elapsed;
        var rawBatched = rows.Single(r => r.Name.StartsWith($"Raw inserts, {ImportBatch} articles", StringComparison.Ordinal)).Elapsed;
        Console.WriteLine();
        Console.WriteLine("| Run | Time | Articles/s | Rate ÷ raw at the same transaction size | CPU ms/article | Raw's CPU ÷ this CPU |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, elapsed) in rows)
        {
            var reference = name.StartsWith("Pipeline, 1 article", StringComparison.Ordinal) ? rawSingle
                : name.StartsWith("Pipeline, ", StringComparison.Ordinal) ? rawBatched
                : (RunTime?)null;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {elapsed.Wall.TotalSeconds:0.00} s | {count / elapsed.Wall.TotalSeconds:0} | {(reference is { } r ? (r.Wall / elapsed.Wall).ToString("0.00", CultureInfo.InvariantCulture) : "reference")} | {elapsed.Cpu.TotalMilliseconds / count:0.000} | {(reference is { } c ? (c.Cpu / elapsed.Cpu).ToString("0.00", CultureInfo.InvariantCulture) : "reference")} |"));
        }
    }

    /// <summary>A run's wall time and the CPU time the whole process used meanwhile.</summary>
    private readonly record struct RunTime(TimeSpan Wall, TimeSpan Cpu);

    private sealed class RunClock
    {
        private readonly Stopwatch _wall = Stopwatch.StartNew();
        private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;

        public RunTime Stop() => new(_wall.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - _cpu);
    }

    /// <summary>The app's services in command-line mode over a migrated database in <paramref name="dataDirectory"/>.</summary>
    internal static async Task<WebApplication> StartHostAsync(string dataDirectory, CommandTimings? timings = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["Storage:DataDirectory"] = dataDirectory;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }

        builder.AddNewsTracker(commandLineMode: true);
        if (timings is not null)
        {
            builder.Services.ConfigureDbContext<NewsTrackerDbContext>(options => options.AddInterceptors(timings, timings.SaveChanges));
        }

        var app = builder.Build();
        await app.Services.MigrateDatabaseAsync();
        return app;
    }

    private static string ConnectionString(string dataDirectory) =>
        DatabaseRegistration.SqliteConnectionString(new ConfigurationBuilder().Build(), dataDirectory);

    /// <summary>Without the byline: the import numbers in docs/benchmarks.md were measured before articles had one.</summary>
    private static IngestArticle.Command ToCommand(GeneratedArticle article) => article.ToCommand() with { Byline = null };

    /// <summary>The import command's path: batches through <see cref="IngestArticles"/>, a few in flight.</summary>
    private static async Task<RunTime> BatchedPipelineAsync(WebApplication host, IReadOnlyList<GeneratedArticle> articles)
    {
        var added = 0;
        var clock = new RunClock();
        await Parallel.ForEachAsync(articles.Chunk(ImportBatch), new ParallelOptions { MaxDegreeOfParallelism = ImportParallelism }, async (batch, cancellationToken) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var results = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new IngestArticles.Command(batch.Select(ToCommand).ToList()), cancellationToken);
            Interlocked.Add(ref added, results.Count(r => r.Result?.Outcome == IngestArticle.Outcome.Added));
        });
        var elapsed = clock.Stop();
        if (added != articles.Count)
        {
            throw new InvalidOperationException($"Expected every generated article to be added; {added} of {articles.Count} were.");
        }

        return elapsed;
    }

    private static async Task<RunTime> PipelineAsync(WebApplication host, IReadOnlyList<GeneratedArticle> articles, int parallelism)
    {
        var outcomes = new int[Enum.GetValues<IngestArticle.Outcome>().Length];
        var clock = new RunClock();
        await Parallel.ForEachAsync(articles, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (article, cancellationToken) =>
        {
            // One scope per article, as the import command does: a fresh DbContext and pipeline each time.
            await using var scope = host.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(ToCommand(article), cancellationToken);
            Interlocked.Increment(ref outcomes[(int)result.Outcome]);
        });
        var elapsed = clock.Stop();
        if (outcomes[(int)IngestArticle.Outcome.Added] != articles.Count)
        {
            throw new InvalidOperationException($"Expected every generated article to be added; outcomes: {string.Join(", ", outcomes)}.");
        }

        return elapsed;
    }

    /// <summary>Stopwatch breakdown of one article's trip through the pipeline, stage by stage.</summary>
    private static async Task BreakdownAsync(WebApplication host, IReadOnlyList<GeneratedArticle> articles)
    {
        var stages = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        void Add(string stage, long started) => stages[stage] = stages.GetValueOrDefault(stage) + Stopwatch.GetElapsedTime(started);
        foreach (var article in articles)
        {
            var started = Stopwatch.GetTimestamp();
            await using var scope = host.Services.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            Add("scope and mediator", started);

            started = Stopwatch.GetTimestamp();
            await mediator.Send(ToCommand(article with { Url = article.Url + "-full", Title = "Full " + article.Title }));
            Add("whole IngestArticle command", started);

            started = Stopwatch.GetTimestamp();
            await mediator.Send(new ExtractArticle.Query { Text = article.Text, Url = article.Url });
            Add("query through logging, validation, preparation", started);

            started = Stopwatch.GetTimestamp();
            var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
            await using (var transaction = await db.BeginWriteTransactionAsync(readCommitted: false, CancellationToken.None))
            {
                Add("begin write transaction (opens connection)", started);
                started = Stopwatch.GetTimestamp();
                await transaction.CommitAsync();
                Add("commit empty transaction", started);
            }

            started = Stopwatch.GetTimestamp();
            var prepared = await scope.ServiceProvider.GetRequiredService<ArticlePreparer>().PrepareAsync(ToCommand(article), CancellationToken.None);
            Add("prepare", started);
            started = Stopwatch.GetTimestamp();
            await mediator.Send(new StoreArticle.Command([prepared], null));
            Add("store command (transaction, queries, save)", started);
        }

        Console.WriteLine();
        foreach (var (stage, elapsed) in stages)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMilliseconds / articles.Count,8:0.000} ms/article  {stage}"));
        }
    }

    /// <summary>The CPU part of the pipeline alone, to tell preparation from storage in the totals.</summary>
    private static async Task<RunTime> PrepareOnlyAsync(WebApplication host, IReadOnlyList<GeneratedArticle> articles)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var preparer = scope.ServiceProvider.GetRequiredService<ArticlePreparer>();
        var clock = new RunClock();
        foreach (var article in articles)
        {
            await preparer.PrepareAsync(ToCommand(article), CancellationToken.None);
        }

        return clock.Stop();
    }

    /// <summary>Every row the pipeline stored, column values exactly as SQLite holds them.</summary>
    private static async Task<Dictionary<string, TableRows>> ReadRowsAsync(string connectionString)
    {
        var tables = new Dictionary<string, TableRows>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        foreach (var table in Tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await command.ExecuteReaderAsync();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var rows = new List<object[]>();
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add(values);
            }

            tables[table] = new TableRows(columns, rows);
        }

        return tables;
    }

    private static async Task<RunTime> RawAsync(string root, string name, Dictionary<string, TableRows> source, int articlesPerTransaction)
    {
        var directory = Path.Combine(root, name);
        await using (await StartHostAsync(directory))
        {
            // Only the schema (same migrations, same indexes) comes from EF; the inserts below are raw.
        }

        var articles = Group(source);
        await using var connection = new SqliteConnection(ConnectionString(directory));
        await connection.OpenAsync();
        await using (var pragmas = connection.CreateCommand())
        {
            // What SqlitePragmas sets on every pipeline connection.
            pragmas.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
            await pragmas.ExecuteNonQueryAsync();
        }

        var inserts = Tables.ToDictionary(t => t, t => Insert(connection, t, source[t].Columns), StringComparer.Ordinal);
        var clock = new RunClock();
        foreach (var chunk in articles.Chunk(articlesPerTransaction))
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var (table, values) in chunk.SelectMany(article => article))
            {
                var insert = inserts[table];
                insert.Transaction = transaction;
                for (var i = 0; i < values.Length; i++)
                {
                    insert.Parameters[i].Value = values[i];
                }

                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        var elapsed = clock.Stop();
        foreach (var insert in inserts.Values)
        {
            await insert.DisposeAsync();
        }

        return elapsed;
    }

    private static SqliteCommand Insert(SqliteConnection connection, string table, string[] columns)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        }

        command.Prepare();
        return command;
    }

    /// <summary>The rows one article's transaction writes, in the pipeline's order: its outlet and story when
    /// first seen, the article, its versions, their blocks and near-duplicate keys, its event keys; the event term
    /// counts come last, once each.</summary>
    private static List<List<(string Table, object[] Values)>> Group(Dictionary<string, TableRows> source)
    {
        var outlets = source["Outlets"].ById();
        var stories = source["Stories"].ById();
        var versions = source["ArticleVersions"].GroupBy("ArticleId");
        var blocks = source["ArticleBlocks"].GroupBy("VersionId");
        var keys = source["NearDuplicateKeys"].GroupBy("VersionId");
        var eventKeys = source["EventKeys"].GroupBy("ArticleId");
        var articleColumns = source["Articles"].Columns;
        int outletColumn = Array.IndexOf(articleColumns, "OutletId"), storyColumn = Array.IndexOf(articleColumns, "StoryId");
        var writtenOutlets = new HashSet<long>();
        var writtenStories = new HashSet<long>();

        var groups = new List<List<(string, object[])>>();
        foreach (var article in source["Articles"].Rows)
        {
            var group = new List<(string, object[])>();
            if (article[outletColumn] is long outletId && writtenOutlets.Add(outletId))
            {
                group.Add(("Outlets", outlets[outletId]));
            }

            if (article[storyColumn] is long storyId && writtenStories.Add(storyId))
            {
                group.Add(("Stories", stories[storyId]));
            }

            group.Add(("Articles", article));
            foreach (var version in versions.GetValueOrDefault((long)article[0], []))
            {
                group.Add(("ArticleVersions", version));
                group.AddRange(blocks.GetValueOrDefault((long)version[0], []).Select(b => ("ArticleBlocks", b)));
                group.AddRange(keys.GetValueOrDefault((long)version[0], []).Select(k => ("NearDuplicateKeys", k)));
            }

            group.AddRange(eventKeys.GetValueOrDefault((long)article[0], []).Select(k => ("EventKeys", k)));
            groups.Add(group);
        }

        // The pipeline counts terms article by article (an upsert each); raw inserts write each final count once.
        groups.Add(source["EventTermCounts"].Rows.Select(r => ("EventTermCounts", r)).ToList());
        return groups;
    }

    /// <summary>One table's column names and rows; the first column is <c>Id</c>.</summary>
    private sealed record TableRows(string[] Columns, List<object[]> Rows)
    {
        public Dictionary<long, object[]> ById() => Rows.ToDictionary(r => (long)r[0]);

        public Dictionary<long, List<object[]>> GroupBy(string column)
        {
            var index = Array.IndexOf(Columns, column);
            return Rows.GroupBy(r => (long)r[index]).ToDictionary(g => g.Key, g => g.ToList());
        }
    }
}
