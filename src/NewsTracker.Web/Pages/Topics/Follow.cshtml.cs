using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;
using NewsTracker.Web.Topics;

namespace NewsTracker.Web.Pages.Topics;

/// <summary>Follow or unfollow a topic. Signed-in readers are remembered on the server; anonymous visitors in a
/// cookie in their own browser. The timeline links here, so the timeline itself carries no form and can be cached.
/// A POST sends its request first; the timeline is read only to show the page.</summary>
public sealed class FollowModel(IMediator mediator) : PageModel
{
    public Timeline.TopicHead Topic { get; private set; } = null!;

    public bool IsFollowing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        await LoadAsync(slug, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostFollowAsync(string slug, CancellationToken cancellationToken)
    {
        var topic = await mediator.Send(new Follow(User.FindFirstValue(ClaimTypes.NameIdentifier), slug, Editor.From(User)), cancellationToken);
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is null)
        {
            var follows = FollowCookie.Read(Request);
            follows.TryAdd(topic.Slug, DateTime.UtcNow);
            FollowCookie.Write(Response, follows);
        }

        TempData["Notice"] = $"You follow “{topic.Name}”. New articles, claims and milestones are marked when you come back; see them all under Following.";
        return Redirect($"/topics/{topic.Slug}");
    }

    public async Task<IActionResult> OnPostUnfollowAsync(string slug, CancellationToken cancellationToken)
    {
        var topic = await mediator.Send(new Unfollow(User.FindFirstValue(ClaimTypes.NameIdentifier), slug, Editor.From(User)), cancellationToken);
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is null)
        {
            var follows = FollowCookie.Read(Request);
            follows.Remove(topic.Slug);
            FollowCookie.Write(Response, follows);
        }

        TempData["Notice"] = $"You no longer follow “{topic.Name}”.";
        return Redirect($"/topics/{topic.Slug}");
    }

    private async Task LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var timeline = await mediator.Send(new Timeline.Query(slug, Editor.From(User)), cancellationToken);
        Topic = timeline.Topic;
        IsFollowing = User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            ? await mediator.Send(new Following.LastSeen(userId, Topic.Id), cancellationToken) is not null
            : FollowCookie.Read(Request).ContainsKey(Topic.Slug);
    }

    /// <summary>The topic a follow or unfollow was about, for the notice and the redirect.</summary>
    public sealed record Followed(string Name, string Slug);

    /// <summary>Follows a topic the viewer may see: a row for a signed-in reader; with no user, only finds the topic,
    /// and the page keeps the follow in the reader's cookie.</summary>
    public sealed record Follow(string? UserId, string Slug, Editor Viewer) : IRequest<Followed>;

    /// <summary>Unfollows a topic the viewer may see: removes the signed-in reader's row; with no user, only finds the
    /// topic, and the page drops it from the cookie.</summary>
    public sealed record Unfollow(string? UserId, string Slug, Editor Viewer) : IRequest<Followed>;

    public sealed class FollowHandler(NewsTrackerDbContext db, TimeProvider clock) : IRequestHandler<Follow, Followed>
    {
        public async Task<Followed> Handle(Follow request, CancellationToken cancellationToken)
        {
            var topic = await Timeline.FindVisibleAsync(db, request.Slug, request.Viewer, cancellationToken);
            if (request.UserId is not null && !await db.TopicFollows.AnyAsync(f => f.UserId == request.UserId && f.TopicId == topic.Id, cancellationToken))
            {
                var now = clock.GetUtcNow().UtcDateTime;
                db.TopicFollows.Add(new TopicFollow { UserId = request.UserId, TopicId = topic.Id, FollowedUtc = now, LastSeenUtc = now });
                await db.SaveChangesAsync(cancellationToken);
            }

            return new Followed(topic.Name, topic.Slug);
        }
    }

    public sealed class UnfollowHandler(NewsTrackerDbContext db) : IRequestHandler<Unfollow, Followed>
    {
        public async Task<Followed> Handle(Unfollow request, CancellationToken cancellationToken)
        {
            var topic = await Timeline.FindVisibleAsync(db, request.Slug, request.Viewer, cancellationToken);
            if (request.UserId is not null)
            {
                await db.TopicFollows.Where(f => f.UserId == request.UserId && f.TopicId == topic.Id).ExecuteDeleteAsync(cancellationToken);
            }

            return new Followed(topic.Name, topic.Slug);
        }
    }
}
