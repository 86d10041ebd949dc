using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Data;
using NewsTracker.Web.Search;
using Spectre.Console;

namespace NewsTracker.Benchmarks;

/// <summary>
/// The generated corpus the search benchmark reads: <see cref="ArticleGenerator"/> articles written straight into the
/// database by <see cref="CorpusWriter"/> (a sample checked against what <c>import</c> stores), and the app's search
/// index built over them, each with a progress bar. Built once per article count and generator version into a folder
/// under <c>NEWSTRACKER_BENCHMARK_CORPORA</c> (default: the temp directory) and reused by later runs.
/// </summary>
public static class SearchCorpus
{
    /// <summary>Where corpora are kept: a million articles take several gigabytes, so not in the repository.</summary>
    public const string FolderVariable = "NEWSTRACKER_BENCHMARK_CORPORA";

    /// <summary>A long Zipf tail, so some words occur in only ~10–50 of 100 000 articles (the rare terms);
    /// with the default 20 000 words even the rarest is in about 90 articles.</summary>
    public const int VocabularySize = 200_000;

    /// <summary>The data directory holding the corpus of <paramref name="count"/> articles, built first if it is
    /// missing or <paramref name="rebuild"/> is set.</summary>
    public static async Task<string> EnsureAsync(int count, bool rebuild)
    {
        var root = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } configured ? configured : Path.GetTempPath();
        var directory = Path.Combine(root, "newstracker-search-benchmark", string.Create(CultureInfo.InvariantCulture, $"{count}-g{ArticleGenerator.Version}-v{VocabularySize}-written"));
        if (Directory.Exists(directory) && !rebuild)
        {
            Console.WriteLine($"Using the cached corpus in {directory} (--rebuild to build it again).");
            return directory;
        }

        // Built beside the final folder and moved into place only when complete, so an interrupted build is never reused.
        var building = directory + ".building";
        var sample = directory + ".sample";
        foreach (var stale in new[] { building, sample, directory }.Where(Directory.Exists))
        {
            Directory.Delete(stale, recursive: true);
        }

        await BuildAsync(building, sample, count);
        SqliteConnection.ClearAllPools();
        Directory.Delete(sample, recursive: true);
        Directory.Move(building, directory);
        return directory;
    }

    private static async Task BuildAsync(string directory, string sample, int count)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Building the corpus of {count:N0} articles in {directory}…"));
        var connectionString = DatabaseRegistration.SqliteConnectionString(new ConfigurationBuilder().Build(), directory);
        await using (var host = await ImportBenchmark.StartHostAsync(directory, settings: CorpusWriter.Settings))
        {
            await CorpusWriter.WriteAsync(host, count, VocabularySize);
            await CorpusWriter.VerifySampleAsync(connectionString, sample, VocabularySize);
            await BuildIndexAsync(host, count);
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var checkpoint = connection.CreateCommand();

        // Folds the WAL into the database file, so the cached copy is one self-contained file.
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await checkpoint.ExecuteNonQueryAsync();
    }

    /// <summary>The same corpus in a PostgreSQL database of its own (named after the count, on the server of
    /// <paramref name="connectionString"/>), written the same way, and a data directory holding its search index;
    /// built when the directory is missing or <paramref name="rebuild"/> is set. Returns the directory and the
    /// database's connection string.</summary>
    public static async Task<(string Directory, string ConnectionString)> EnsurePostgresAsync(string sqliteDirectory, int count, string connectionString, bool rebuild)
    {
        var directory = sqliteDirectory + "-postgres";
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Database = string.Create(CultureInfo.InvariantCulture, $"newstracker_search_{count}") }.ConnectionString;
        if (Directory.Exists(directory) && !rebuild)
        {
            Console.WriteLine($"Using the cached PostgreSQL corpus with its index in {directory}.");
            return (directory, database);
        }

        var building = directory + ".building";
        foreach (var stale in new[] { building, directory }.Where(Directory.Exists))
        {
            Directory.Delete(stale, recursive: true);
        }

        // A half-built database from an interrupted run starts again empty; the app migrates but never creates one.
        await using (var server = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString))
        {
            await server.OpenAsync();
            var name = new Npgsql.NpgsqlConnectionStringBuilder(database).Database;
            await using var create = server.CreateCommand();
            create.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE); CREATE DATABASE \"{name}\";";
            await create.ExecuteNonQueryAsync();
        }

        var settings = new Dictionary<string, string?>(CorpusWriter.Settings) { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Default"] = database };
        await using (var host = await ImportBenchmark.StartHostAsync(building, settings: settings))
        {
            await CorpusWriter.WriteAsync(host, count, VocabularySize);
            await BuildIndexAsync(host, count);
        }

        Directory.Move(building, directory);
        return (directory, database);
    }

    /// <summary>Builds the app's search index over the written corpus, as <c>search rebuild</c> does.</summary>
    private static async Task BuildIndexAsync(WebApplication host, int count)
    {
        var clock = Stopwatch.StartNew();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        await AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Building the search index", maxValue: count);
                await scope.ServiceProvider.GetRequiredService<SearchEngine>().RebuildAsync(db, new Progress(p => task.Value = p.Done), CancellationToken.None);
            });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Built the search index in {clock.Elapsed.TotalMinutes:0.0} min."));
    }

    /// <summary>Reports on the calling thread, at once (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class Progress(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }
}
