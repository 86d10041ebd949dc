using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Topics;

/// <summary>
/// Readers following topics: signed-in readers in <see cref="TopicFollow"/> rows, anonymous visitors in
/// <see cref="FollowCookie"/>. These are requests, not commands: a follow changes nothing anyone else sees, so it
/// neither opens a write transaction nor evicts cached timelines.
/// </summary>
public static class Following
{
    public sealed record Follow(string UserId, string Slug, Editor Viewer) : IRequest<Unit>;

    public sealed record Unfollow(string UserId, string Slug) : IRequest<Unit>;

    /// <summary>When the user last saw the topic's timeline, or null when they do not follow it.</summary>
    public sealed record LastSeen(string UserId, int TopicId) : IRequest<DateTime?>;

    /// <summary>Records that the user has just seen the timeline (after it was rendered with the old time).</summary>
    public sealed record MarkSeen(string UserId, int TopicId) : IRequest<Unit>;

    /// <summary>What is new in each followed topic: by user (signed in) or by the slugs and times of a cookie.</summary>
    public sealed record Summary(string? UserId, IReadOnlyDictionary<string, DateTime> CookieFollows, Editor Viewer) : IRequest<IReadOnlyList<FollowedTopic>>;

    public sealed record FollowedTopic(string Name, string Slug, DateTime LastSeenUtc, int NewEntries, int NewArticles, int NewClaims, int Entries);

    public sealed class FollowHandler(NewsTrackerDbContext db, TimeProvider clock) : IRequestHandler<Follow, Unit>
    {
        public async Task<Unit> Handle(Follow request, CancellationToken cancellationToken)
        {
            var topic = await Timeline.FindVisibleAsync(db, request.Slug, request.Viewer, cancellationToken);
            if (!await db.TopicFollows.AnyAsync(f => f.UserId == request.UserId && f.TopicId == topic.Id, cancellationToken))
            {
                var now = clock.GetUtcNow().UtcDateTime;
                db.TopicFollows.Add(new TopicFollow { UserId = request.UserId, TopicId = topic.Id, FollowedUtc = now, LastSeenUtc = now });
                await db.SaveChangesAsync(cancellationToken);
            }

            return Unit.Value;
        }
    }

    public sealed class UnfollowHandler(NewsTrackerDbContext db) : IRequestHandler<Unfollow, Unit>
    {
        public async Task<Unit> Handle(Unfollow request, CancellationToken cancellationToken)
        {
            var slug = request.Slug.Trim().ToLowerInvariant();
            await db.TopicFollows.Where(f => f.UserId == request.UserId && db.Topics.Any(t => t.Id == f.TopicId && t.Slug == slug)).ExecuteDeleteAsync(cancellationToken);
            return Unit.Value;
        }
    }

    public sealed class LastSeenHandler(NewsTrackerDbContext db) : IRequestHandler<LastSeen, DateTime?>
    {
        public async Task<DateTime?> Handle(LastSeen request, CancellationToken cancellationToken) =>
            await db.TopicFollows.AsNoTracking().Where(f => f.UserId == request.UserId && f.TopicId == request.TopicId)
                .Select(f => (DateTime?)f.LastSeenUtc).SingleOrDefaultAsync(cancellationToken);
    }

    public sealed class MarkSeenHandler(NewsTrackerDbContext db, TimeProvider clock) : IRequestHandler<MarkSeen, Unit>
    {
        public async Task<Unit> Handle(MarkSeen request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.TopicFollows.Where(f => f.UserId == request.UserId && f.TopicId == request.TopicId)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.LastSeenUtc, now), cancellationToken);
            return Unit.Value;
        }
    }

    public sealed class SummaryHandler(NewsTrackerDbContext db, IMediator mediator) : IRequestHandler<Summary, IReadOnlyList<FollowedTopic>>
    {
        public async Task<IReadOnlyList<FollowedTopic>> Handle(Summary request, CancellationToken cancellationToken)
        {
            var follows = request.UserId is null
                ? request.CookieFollows.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal)
                : await db.TopicFollows.AsNoTracking().Where(f => f.UserId == request.UserId)
                    .Join(db.Topics, f => f.TopicId, t => t.Id, (f, t) => new { t.Slug, f.LastSeenUtc })
                    .ToDictionaryAsync(f => f.Slug, f => f.LastSeenUtc, StringComparer.Ordinal, cancellationToken);
            var result = new List<FollowedTopic>();
            foreach (var (slug, seen) in follows)
            {
                Timeline.Result timeline;
                try
                {
                    timeline = await mediator.Send(new Timeline.Query(slug, request.Viewer), cancellationToken);
                }
                catch (Application.NotFoundException)
                {
                    continue; // unpublished or deleted since it was followed
                }

                var fresh = timeline.Entries.Where(e => IsNew(e, seen)).ToList();
                result.Add(new FollowedTopic(timeline.Topic.Name, timeline.Topic.Slug, seen, fresh.Count,
                    fresh.Count(e => e.Kind == TimelineEntryKind.Article), fresh.Count(e => e.Kind == TimelineEntryKind.Claim), timeline.Entries.Count));
            }

            return result.OrderByDescending(t => t.NewEntries).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }
    }

    /// <summary>Whether an entry arrived or changed after the reader's last visit.</summary>
    public static bool IsNew(Timeline.TimelineEntry entry, DateTime? lastSeenUtc) => lastSeenUtc is { } seen && entry.UpdatedUtc > seen;
}
