using System.Collections.Concurrent;
using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace NewsTracker.Web.Search;

/// <summary>
/// The Lucene index beside the database: one per process, in <c>Search:IndexDirectory</c> (default
/// <c>search-index</c> in the data directory). It is a derived copy that can always be rebuilt. Every stored text is
/// an <c>ArticleVersions</c> row, so that table is the change log: the index applies the versions above the floor
/// kept in its last commit, before each search and every <c>Search:CatchUpSeconds</c>, and so catches up after a
/// crash and sees what other instances sharing one PostgreSQL database stored.
/// <para>PostgreSQL hands out ids at insert, not at commit, so a lower id can become visible after a higher one. As in
/// <c>Topics/SharedCacheInvalidation</c>, the floor is the highest id seen <see cref="Window"/> ago, and the ids above
/// it already applied are remembered; applying a version twice only writes the same document again.</para>
/// </summary>
public sealed class SearchEngine : IDisposable
{
    public const string Section = "Search";

    /// <summary>The article id as a term, for replacing or deleting its document.</summary>
    internal const string KeyField = "key";

    /// <summary>Article id and sort time as doc values (read per hit, sorted on) and as indexed numbers (cursor ranges).</summary>
    internal const string IdField = "id";
    internal const string SortField = "sort";
    internal const string IdRangeField = "id_range";
    internal const string SortRangeField = "sort_range";

    private const string FloorKey = "versionFloor";
    private const string HighestKey = "versionHighest";

    /// <summary>How documents are written; an index written another way is built again when opened.</summary>
    private const string FormatKey = "format";
    private const string Format = "combined-weighted-bm25";

    /// <summary>Articles read and written per batch when building the whole index.</summary>
    private const int BuildBatch = 500;

    /// <summary>How long a version may take from insert to commit and still be applied: longer than any write transaction.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly string _path;
    private readonly TimeProvider _clock;
    private readonly ILogger<SearchEngine> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<int, byte> _applied = new();
    private readonly Queue<(DateTimeOffset At, int Highest)> _marks = new();
    private FSDirectory? _directory;
    private IndexWriter? _writer;
    private SearcherManager? _searchers;
    private volatile int _floor;
    private volatile int _highest;

    /// <summary>When the oldest mark leaves the window, so the floor can rise (ticks, UTC); read without the lock.</summary>
    private long _settleAtTicks = long.MaxValue;

    public SearchEngine(IConfiguration configuration, TimeProvider clock, ILogger<SearchEngine> logger)
    {
        _path = IndexPath(configuration);
        NewestSpanAbove = configuration.GetValue($"{Section}:NewestSpanAboveMatches", 20_000);
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Estimated matches above which a newest-first search looks in a time span instead of sorting them all
    /// (<c>Search:NewestSpanAboveMatches</c>): a span's time filter reads every article in the span, which costs more
    /// than sorting a few thousand matches.</summary>
    public int NewestSpanAbove { get; }

    /// <summary>Where the index lives: <c>Search:IndexDirectory</c>, else <c>search-index</c> beside the database.</summary>
    public static string IndexPath(IConfiguration configuration)
    {
        var configured = configuration[$"{Section}:IndexDirectory"];
        var data = configuration[$"{StorageOptions.Section}:DataDirectory"] ?? "data";
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(data, "search-index") : Path.Combine(data, configured));
    }

