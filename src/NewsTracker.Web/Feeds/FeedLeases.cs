using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Feeds;

/// <summary>A feed as the poller needs it, read when it was claimed.</summary>
public sealed record DueFeed(
    int Id, string Url, string Title, string? ETag, DateTime? LastModifiedUtc, bool UseFeedContent, string? Outlet,
    int? IntervalOverrideMinutes, int IntervalMinutes, int? TtlMinutes, int ErrorCount);

/// <summary>
/// Claims on feeds, taken in a write transaction so two pollers never check the same feed: a claim names
/// its owner and lasts until <see cref="FeedsOptions.LeaseDuration"/> has passed, so the feeds of a poller
/// that died are claimed again once it expires. With one instance this only guards against a feed being
/// polled twice at once; it is also what lets several instances share the work. On SQLite the command's transaction
/// holds the database's one write lock, so claims are taken one after another. On PostgreSQL instances claim side by
/// side: the rows are read <c>FOR UPDATE SKIP LOCKED</c>, so a feed another instance is claiming right now is
/// passed over instead of waited for, and no two instances ever claim the same feed.
/// </summary>
public static class FeedLeases
{
    /// <summary>Claims up to <paramref name="Limit"/> due, unpaused, unclaimed feeds, soonest due first; or
    /// only feed <paramref name="FeedId"/>, due or not.</summary>
    public sealed record Claim(string Owner, int Limit, int? FeedId = null) : ICommand<IReadOnlyList<DueFeed>>, IReadCommittedCommand;

    /// <summary>Lets go of <paramref name="FeedIds"/> without recording a check (the poller is stopping).</summary>
    public sealed record Release(string Owner, IReadOnlyCollection<int> FeedIds) : ICommand<Unit>, IReadCommittedCommand;

    public sealed class ClaimHandler(NewsTrackerDbContext db, TimeProvider clock, IOptions<FeedsOptions> options) : IRequestHandler<Claim, IReadOnlyList<DueFeed>>
    {
        public async Task<IReadOnlyList<DueFeed>> Handle(Claim request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var feeds = db.Database.IsNpgsql() ? await ClaimSkippingLockedAsync(request, now, cancellationToken) : await ClaimAsync(request, now, cancellationToken);
            foreach (var feed in feeds)
            {
                feed.LeaseOwner = request.Owner;
                feed.LeaseUntilUtc = now + options.Value.LeaseDuration;
            }

            return feeds.Select(f => new DueFeed(
                f.Id, f.Url, f.Title, f.ETag, f.LastModifiedUtc, f.UseFeedContent, f.Outlet, f.IntervalOverrideMinutes, f.IntervalMinutes, f.TtlMinutes, f.ErrorCount)).ToList();
        }

        private Task<List<Feed>> ClaimAsync(Claim request, DateTime now, CancellationToken cancellationToken)
        {
            var free = db.Feeds.Where(f => !f.Paused && (f.LeaseUntilUtc == null || f.LeaseUntilUtc < now));
            return (request.FeedId is { } id ? free.Where(f => f.Id == id) : free.Where(f => f.NextCheckUtc <= now))
                .OrderBy(f => f.NextCheckUtc).ThenBy(f => f.Id)
                .Take(request.Limit)
                .ToListAsync(cancellationToken);
        }

        /// <summary>The same choice as <see cref="ClaimAsync"/>, locking the rows it returns and skipping rows
        /// another transaction has locked. Not composed with LINQ: EF would wrap it in a subquery, where
        /// FOR UPDATE is not allowed.</summary>
        private Task<List<Feed>> ClaimSkippingLockedAsync(Claim request, DateTime now, CancellationToken cancellationToken) =>
            (request.FeedId is { } id
                ? db.Feeds.FromSql($"""
                    SELECT * FROM "Feeds"
                    WHERE "Id" = {id} AND NOT "Paused" AND ("LeaseUntilUtc" IS NULL OR "LeaseUntilUtc" < {now})
                    FOR UPDATE SKIP LOCKED
                    """)
                : db.Feeds.FromSql($"""
                    SELECT * FROM "Feeds"
                    WHERE "NextCheckUtc" <= {now} AND NOT "Paused" AND ("LeaseUntilUtc" IS NULL OR "LeaseUntilUtc" < {now})
                    ORDER BY "NextCheckUtc", "Id"
                    LIMIT {request.Limit}
                    FOR UPDATE SKIP LOCKED
                    """))
            .AsTracking()
            .ToListAsync(cancellationToken);
    }

    public sealed class ReleaseHandler(NewsTrackerDbContext db) : IRequestHandler<Release, Unit>
    {
        public async Task<Unit> Handle(Release request, CancellationToken cancellationToken)
        {
            var ids = request.FeedIds.ToList();
            await db.Feeds.Where(f => ids.Contains(f.Id) && f.LeaseOwner == request.Owner)
                .ExecuteUpdateAsync(f => f.SetProperty(x => x.LeaseOwner, (string?)null).SetProperty(x => x.LeaseUntilUtc, (DateTime?)null), cancellationToken);
            return Unit.Value;
        }
    }
}
