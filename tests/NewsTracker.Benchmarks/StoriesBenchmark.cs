using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Cli;
using NewsTracker.Web.Data;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Stories;

namespace NewsTracker.Benchmarks;

/// <summary>
/// What event clustering adds to one ingest on a large archive: an archive of COUNT generated articles is built once
/// (its first <see cref="PipelineArticles"/> through the ingest pipeline with clustering, the rest written straight into
/// the database with the rows clustering reads), copied, and the same new articles are then ingested one per
/// transaction into each copy, with <c>Stories:EventClustering</c> on and off, alternating. Reference and subject in one run.
/// </summary>
public static class StoriesBenchmark
{
    public const int DefaultArticleCount = 100_000;

    /// <summary>Articles of the archive ingested through the pipeline; on the shared machine 100 000 would take over an
    /// hour that way, so the rest are written straight into the database (<see cref="WriteStraightAsync"/>).</summary>
    private const int PipelineArticles = 1_000;

    /// <summary>New articles timed on each copy, after as many untimed ones warm the process up.</summary>
    private const int MeasuredArticles = 400;

    /// <param name="count">Articles in the archive.</param>
    /// <param name="profile">Also print the SQL time of each command of the clustered run and the time the terms take
    /// to extract, so the stages of clustering can be told apart.</param>
    /// <param name="archiveDirectory">Where the archive is kept between runs: built there when it holds none, else
    /// reused (the timed runs work on copies), since building it takes most of a run.</param>
    public static async Task RunAsync(int count, bool profile = false, string? archiveDirectory = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "newstracker-stories-benchmark", Guid.NewGuid().ToString("N"));
        try
        {
            var articles = new ArticleGenerator().Generate(count + (2 * MeasuredArticles));
            var archive = articles.Take(count).ToList();

            // New articles dated inside the archive's year, so the window around each finds real neighbours.
            var fresh = articles.Skip(count).ToList();
            var master = archiveDirectory ?? Path.Combine(root, "archive");
            if (!File.Exists(Path.Combine(master, "newstracker.db")))
            {
                var built = Stopwatch.StartNew();
                await BuildArchiveAsync(master, archive);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Archive of {count} articles built in {built.Elapsed.TotalSeconds:0} s under {master}"));
            }
            else
            {
                Console.WriteLine($"Archive reused from {master}");
            }

            var withDirectory = Copy(master, Path.Combine(root, "with"));
            var withoutDirectory = Copy(master, Path.Combine(root, "without"));
            var timings = profile ? new CommandTimings() : null;
            var (without, with) = await TimeAsync(withoutDirectory, withDirectory, fresh, timings);
            if (timings is not null)
            {
                Console.WriteLine($"Clustered run, {fresh.Count} ingests (warm-up included; the event keys and term counts are written outside EF, so not listed):");
                timings.Print();
                SqliteConnection.ClearAllPools();
                await PrintStagesAsync(Copy(master, Path.Combine(root, "stages")), fresh);
            }

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

    /// <summary>The archive: its first <see cref="PipelineArticles"/> through the pipeline, the rest straight into the file.</summary>
    private static async Task BuildArchiveAsync(string directory, List<GeneratedArticle> archive)
    {
        await using (var host = await ImportBenchmark.StartHostAsync(directory))
        {
            // One batch at a time: on a loaded machine two batches in flight can wait past SQLite's busy timeout.
            foreach (var batch in archive.Take(PipelineArticles).Chunk(ImportArticles.BatchSize))
            {
                await using var scope = host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new IngestArticles.Command(batch.Select(a => a.ToCommand()).ToList()));
            }
        }

        SqliteConnection.ClearAllPools();
        await WriteStraightAsync(Path.Combine(directory, "newstracker.db"), archive.Skip(PipelineArticles).ToList());
        SqliteConnection.ClearAllPools();
    }