    /// <summary>Deletes the index (after a restore), so the next start builds it from the restored database.</summary>
    public static void Discard(IConfiguration configuration)
    {
        var path = IndexPath(configuration);
        if (System.IO.Directory.Exists(path))
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>Applies what was stored since the last look, then lends a searcher over the result.</summary>
    public async Task<Lease> AcquireAsync(NewsTrackerDbContext db, CancellationToken cancellationToken)
    {
        await CatchUpAsync(db, cancellationToken);
        return new Lease(_searchers!);
    }

    /// <summary>Applies every version stored since the last look; builds the whole index when there is none, or when
    /// the database is not the one it was built from (a restored backup).</summary>
    public async Task CatchUpAsync(NewsTrackerDbContext db, CancellationToken cancellationToken)
    {
        if (_searchers is not null)
        {
            // The common case needs no lock: nothing new above the floor.
            var floor = _floor;
            var above = await db.ArticleVersions.AsNoTracking().Where(v => v.Id > floor).Select(v => v.Id).ToListAsync(cancellationToken);
            if (above.TrueForAll(_applied.ContainsKey) && (above.Count == 0 || _clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _settleAtTicks)))
            {
                return;
            }
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Open())
            {
                await BuildAsync(db, null, cancellationToken);
                return;
            }

            var newest = await db.ArticleVersions.MaxAsync(v => (int?)v.Id, cancellationToken) ?? 0;
            if (newest < _highest)
            {
                _logger.LogWarning("The search index has versions up to {Indexed} but the database only up to {Newest} (a restore?); rebuilding it", _highest, newest);
                await BuildAsync(db, null, cancellationToken);
                return;
            }

            var settled = _floor;
            var rows = await db.ArticleVersions.AsNoTracking().Where(v => v.Id > settled).Select(v => new { v.Id, v.ArticleId }).ToListAsync(cancellationToken);
            var fresh = rows.Where(r => !_applied.ContainsKey(r.Id)).ToList();
            if (fresh.Count > 0)
            {
                await WriteAsync(db, fresh.Select(r => r.ArticleId).Distinct().ToList(), cancellationToken);
            }

            var now = _clock.GetUtcNow();
            var highest = Math.Max(_highest, rows.Count > 0 ? rows.Max(r => r.Id) : 0);
            _marks.Enqueue((now, highest));
            while (_marks.Count > 0 && _marks.Peek().At <= now - Window)
            {
                settled = Math.Max(settled, _marks.Dequeue().Highest);
            }

            if (fresh.Count > 0 || settled != _floor)
            {
                // Searchers see the writes before any search is told they are applied (the lock-free check above).
                CommitAndRefresh(settled, highest);
                foreach (var row in fresh)
                {
                    _applied.TryAdd(row.Id, 0);
                }

                foreach (var id in _applied.Keys.Where(id => id <= settled))
                {
                    _applied.TryRemove(id, out _);
                }

                _floor = settled;
                _highest = highest;
            }

            Interlocked.Exchange(ref _settleAtTicks, _marks.Count > 0 ? (_marks.Peek().At + Window).UtcTicks : long.MaxValue);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Builds the whole index from the database, reporting (articles done, articles in all) as it goes.</summary>
    public async Task RebuildAsync(NewsTrackerDbContext db, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Open();
            await BuildAsync(db, progress, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>False when a stored version is not in the index yet (as committed by whichever process keeps it).</summary>
    public async Task<bool> IsCurrentAsync(NewsTrackerDbContext db, CancellationToken cancellationToken)
    {
        var newest = await db.ArticleVersions.MaxAsync(v => (int?)v.Id, cancellationToken) ?? 0;
        if (_searchers is not null)
        {
            return newest <= _floor || _applied.ContainsKey(newest);
        }

        // Another process (the server) may hold the index: read its last commit without opening a writer.
        using var directory = FSDirectory.Open(new DirectoryInfo(_path));
        if (!DirectoryReader.IndexExists(directory))
        {
            return newest == 0;
        }

        var commit = new SegmentInfos();
        commit.Read(directory);
        return commit.UserData.TryGetValue(HighestKey, out var value) && int.Parse(value, CultureInfo.InvariantCulture) >= newest;
    }

    public void Dispose()
    {
        _searchers?.Dispose();
        _writer?.Dispose();
        _directory?.Dispose();
        _gate.Dispose();
    }

    /// <summary>Opens the index once; true when it has never been built.</summary>
    private bool Open()
    {
        if (_writer is not null)
        {
            return false;
        }

        System.IO.Directory.CreateDirectory(_path);
        _directory = FSDirectory.Open(new DirectoryInfo(_path));
        var fresh = !DirectoryReader.IndexExists(_directory);
        try
        {
            _writer = new IndexWriter(_directory, new IndexWriterConfig(SearchAnalyzer.Version, SearchAnalyzer.Instance)
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                Similarity = new WeightedBm25(),

                // Fewer, larger flushes when a build writes a million documents; memory is given back after.
                RAMBufferSizeMB = 64,
            });
        }
        catch (LockObtainFailedException ex)
        {
            throw new InvalidOperationException($"The search index at {_path} is held by another process (a running server, or a rebuild); stop it first.", ex);
        }

        _searchers = new SearcherManager(_writer, true, new Bm25Searchers());
        if (!fresh && _writer.CommitData is { } data && data.TryGetValue(FloorKey, out var floor) && data.TryGetValue(HighestKey, out var highest)
            && data.TryGetValue(FormatKey, out var format) && format == Format)
        {
            _floor = int.Parse(floor, CultureInfo.InvariantCulture);
            _highest = int.Parse(highest, CultureInfo.InvariantCulture);
            return false;
        }

        return true;
    }

    private async Task BuildAsync(NewsTrackerDbContext db, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        // Versions stored from here on are applied by the next catch-up, so the build covers up to this one.
        var newest = await db.ArticleVersions.MaxAsync(v => (int?)v.Id, cancellationToken) ?? 0;
        var total = await db.Articles.CountAsync(cancellationToken);
        _logger.LogInformation("Building the search index at {Path} for {Articles} articles", _path, total);
        _writer!.DeleteAll();
        var done = 0;
        var after = 0;
        progress?.Report((0, total));
        while (true)
        {
            var documents = await Documents(db.Articles.Where(a => a.Id > after).OrderBy(a => a.Id).Take(BuildBatch)).ToListAsync(cancellationToken);
            if (documents.Count == 0)
            {
                break;
            }

            foreach (var document in documents)
            {
                _writer.AddDocument(ToDocument(document));
            }

            after = documents[^1].Id;
            done += documents.Count;
            progress?.Report((done, Math.Max(total, done)));
        }

        CommitAndRefresh(newest, newest);
        _applied.Clear();
        _marks.Clear();
        Interlocked.Exchange(ref _settleAtTicks, long.MaxValue);
        _floor = newest;
        _highest = newest;
    }

    /// <summary>Writes the articles' current documents again (deleting those of articles that are gone).</summary>
    private async Task WriteAsync(NewsTrackerDbContext db, List<int> articleIds, CancellationToken cancellationToken)
    {
        var documents = await Documents(db.Articles.Where(a => EF.Parameter(articleIds).Contains(a.Id))).ToListAsync(cancellationToken);
        foreach (var document in documents)
        {
            _writer!.UpdateDocument(new Term(KeyField, Key(document.Id)), ToDocument(document));
        }

        foreach (var gone in articleIds.Except(documents.Select(d => d.Id)))
        {
            _writer!.DeleteDocuments(new Term(KeyField, Key(gone)));
        }
    }

    private void CommitAndRefresh(int floor, int highest)
    {
        _writer!.SetCommitData(new Dictionary<string, string>
        {
            [FloorKey] = floor.ToString(CultureInfo.InvariantCulture),
            [HighestKey] = highest.ToString(CultureInfo.InvariantCulture),
            [FormatKey] = Format,
        });
        _writer.Commit();
        _searchers!.MaybeRefreshBlocking();
    }

    private sealed record Source(int Id, string Title, string? Byline, DateTime SortUtc, string? Text);

    private static IQueryable<Source> Documents(IQueryable<Domain.Article> articles) =>
        articles.AsNoTracking().Select(a => new Source(
            a.Id, a.Title, a.Byline, a.SortUtc, a.Versions.Where(v => v.Number == a.CurrentVersion).Select(v => v.PlainText).FirstOrDefault()));

    private static Document ToDocument(Source source) =>
    [
        new StringField(KeyField, Key(source.Id), Field.Store.NO),
        new NumericDocValuesField(IdField, source.Id),
        new NumericDocValuesField(SortField, source.SortUtc.Ticks),
        new Int32Field(IdRangeField, source.Id, Field.Store.NO),
        new Int64Field(SortRangeField, source.SortUtc.Ticks, Field.Store.NO),
        .. LuceneQuery.Fields(source.Title, source.Byline, source.Text),
    ];

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Searchers that rank with FTS5's weighted BM25 over what they read.</summary>
    private sealed class Bm25Searchers : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = WeightedBm25.For(reader) };
    }

    /// <summary>A searcher on loan; disposing returns it.</summary>
    public sealed class Lease(SearcherManager manager) : IDisposable
    {
        public IndexSearcher Searcher { get; } = manager.Acquire();

        public void Dispose() => manager.Release(Searcher);
    }
}
