using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Stories;

/// <summary>
/// The counts the outlet and story pages show, kept up to date when an article is stored instead of counted per
/// request: articles per outlet, per outlet and month, and per story, which outlet reported each story first
/// (<see cref="FirstReports"/>) and how many first reports each outlet has. <see cref="Move"/> sums an ingest's changes
/// and <see cref="Tally.WriteAsync"/> writes them inside its write transaction, so counts and articles commit together; <see cref="VerifyAsync"/> (the <c>check</c>
/// command) compares them with the articles, and <see cref="Rebuild"/> (the <c>recount</c> command) recomputes them.
/// </summary>
public static class ArchiveCounts
{
    /// <summary>Mismatches named in a failed check; the rest are counted.</summary>
    private const int Listed = 10;

    /// <summary>Where an article is counted: its outlet, its month (null when undated), its story, and the order
    /// key that decides a story's first report.</summary>
    public readonly record struct Place(int? OutletId, int? Month, int StoryId, DateTime SortUtc)
    {
        public static Place Of(Article article) =>
            new(article.OutletId, article.PublishedUtc is null ? null : OutletMonth.Of(article.SortUtc), article.StoryId, article.SortUtc);
    }

    /// <summary>Moves one article's counts from <paramref name="before"/> (null for a new article) to
    /// <paramref name="after"/>. Call after the article is saved, in the same transaction; the changes go to
    /// <paramref name="tally"/>, written by <see cref="Tally.WriteAsync"/> before the commit. A story the article
    /// started (<paramref name="newStory"/>) was created with its count of one and has no first report to credit,
    /// so it is not recounted.</summary>
    public static void Move(Place? before, Place after, bool newStory, Tally tally)
    {
        if (before == after)
        {
            return;
        }

        if (before is { } old)
        {
            tally.Add(old.OutletId, old.Month, -1);
        }

        tally.Add(after.OutletId, after.Month, 1);
        if (before is { } moved && moved.StoryId != after.StoryId)
        {
            tally.Recount(moved.StoryId);
        }

        if (!newStory)
        {
            tally.Recount(after.StoryId);
        }
    }

    /// <summary>Articles added to (or taken from) outlets, their months and stories by one command, summed so a batch
    /// import writes each outlet's and month's count, and recounts each story, once rather than once per article.</summary>
    public sealed class Tally
    {
        private readonly Dictionary<int, int> _outlets = [];
        private readonly Dictionary<(int OutletId, int Month), int> _months = [];
        private readonly SortedSet<int> _stories = [];

        internal void Recount(int storyId) => _stories.Add(storyId);

        internal void Add(int? outletId, int? month, int delta)
        {
            if (outletId is not { } outlet)
            {
                return;
            }

            _outlets[outlet] = _outlets.GetValueOrDefault(outlet) + delta;
            if (month is { } m)
            {
                _months[(outlet, m)] = _months.GetValueOrDefault((outlet, m)) + delta;
            }
        }

        /// <summary>Adds the sums in SQL (increments and an upsert, the same text on SQLite 3.24+ and PostgreSQL), so two
        /// writers never lose each other's counts whatever the isolation level, and recounts the stories articles joined
        /// or left from their rows. Call once the articles are saved, inside the transaction.</summary>
        public async Task WriteAsync(NewsTrackerDbContext db, CancellationToken cancellationToken)
        {
            foreach (var story in _stories)
            {
                await RefreshStoryAsync(db, story, cancellationToken);
            }

            foreach (var (outlet, delta) in _outlets.Where(o => o.Value != 0).OrderBy(o => o.Key))
            {
                await db.Outlets.Where(o => o.Id == outlet)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.ArticleCount, o => o.ArticleCount + delta), cancellationToken);
            }

