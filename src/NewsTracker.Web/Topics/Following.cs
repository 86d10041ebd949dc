using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Topics;

/// <summary>
/// What the follow, timeline and following pages share about readers following topics (signed-in readers in
/// <see cref="TopicFollow"/> rows, anonymous visitors in <see cref="FollowCookie"/>): when a reader last saw a
/// timeline, and which entries are new since. The requests that change a follow live in their pages; they are plain
/// requests, not commands: a follow changes nothing anyone else sees, so it neither opens a write transaction nor
/// evicts cached timelines.
/// </summary>
public static class Following
{
    /// <summary>When the user last saw the topic's timeline, or null when they do not follow it.</summary>
    public sealed record LastSeen(string UserId, int TopicId) : IRequest<DateTime?>;

    public sealed class LastSeenHandler(NewsTrackerDbContext db) : IRequestHandler<LastSeen, DateTime?>
    {
        public async Task<DateTime?> Handle(LastSeen request, CancellationToken cancellationToken) =>
            await db.TopicFollows.AsNoTracking().Where(f => f.UserId == request.UserId && f.TopicId == request.TopicId)
                .Select(f => (DateTime?)f.LastSeenUtc).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Whether an entry arrived or changed after the reader's last visit.</summary>
    public static bool IsNew(Timeline.TimelineEntry entry, DateTime? lastSeenUtc) => lastSeenUtc is { } seen && entry.UpdatedUtc > seen;
}
