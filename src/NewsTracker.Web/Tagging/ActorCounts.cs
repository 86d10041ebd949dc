using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Tagging;

/// <summary>
/// The counts the actor page shows, kept up to date when tags are written instead of counted per request: for each
/// actor and article, its placed mentions (<see cref="ActorArticle"/>, which also gives the page its newest-first list),
/// and for each actor and month, mentions and articles (<see cref="ActorMonth"/>), both as staff see them (proposed
/// and approved) and as readers do (approved). Every tag write goes through a tracked save, so the save interceptor
/// hands the articles a save touched to <see cref="RefreshAsync"/> in the same transaction; it recounts those articles'
/// mentions from their own (few, indexed) tags and moves the month totals by the difference. <see cref="VerifyAsync"/>
/// (<c>check</c>) compares the counts with the tags, <see cref="RebuildAsync"/> (<c>recount</c>) recomputes them.
/// </summary>
public static class ActorCounts
{
    /// <summary>How many article ids one query names; keeps an actor merge's refresh under every provider's limit.</summary>
    private const int Chunk = 500;

    /// <summary>Mismatches named in a failed check; the rest are counted.</summary>
    private const int Listed = 10;

    /// <summary>What a save is about to change that the counts follow: its added mention tags (whose article ids are
    /// known for certain only after the save) and the articles whose tags or dates change.</summary>
    public sealed class Pending
    {
        private readonly List<Annotation> _added = [];
        private readonly HashSet<int> _articleIds = [];

        internal bool IsEmpty => _added.Count == 0 && _articleIds.Count == 0;

        /// <summary>The articles to recount, read after the save.</summary>
        internal IReadOnlyCollection<int> ArticleIds => [.. _articleIds.Concat(_added.Select(a => a.ArticleId)).Distinct()];

        /// <summary>Reads the change tracker before a save (which detects the changes).</summary>
        public static Pending Capture(NewsTrackerDbContext db)
        {
            var pending = new Pending();
            foreach (var entry in db.ChangeTracker.Entries<Annotation>())
            {
                switch (entry.State)
                {
                    case EntityState.Added when entry.Entity.Kind == AnnotationKind.ActorMention:
                        pending._added.Add(entry.Entity);
                        break;
                    case EntityState.Modified or EntityState.Deleted
                        when entry.Entity.Kind == AnnotationKind.ActorMention
                             || entry.Property(a => a.Kind).OriginalValue == AnnotationKind.ActorMention:
                        pending._articleIds.Add(entry.Property(a => a.ArticleId).OriginalValue);
                        pending._articleIds.Add(entry.Entity.ArticleId);
                        break;
                }
            }

            // A re-dated article moves its mentions to another month.
            foreach (var entry in db.ChangeTracker.Entries<Article>())
            {
                if (entry.State == EntityState.Modified && (entry.Property(a => a.SortUtc).IsModified || entry.Property(a => a.PublishedUtc).IsModified))
                {
                    pending._articleIds.Add(entry.Entity.Id);
                }
            }

            return pending;
        }
    }