            await Ingestion.ArticleRows.UpsertAsync(
                db, "OutletMonths", ["OutletId", "Month", "Articles"], ["OutletId", "Month"], "Articles",
                _months.Where(m => m.Value != 0).OrderBy(m => m.Key).Select(m => new object[] { m.Key.OutletId, m.Key.Month, m.Value }).ToList(),
                cancellationToken);
            _outlets.Clear();
            _months.Clear();
            _stories.Clear();
        }
    }

    /// <summary>Recounts the stories an editor's move took articles out of and put them in. Call after the move is
    /// saved, in the same transaction.</summary>
    public static async Task RefreshStoriesAsync(NewsTrackerDbContext db, IEnumerable<int> storyIds, CancellationToken cancellationToken)
    {
        foreach (var storyId in storyIds.Distinct())
        {
            await RefreshStoryAsync(db, storyId, cancellationToken);
        }
    }

    /// <summary>Recounts one story's articles and its first report from its own rows (a few, and indexed by story),
    /// moving the first-report credit between outlets when it changed.</summary>
    private static async Task RefreshStoryAsync(NewsTrackerDbContext db, int storyId, CancellationToken cancellationToken)
    {
        var story = await db.Stories.AsNoTracking().Where(s => s.Id == storyId)
            .Select(s => new
            {
                Count = s.Articles.Count,
                s.FirstReportOutletId,
                FirstOutletId = s.Articles.Where(a => a.PublishedUtc != null)
                    .OrderBy(a => a.SortUtc).ThenBy(a => a.Id)
                    .Select(a => a.OutletId).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (story is null)
        {
            return;
        }

        // Credited only when another outlet covered the story too, as FirstReports defines it.
        var credited = story.FirstOutletId is { } first
            && await db.Articles.AnyAsync(a => a.StoryId == storyId && a.OutletId != first, cancellationToken)
                ? story.FirstOutletId
                : null;
        await db.Stories.Where(s => s.Id == storyId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ArticleCount, story.Count).SetProperty(x => x.FirstReportOutletId, credited), cancellationToken);
        if (story.FirstReportOutletId != credited)
        {
            await CreditAsync(db, story.FirstReportOutletId, -1, cancellationToken);
            await CreditAsync(db, credited, 1, cancellationToken);

            // The outlets' cached pages show their first-report counts; the outlet of the article being stored is evicted
            // by its own save, but the credit can move to or from another. A change row written in the command's
            // transaction evicts both on every instance, this one included (its change poller treats rows it did not
            // note as others'). Written by SQL, as the batch import drops tracked rows after each article.
            var scope = string.Join(' ', new[] { story.FirstReportOutletId, credited }.OfType<int>().Select(ContentScope.Outlet));
            var now = DateTime.UtcNow;
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "ContentChanges" ("ChangedUtc", "Scope") VALUES ({now}, {scope})""", cancellationToken);
        }
    }

    private static async Task CreditAsync(NewsTrackerDbContext db, int? outletId, int delta, CancellationToken cancellationToken)
    {
        if (outletId is { } outlet)
        {
            await db.Outlets.Where(o => o.Id == outlet)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.FirstReportCount, o => o.FirstReportCount + delta), cancellationToken);
        }
    }

    /// <summary>The stored counts that differ from the articles, described for a person ("outlet 3: 12 articles
    /// counted, 13 stored"); empty when all agree. Reads every article once per kind of count, so it takes seconds
    /// at a million articles.</summary>
    public static async Task<IReadOnlyList<string>> VerifyAsync(NewsTrackerDbContext db, CancellationToken cancellationToken)
    {
        var wrong = new List<string>();
        var firstReports = FirstReports.Of(db);
        var outlets = await db.Outlets.AsNoTracking()
            .Select(o => new
            {
                o.Id,
                o.ArticleCount,
                Articles = db.Articles.Count(a => a.OutletId == o.Id),
                o.FirstReportCount,
                FirstReports = firstReports.Count(a => a.OutletId == o.Id),
            })
            .Where(o => o.ArticleCount != o.Articles || o.FirstReportCount != o.FirstReports)
            .OrderBy(o => o.Id)
            .ToListAsync(cancellationToken);
        wrong.AddRange(outlets.Select(o => Say(
            $"outlet {o.Id}: {o.ArticleCount} articles and {o.FirstReportCount} first reports stored, {o.Articles} and {o.FirstReports} counted")));

        var stories = await db.Stories.AsNoTracking()
            .Select(s => new
            {
                s.Id,
                s.ArticleCount,
                Articles = db.Articles.Count(a => a.StoryId == s.Id),
                s.FirstReportOutletId,
                FirstReport = firstReports.Where(a => a.StoryId == s.Id).Select(a => a.OutletId).FirstOrDefault(),
            })
            .Where(s => s.ArticleCount != s.Articles || s.FirstReportOutletId != s.FirstReport)
            .OrderBy(s => s.Id)
            .Take(Listed + 1)
            .ToListAsync(cancellationToken);
        wrong.AddRange(stories.Select(s => Say(
            $"story {s.Id}: {s.ArticleCount} articles and first report by outlet {s.FirstReportOutletId?.ToString(CultureInfo.InvariantCulture) ?? "none"} stored, {s.Articles} and {s.FirstReport?.ToString(CultureInfo.InvariantCulture) ?? "none"} counted")));

        var stored = await db.OutletMonths.AsNoTracking().Where(m => m.Articles != 0)
            .ToDictionaryAsync(m => (m.OutletId, m.Month), m => m.Articles, cancellationToken);
        foreach (var month in await CountMonthsAsync(db, cancellationToken))
        {
            if (!stored.Remove((month.OutletId, month.Month), out var articles) || articles != month.Articles)
            {
                wrong.Add(Say($"outlet {month.OutletId}, month {month.Month}: {articles} articles stored, {month.Articles} counted"));
            }
        }

        wrong.AddRange(stored.Select(m => Say($"outlet {m.Key.OutletId}, month {m.Key.Month}: {m.Value} articles stored, 0 counted")));
        return wrong;
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Dated articles per outlet and month, counted from the articles.</summary>
    private static async Task<List<OutletMonth>> CountMonthsAsync(NewsTrackerDbContext db, CancellationToken cancellationToken) =>
        (await db.Articles.AsNoTracking()
            .Where(a => a.OutletId != null && a.PublishedUtc != null)
            .GroupBy(a => new { OutletId = a.OutletId!.Value, a.SortUtc.Year, a.SortUtc.Month })
            .Select(g => new { g.Key.OutletId, g.Key.Year, g.Key.Month, Articles = g.Count() })
            .ToListAsync(cancellationToken))
        .Select(g => new OutletMonth { OutletId = g.OutletId, Month = (g.Year * 100) + g.Month, Articles = g.Articles })
        .ToList();

    /// <summary>Recomputes every count from the articles in one transaction (the <c>recount</c> command), the actor
    /// page's too (<see cref="ActorCounts"/>): the repair
    /// when <c>check</c> finds them off, e.g. after rows were edited by hand.</summary>
    public sealed record Rebuild : ICommand<Rebuilt>;

    /// <summary>What a rebuild recounted.</summary>
    public sealed record Rebuilt(int Outlets, int Stories, int Months, int ActorArticles, int ActorMonths);

    /// <summary>Runs <see cref="Rebuild"/>: stories first, since outlets' first-report counts are read from them.</summary>
    public sealed class RebuildHandler(NewsTrackerDbContext db) : IRequestHandler<Rebuild, Rebuilt>
    {
        public async Task<Rebuilt> Handle(Rebuild request, CancellationToken cancellationToken)
        {
            var firstReports = FirstReports.Of(db);
            var stories = await db.Stories.ExecuteUpdateAsync(
                s => s
                    .SetProperty(x => x.ArticleCount, x => db.Articles.Count(a => a.StoryId == x.Id))
                    .SetProperty(x => x.FirstReportOutletId, x => firstReports.Where(a => a.StoryId == x.Id).Select(a => a.OutletId).FirstOrDefault()),
                cancellationToken);
            var outlets = await db.Outlets.ExecuteUpdateAsync(
                s => s
                    .SetProperty(x => x.ArticleCount, x => db.Articles.Count(a => a.OutletId == x.Id))
                    .SetProperty(x => x.FirstReportCount, x => db.Stories.Count(st => st.FirstReportOutletId == x.Id)),
                cancellationToken);
            await db.OutletMonths.ExecuteDeleteAsync(cancellationToken);
            var months = await CountMonthsAsync(db, cancellationToken);
            db.OutletMonths.AddRange(months);
            await db.SaveChangesAsync(cancellationToken);
            var actors = await ActorCounts.RebuildAsync(db, cancellationToken);
            return new Rebuilt(outlets, stories, months.Count, actors.Articles, actors.Months);
        }
    }
}
