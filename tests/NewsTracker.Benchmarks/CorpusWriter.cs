using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Stories;
using Spectre.Console;

namespace NewsTracker.Benchmarks;

/// <summary>
/// Writes generated articles straight into a migrated SQLite database, thousands per transaction, so a corpus of a
/// million takes minutes instead of the hours the import pipeline would: each article is parsed by the app's own
/// <see cref="ArticlePreparer"/> and becomes the outlet, story, article and version rows <c>import</c> stores for a new
/// article that joins no other story (event clustering off), then <c>recount</c> (<see cref="ArchiveCounts.Rebuild"/>)
/// sets the counts. Not written: text blocks, near-duplicate and event keys, which search does not read. On SQLite the
/// load runs as bulk loads do: the four tables' secondary indexes are dropped first and made again after the last row
/// (one sorted build each instead of a million random B-tree inserts), with durability off and a large page cache on
/// the writer's connection only, and the next chunk is prepared while the current one is written.
/// <see cref="VerifySampleAsync"/> shows the rows equal what <c>import</c> stores for the same articles.
/// </summary>
public static class CorpusWriter
{
    /// <summary>Articles per transaction.</summary>
    private const int Batch = 20_000;

    /// <summary>The tables the writer fills, whose secondary indexes are dropped for the load and made again after it.</summary>
    private static readonly string[] Written = ["Outlets", "Stories", "Articles", "ArticleVersions"];

    /// <summary>For the bulk load only, on the writer's own connection (set back before it returns to the pool): a
    /// crash mid-load leaves a corpus that is thrown away anyway; 1 GB of page cache and in-memory sorting for the index
    /// builds.</summary>
    private const string BulkPragmas = "PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY;";

    /// <summary>SQLite's defaults and the app's synchronous setting (<c>SqlitePragmas</c>), restored after the load.</summary>
    private const string NormalPragmas = "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT;";

    /// <summary>Articles sent through <c>import</c>'s command and compared row by row.</summary>
    public const int SampleSize = 300;

    /// <summary>Event clustering off, in the sample import and in what the writer stands for: each article its own story.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?> { ["Stories:EventClustering"] = "false" };

    // Columns compared between import and the writer: every stored one but the clock's and the random stamp.
    private static readonly (string Table, string Columns)[] Compared =
    [
        ("Outlets", "\"Id\", \"Name\", \"NormalizedName\", \"Domain\""),
        ("Stories", "\"Id\", \"Title\", \"ArticleCount\", \"FirstReportOutletId\""),
        ("Articles", "\"Id\", \"Title\", \"Slug\", \"Byline\", \"StoryId\", \"StoryPinned\", \"OutletId\", \"Url\", \"CanonicalUrl\", \"PublishedUtc\", \"SortUtc\", \"Language\", \"Excerpt\", \"CurrentVersion\", \"CreatedByUserId\", \"EventTerms\", \"Agency\""),
        ("ArticleVersions", "\"Id\", \"ArticleId\", \"Number\", \"Title\", \"PlainText\", \"ContentHash\", \"Fingerprint\", \"ShingleCount\", \"Origin\""),
    ];