    private static string Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "newstracker.db*"))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        return to;
    }

    /// <summary>
    /// The rest of the archive as clustering sees it, without the pipeline: per article a story, the article row (its
    /// event terms and date), its event keys weighed against the statistics so far, and at the end the term counts.
    /// Each starts its own story (joining would change no row clustering reads but the story id), and has no versions,
    /// blocks or near-duplicate keys, which both timed runs read alike.
    /// </summary>
    private static async Task WriteStraightAsync(string databasePath, List<GeneratedArticle> articles)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        var outlets = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Name, Id FROM Outlets";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                outlets[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var statistics = new Counts();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Term, Articles FROM EventTermCounts";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                statistics.Set(reader.GetString(0), reader.GetInt32(1));
            }
        }

        foreach (var batch in articles.Chunk(5_000))
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var story = Command(connection, transaction, "INSERT INTO Stories (Title, CreatedUtc, UpdatedUtc, ArticleCount, FirstReportOutletId) VALUES ($title, $now, $now, 1, $outlet); SELECT last_insert_rowid();", "$title", "$now", "$outlet");
            await using var article = Command(connection, transaction, """
                INSERT INTO Articles (Title, Slug, StoryId, OutletId, Url, CanonicalUrl, PublishedUtc, SortUtc, Language, Excerpt, CurrentVersion, CreatedUtc, UpdatedUtc, ConcurrencyStamp, EventTerms, StoryPinned)
                VALUES ($title, $slug, $story, $outlet, $url, $url, $date, $date, 'en', $excerpt, 1, $now, $now, $stamp, $terms, 0); SELECT last_insert_rowid();
                """, "$title", "$slug", "$story", "$outlet", "$url", "$date", "$excerpt", "$now", "$stamp", "$terms");
            await using var key = Command(connection, transaction, "INSERT INTO EventKeys (Term, ArticleId, SortUtc) VALUES ($term, $article, $date)", "$term", "$article", "$date");
            var now = Timestamp(DateTime.UtcNow);
            foreach (var generated in batch)
            {
                var body = string.Join("\n\n", generated.Paragraphs);
                var signature = EventStories.Signature.Of(generated.Title, body);
                var keys = EventMatcher.Keys(signature.Terms, statistics);
                var outlet = outlets.TryGetValue(generated.Outlet, out var outletId) ? (object)outletId : DBNull.Value;
                var date = Timestamp(generated.PublishedUtc);

                Set(story, generated.Title, now, outlet);
                var storyId = (long)(await story.ExecuteScalarAsync())!;
                Set(article, generated.Title, generated.Url.Split('/')[^1], storyId, outlet, generated.Url, date, body[..Math.Min(body.Length, 200)], now, Guid.NewGuid().ToString("D").ToUpperInvariant(), signature.Stored);
                var articleId = (long)(await article.ExecuteScalarAsync())!;
                foreach (var term in keys)
                {
                    Set(key, term, articleId, date);
                    await key.ExecuteNonQueryAsync();
                }

                statistics.Count(signature.Terms.Keys);
            }

            await transaction.CommitAsync();
        }

        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            await using var count = Command(connection, transaction, "INSERT INTO EventTermCounts (Term, Articles) VALUES ($term, $articles) ON CONFLICT (Term) DO UPDATE SET Articles = excluded.Articles", "$term", "$articles");
            foreach (var (term, total) in statistics.All)
            {
                Set(count, term, total);
                await count.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static void Set(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }

    /// <summary>The form EF Core's SQLite provider stores a <see cref="DateTime"/> in, so date ranges compare alike.</summary>
    private static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>Corpus statistics kept in memory while the archive is written; the empty term counts all articles.</summary>
    private sealed class Counts : EventMatcher.IStatistics
    {
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

        public int Articles => _counts.GetValueOrDefault(string.Empty);

        public IEnumerable<KeyValuePair<string, int>> All => _counts;

        public int ArticlesWith(string term) => _counts.GetValueOrDefault(term);

        public void Set(string term, int articles) => _counts[term] = articles;

        public void Count(IEnumerable<string> terms)
        {
            foreach (var term in terms.Append(string.Empty))
            {
                _counts[term] = _counts.GetValueOrDefault(term) + 1;
            }
        }
    }

    /// <summary>The same new articles into both copies, alternating one by one, so a change in the machine's load
    /// (it is shared) falls on both alike.</summary>
    private static async Task<(List<double> Without, List<double> With)> TimeAsync(string withoutDirectory, string withDirectory, List<GeneratedArticle> fresh, CommandTimings? timings)
    {
        await using var without = await ImportBenchmark.StartHostAsync(withoutDirectory, settings: new Dictionary<string, string?> { ["Stories:EventClustering"] = "false" });
        await using var with = await ImportBenchmark.StartHostAsync(withDirectory, timings, settings: new Dictionary<string, string?> { ["Stories:EventClustering"] = "true" });
        var times = (Without: new List<double>(MeasuredArticles), With: new List<double>(MeasuredArticles));
        for (var i = 0; i < fresh.Count; i++)
        {
            var measured = i >= fresh.Count - MeasuredArticles;
            var withoutFirst = i % 2 == 0;
            foreach (var host in withoutFirst ? new[] { without, with } : [with, without])
            {
                var started = Stopwatch.GetTimestamp();
                await using (var scope = host.Services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<IMediator>().Send(fresh[i].ToCommand());
                }

                if (measured)
                {
                    (host == without ? times.Without : times.With).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }

        return times;
    }

    /// <summary>
    /// Clustering's stages apart, on a copy of the archive, for the measured articles: term extraction; keys and
    /// scoring against the 40 newest articles' terms (CPU only; real candidates share keys, so this is an estimate);
    /// the writes (event keys and term counts), each in a transaction rolled back. The reads are in the SQL table above.
    /// </summary>
    private static async Task PrintStagesAsync(string directory, List<GeneratedArticle> fresh)
    {
        await using var host = await ImportBenchmark.StartHostAsync(directory);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var statistics = new Counts();
        foreach (var row in await db.EventTermCounts.AsNoTracking().ToListAsync())
        {
            statistics.Set(row.Term, row.Articles);
        }

        var candidates = (await db.Articles.AsNoTracking().Where(a => a.EventTerms != null).OrderByDescending(a => a.Id).Take(EventMatcher.MaxCandidates)
                .Select(a => new { a.Id, a.StoryId, a.EventTerms }).ToListAsync())
            .Select(a => new EventMatcher.Candidate(a.Id, a.StoryId, EventTerms.Parse(a.EventTerms))).ToList();
        var articleId = candidates[0].ArticleId;
        double terms = 0, scoring = 0, writes = 0;
        var measured = fresh.Skip(fresh.Count - MeasuredArticles).ToList();
        foreach (var article in measured)
        {
            var started = Stopwatch.GetTimestamp();
            var signature = EventStories.Signature.Of(article.Title, string.Join("\n\n", article.Paragraphs));
            terms += Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            started = Stopwatch.GetTimestamp();
            var keys = EventMatcher.Keys(signature.Terms, statistics);
            EventMatcher.ChooseStory(signature.Terms, candidates, statistics);
            scoring += Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            await using var transaction = await db.Database.BeginTransactionAsync();
            started = Stopwatch.GetTimestamp();
            await ArticleRows.InsertEventKeysAsync(db, articleId, article.PublishedUtc, keys, CancellationToken.None);
            await ArticleRows.CountEventTermsAsync(db, signature.Terms.Keys, CancellationToken.None);
            writes += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await transaction.RollbackAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Stages per article ({measured.Count}): term extraction {terms / measured.Count:0.00} ms, keys and scoring (40 candidates) {scoring / measured.Count:0.00} ms, writes (keys, counts) {writes / measured.Count:0.00} ms"));
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
