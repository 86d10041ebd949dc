using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Tagging;
using NewsTracker.Web.Topics;

namespace NewsTracker.Web.Pages;

/// <summary>The topics a reader follows, each with how much is new since their last visit to its timeline.</summary>
public sealed class FollowingModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<FollowedTopic> Topics { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        Topics = await mediator.Send(new Summary(userId, userId is null ? FollowCookie.Read(Request) : new Dictionary<string, DateTime>(), Editor.From(User)), cancellationToken);
    }

    /// <summary>What is new in each followed topic: by user (signed in) or by the slugs and times of a cookie.</summary>
    public sealed record Summary(string? UserId, IReadOnlyDictionary<string, DateTime> CookieFollows, Editor Viewer) : IRequest<IReadOnlyList<FollowedTopic>>;

    public sealed record FollowedTopic(string Name, string Slug, DateTime LastSeenUtc, int NewEntries, int NewArticles, int NewClaims, int Entries);

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

                var fresh = timeline.Entries.Where(e => Following.IsNew(e, seen)).ToList();
                result.Add(new FollowedTopic(timeline.Topic.Name, timeline.Topic.Slug, seen, fresh.Count,
                    fresh.Count(e => e.Kind == TimelineEntryKind.Article), fresh.Count(e => e.Kind == TimelineEntryKind.Claim), timeline.Entries.Count));
            }

            return result.OrderByDescending(t => t.NewEntries).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }
    }
}