    /// <summary>Writes <paramref name="count"/> generated articles into the empty, migrated database of
    /// <paramref name="host"/> (SQLite or PostgreSQL, through the app's own connection), with a progress bar, then
    /// recounts.</summary>
    public static async Task WriteAsync(WebApplication host, int count, int vocabularySize)
    {
        var clock = Stopwatch.StartNew();
        var preparer = host.Services.GetRequiredService<ArticlePreparer>();
        await using var connectionScope = host.Services.CreateAsyncScope();
        var connection = connectionScope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        var sqlite = connection is SqliteConnection;
        var indexes = new List<string>();
        if (sqlite)
        {
            await ExecuteAsync(connection, BulkPragmas);
            indexes = await DropIndexesAsync(connection);
        }

        var rows = new Rows(connection, sqlite);
        await AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Writing {count:N0} articles", maxValue: count);
                using var chunks = new ArticleGenerator(vocabularySize).Stream(count).Chunk(Batch).GetEnumerator();

                // Parsing and hashing on the thread pool (every core; the plain-text path of the preparer never waits),
                // one chunk ahead of the single writer.
                List<Prepared> Prepare(GeneratedArticle[] chunk) =>
                    chunk.AsParallel().AsOrdered().Select(a => Prepared.Of(preparer.PrepareAsync(a.ToCommand(), CancellationToken.None).GetAwaiter().GetResult())).ToList();
                var next = chunks.MoveNext() ? Task.Run(() => Prepare(chunks.Current)) : null;
                while (next is not null)
                {
                    var prepared = await next;
                    next = chunks.MoveNext() ? Task.Run(() => Prepare(chunks.Current)) : null;
                    await using var transaction = await connection.BeginTransactionAsync();
                    foreach (var article in prepared)
                    {
                        await rows.AddAsync(article, transaction);
                    }

                    await transaction.CommitAsync();
                    task.Increment(prepared.Count);
                }

                if (indexes.Count > 0)
                {
                    var indexing = context.AddTask($"Making {indexes.Count} indexes again", maxValue: indexes.Count);
                    foreach (var sql in indexes)
                    {
                        await ExecuteAsync(connection, sql);
                        indexing.Increment(1);
                    }
                }
            });

        if (sqlite)
        {
            await ExecuteAsync(connection, NormalPragmas);
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ArchiveCounts.Rebuild());
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {count:N0} articles and recounted in {clock.Elapsed.TotalMinutes:0.0} min ({count / clock.Elapsed.TotalSeconds:0} articles/s)."));
    }

    /// <summary>Sends the first <see cref="SampleSize"/> generated articles through <c>import</c>'s command into a
    /// fresh database in <paramref name="sampleDirectory"/> and compares its rows with the writer's for the same
    /// articles in <paramref name="connectionString"/>; throws on the first difference.</summary>
    public static async Task VerifySampleAsync(string connectionString, string sampleDirectory, int vocabularySize)
    {
        await using (var host = await ImportBenchmark.StartHostAsync(sampleDirectory, settings: Settings))
        {
            foreach (var batch in new ArticleGenerator(vocabularySize).Stream(SampleSize).Chunk(Web.Cli.ImportArticles.BatchSize))
            {
                await using var scope = host.Services.CreateAsyncScope();
                var results = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new IngestArticles.Command(batch.Select(a => a.ToCommand()).ToList()));
                if (results.Any(r => r.Result?.Outcome != IngestArticle.Outcome.Added))
                {
                    throw new InvalidOperationException("Every sample article should be added by import.");
                }
            }
        }

        await using var written = new SqliteConnection(connectionString);
        await written.OpenAsync();
        await using var imported = new SqliteConnection(DatabaseRegistration.SqliteConnectionString(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), sampleDirectory));
        await imported.OpenAsync();
        var compared = 0;
        foreach (var (table, columns) in Compared)
        {
            // The stories' and outlets' counts cover the whole corpus in the written database, so they are compared
            // for the sample's own rows only where the sample holds all of them (stories); outlets by identity.
            var sql = $"SELECT {columns} FROM \"{table}\" WHERE \"Id\" <= {SampleSize} ORDER BY \"Id\"";
            var expected = await ReadAsync(imported, sql);
            var actual = await ReadAsync(written, sql);
            if (expected.Count != actual.Count)
            {
                throw new InvalidOperationException($"{table}: import stored {expected.Count} rows of the sample, the writer {actual.Count}.");
            }

            for (var i = 0; i < expected.Count; i++)
            {
                if (expected[i] != actual[i])
                {
                    throw new InvalidOperationException($"{table} row {i + 1} differs:\n  import: {expected[i]}\n  writer: {actual[i]}");
                }
            }

            compared += expected.Count;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Sample check: {SampleSize} articles through import's command and through the writer give the same {compared:N0} rows (outlets, stories, articles, versions; clock columns aside)."));
    }

    /// <summary>Drops the secondary indexes of the written tables and returns the statements that make them again
    /// (as the migrations made them, from <c>sqlite_master</c>, so the schema after the load is the migrated one).</summary>
    private static async Task<List<string>> DropIndexesAsync(DbConnection connection)
    {
        var indexes = new List<(string Name, string Sql)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT \"name\", \"sql\" FROM sqlite_master WHERE \"type\" = 'index' AND \"sql\" IS NOT NULL AND \"tbl_name\" IN ({string.Join(", ", Written.Select(t => $"'{t}'"))})";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\";");
        }

        return indexes.Select(i => i.Sql).ToList();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ReadAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetValue(i) is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    /// <summary>An article as the preparer gives it, with the hash and fingerprint the store computes.</summary>
    private sealed record Prepared(PreparedArticle Article, string PlainText, string Hash, Fingerprint? Fingerprint)
    {
        public static Prepared Of(PreparedArticle prepared)
        {
            var plainText = prepared.Article.PlainText;
            return new(prepared, plainText, TextTools.Sha256Hex(TextTools.FoldWhitespace(prepared.Title).ToUpperInvariant() + "\n" + plainText), MinHash.Compute(plainText));
        }
    }

    /// <summary>Prepared inserts and the ids they hand out, in import's order: outlet when first seen, story, article,
    /// version. The values follow <c>StoreArticle</c> for a new article.</summary>
    private sealed class Rows(DbConnection connection, bool sqlite)
    {
        private readonly DbCommand _outlet = Insert(connection, "Outlets", "Name", "NormalizedName", "Domain", "CreatedUtc", "ArticleCount", "FirstReportCount");
        private readonly DbCommand _story = Insert(connection, "Stories", "Title", "CreatedUtc", "UpdatedUtc", "ArticleCount", "FirstReportOutletId");
        private readonly DbCommand _article = Insert(connection, "Articles",
            "Title", "Slug", "Byline", "StoryId", "StoryPinned", "OutletId", "Url", "CanonicalUrl", "PublishedUtc", "SortUtc", "Language", "Excerpt",
            "CurrentVersion", "CreatedUtc", "UpdatedUtc", "CreatedByUserId", "ConcurrencyStamp", "EventTerms", "Agency");
        private readonly DbCommand _version = Insert(connection, "ArticleVersions",
            "ArticleId", "Number", "Title", "PlainText", "ContentHash", "Fingerprint", "ShingleCount", "Origin", "CreatedUtc");
        private readonly Dictionary<string, long> _outlets = new(StringComparer.Ordinal);

        public async Task AddAsync(Prepared article, DbTransaction transaction)
        {
            var (prepared, plainText, hash, fingerprint) = article;
            var now = DateTime.UtcNow;
            var name = prepared.Outlet ?? throw new InvalidOperationException("Generated articles name their outlet.");
            var normalized = Outlet.Normalize(name);
            if (!_outlets.TryGetValue(normalized, out var outletId))
            {
                outletId = await RunAsync(_outlet, transaction, name, normalized, UrlCanonicalizer.Domain(prepared.Url), now, 0, 0);
                _outlets[normalized] = outletId;
            }

            var storyId = await RunAsync(_story, transaction, prepared.Title, now, now, 1, null);
            var language = prepared.Language is { } tag && IngestArticle.IsLanguageTag(tag) ? tag : null;
            var articleId = await RunAsync(_article, transaction,
                prepared.Title, TextTools.Slugify(prepared.Title, ArticleConfiguration.SlugMaxLength), prepared.Byline, storyId, false, outletId,
                prepared.Url, prepared.CanonicalUrl, prepared.PublishedUtc, prepared.PublishedUtc ?? now, language,
                prepared.Article.Excerpt(ArticleConfiguration.ExcerptMaxLength), 1, now, now, null,
                sqlite ? Guid.NewGuid().ToString().ToUpperInvariant() : Guid.NewGuid(), null, prepared.Agency); // a Guid as EF Core stores it on each
            await RunAsync(_version, transaction,
                articleId, 1, prepared.Title, plainText, hash, fingerprint is null ? null : MinHash.ToBytes(fingerprint.Signature), fingerprint?.Shingles ?? 0,
                prepared.Origin, now);
        }

        private static async Task<long> RunAsync(DbCommand command, DbTransaction transaction, params object?[] values)
        {
            command.Transaction = transaction;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        private static DbCommand Insert(DbConnection connection, string table, params string[] columns)
        {
            var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))}) RETURNING \"Id\"";
            foreach (var i in Enumerable.Range(0, columns.Length))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                command.Parameters.Add(parameter);
            }

            return command;
        }
    }
}