    /// <summary>Recounts the mentions in <paramref name="articleIds"/> and moves the month totals by what changed. Call
    /// after the tags are saved, in the same transaction: the month totals change by SQL increments, so two writers
    /// never lose each other's counts.</summary>
    public static async Task RefreshAsync(NewsTrackerDbContext db, IReadOnlyCollection<int> articleIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in articleIds.Chunk(Chunk))
        {
            var stored = await db.ActorArticles.AsNoTracking().Where(p => chunk.Contains(p.ArticleId)).ToListAsync(cancellationToken);
            var counted = await CountAsync(db, chunk, cancellationToken);
            var before = stored.ToDictionary(p => (p.ActorId, p.ArticleId));
            var after = counted.ToDictionary(p => (p.ActorId, p.ArticleId));
            var months = new Dictionary<(int ActorId, int Month), MonthDelta>();
            foreach (var (key, old) in before)
            {
                if (!after.TryGetValue(key, out var now))
                {
                    await db.ActorArticles.Where(p => p.ActorId == key.ActorId && p.ArticleId == key.ArticleId).ExecuteDeleteAsync(cancellationToken);
                    Add(months, old, -1);
                }
                else if (!Same(old, now))
                {
                    Add(months, old, -1);
                }
            }

            foreach (var (key, now) in after)
            {
                if (before.TryGetValue(key, out var old) && Same(old, now))
                {
                    continue;
                }

                await db.Database.ExecuteSqlAsync(
                    $"""
                    INSERT INTO "ActorArticles" ("ActorId", "ArticleId", "SortUtc", "Month", "Mentions", "ApprovedMentions")
                    VALUES ({now.ActorId}, {now.ArticleId}, {now.SortUtc}, {now.Month}, {now.Mentions}, {now.ApprovedMentions})
                    ON CONFLICT ("ActorId", "ArticleId") DO UPDATE SET "SortUtc" = excluded."SortUtc", "Month" = excluded."Month",
                        "Mentions" = excluded."Mentions", "ApprovedMentions" = excluded."ApprovedMentions"
                    """,
                    cancellationToken);
                Add(months, now, 1);
            }

            foreach (var ((actorId, month), d) in months.Where(m => m.Value != default))
            {
                // The same upsert on SQLite (3.24+) and PostgreSQL.
                await db.Database.ExecuteSqlAsync(
                    $"""
                    INSERT INTO "ActorMonths" ("ActorId", "Month", "Mentions", "Articles", "ApprovedMentions", "ApprovedArticles")
                    VALUES ({actorId}, {month}, {d.Mentions}, {d.Articles}, {d.ApprovedMentions}, {d.ApprovedArticles})
                    ON CONFLICT ("ActorId", "Month") DO UPDATE SET
                        "Mentions" = "ActorMonths"."Mentions" + {d.Mentions}, "Articles" = "ActorMonths"."Articles" + {d.Articles},
                        "ApprovedMentions" = "ActorMonths"."ApprovedMentions" + {d.ApprovedMentions},
                        "ApprovedArticles" = "ActorMonths"."ApprovedArticles" + {d.ApprovedArticles}
                    """,
                    cancellationToken);
            }
        }
    }

    private readonly record struct MonthDelta(int Mentions, int Articles, int ApprovedMentions, int ApprovedArticles);

    private static bool Same(ActorArticle a, ActorArticle b) =>
        a.SortUtc == b.SortUtc && a.Month == b.Month && a.Mentions == b.Mentions && a.ApprovedMentions == b.ApprovedMentions;

    /// <summary>Adds (<paramref name="sign"/> 1) or takes away (−1) one article's mentions in its month; an undated
    /// article is in no month.</summary>
    private static void Add(Dictionary<(int ActorId, int Month), MonthDelta> months, ActorArticle pair, int sign)
    {
        if (pair.Month is not { } month)
        {
            return;
        }

        var d = months.GetValueOrDefault((pair.ActorId, month));
        months[(pair.ActorId, month)] = new MonthDelta(
            d.Mentions + (sign * pair.Mentions),
            d.Articles + (pair.Mentions > 0 ? sign : 0),
            d.ApprovedMentions + (sign * pair.ApprovedMentions),
            d.ApprovedArticles + (pair.ApprovedMentions > 0 ? sign : 0));
    }

    /// <summary>Each actor's placed mentions per article, counted from the tags: of <paramref name="articleIds"/>, or of
    /// every article when null.</summary>
    private static async Task<List<ActorArticle>> CountAsync(NewsTrackerDbContext db, int[]? articleIds, CancellationToken cancellationToken)
    {
        var tags = db.Annotations.AsNoTracking()
            .Where(m => m.Kind == AnnotationKind.ActorMention && m.ActorId != null && !m.IsOrphaned);
        if (articleIds is not null)
        {
            tags = tags.Where(m => articleIds.Contains(m.ArticleId));
        }

        var rows = await (
                from m in tags
                join a in db.Articles on m.ArticleId equals a.Id
                group m by new { ActorId = m.ActorId!.Value, m.ArticleId, a.SortUtc, Dated = a.PublishedUtc != null } into g
                select new
                {
                    g.Key.ActorId,
                    g.Key.ArticleId,
                    g.Key.SortUtc,
                    g.Key.Dated,
                    Mentions = g.Count(),
                    Approved = g.Count(m => m.Status == AnnotationStatus.Approved),
                })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ActorArticle
        {
            ActorId = r.ActorId,
            ArticleId = r.ArticleId,
            SortUtc = r.SortUtc,
            Month = r.Dated ? OutletMonth.Of(r.SortUtc) : null,
            Mentions = r.Mentions,
            ApprovedMentions = r.Approved,
        }).ToList();
    }

    /// <summary>Month totals from per-article counts.</summary>
    private static List<ActorMonth> Months(IEnumerable<ActorArticle> pairs) =>
        pairs.Where(p => p.Month is not null)
            .GroupBy(p => (p.ActorId, Month: p.Month!.Value))
            .Select(g => new ActorMonth
            {
                ActorId = g.Key.ActorId,
                Month = g.Key.Month,
                Mentions = g.Sum(p => p.Mentions),
                Articles = g.Count(p => p.Mentions > 0),
                ApprovedMentions = g.Sum(p => p.ApprovedMentions),
                ApprovedArticles = g.Count(p => p.ApprovedMentions > 0),
            })
            .ToList();

    /// <summary>The stored actor counts that differ from the tags, described for a person; empty when all agree. Reads
    /// every mention once.</summary>
    public static async Task<IReadOnlyList<string>> VerifyAsync(NewsTrackerDbContext db, CancellationToken cancellationToken)
    {
        var wrong = new List<string>();
        var counted = await CountAsync(db, null, cancellationToken);
        var stored = await db.ActorArticles.AsNoTracking().ToDictionaryAsync(p => (p.ActorId, p.ArticleId), cancellationToken);
        foreach (var pair in counted)
        {
            if (!stored.Remove((pair.ActorId, pair.ArticleId), out var kept) || !Same(kept, pair))
            {
                wrong.Add(Say($"actor {pair.ActorId} in article {pair.ArticleId}: {kept?.Mentions ?? 0} mentions ({kept?.ApprovedMentions ?? 0} approved) stored, {pair.Mentions} ({pair.ApprovedMentions}) counted"));
            }
        }

        wrong.AddRange(stored.Values.Select(p => Say($"actor {p.ActorId} in article {p.ArticleId}: {p.Mentions} mentions stored, 0 counted")));

        var months = await db.ActorMonths.AsNoTracking()
            .Where(m => m.Mentions != 0 || m.Articles != 0 || m.ApprovedMentions != 0 || m.ApprovedArticles != 0)
            .ToDictionaryAsync(m => (m.ActorId, m.Month), cancellationToken);
        foreach (var month in Months(counted))
        {
            if (!months.Remove((month.ActorId, month.Month), out var kept)
                || (kept.Mentions, kept.Articles, kept.ApprovedMentions, kept.ApprovedArticles) != (month.Mentions, month.Articles, month.ApprovedMentions, month.ApprovedArticles))
            {
                wrong.Add(Say($"actor {month.ActorId}, month {month.Month}: {kept?.Mentions ?? 0} mentions in {kept?.Articles ?? 0} articles stored, {month.Mentions} in {month.Articles} counted"));
            }
        }

        wrong.AddRange(months.Values.Select(m => Say($"actor {m.ActorId}, month {m.Month}: {m.Mentions} mentions in {m.Articles} articles stored, 0 counted")));
        return wrong.Count > Listed ? [.. wrong.Take(Listed), Say($"and {wrong.Count - Listed} more actor counts")] : wrong;
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Recomputes every actor count from the tags (part of the <c>recount</c> command, in its transaction);
    /// answers how many per-article rows and months it stored.</summary>
    public static async Task<(int Articles, int Months)> RebuildAsync(NewsTrackerDbContext db, CancellationToken cancellationToken)
    {
        await db.ActorArticles.ExecuteDeleteAsync(cancellationToken);
        await db.ActorMonths.ExecuteDeleteAsync(cancellationToken);
        var pairs = await CountAsync(db, null, cancellationToken);
        var months = Months(pairs);
        db.ActorArticles.AddRange(pairs);
        db.ActorMonths.AddRange(months);
        await db.SaveChangesAsync(cancellationToken);
        return (pairs.Count, months.Count);
    }
}
