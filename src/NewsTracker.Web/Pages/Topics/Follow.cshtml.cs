using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsTracker.Web.Application;
using NewsTracker.Web.Tagging;
using NewsTracker.Web.Topics;

namespace NewsTracker.Web.Pages.Topics;

/// <summary>Follow or unfollow a topic. Signed-in readers are remembered on the server; anonymous visitors in a
/// cookie in their own browser. The timeline links here, so the timeline itself carries no form and can be cached.</summary>
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
        await LoadAsync(slug, cancellationToken);
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            await mediator.Send(new Following.Follow(userId, Topic.Slug, Editor.From(User)), cancellationToken);
        }
        else
        {
            var follows = FollowCookie.Read(Request);
            follows.TryAdd(Topic.Slug, DateTime.UtcNow);
            FollowCookie.Write(Response, follows);
        }

        TempData["Notice"] = $"You follow “{Topic.Name}”. New articles, claims and milestones are marked when you come back; see them all under Following.";
        return Redirect($"/topics/{Topic.Slug}");
    }

    public async Task<IActionResult> OnPostUnfollowAsync(string slug, CancellationToken cancellationToken)
    {
        await LoadAsync(slug, cancellationToken);
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            await mediator.Send(new Following.Unfollow(userId, Topic.Slug), cancellationToken);
        }
        else
        {
            var follows = FollowCookie.Read(Request);
            follows.Remove(Topic.Slug);
            FollowCookie.Write(Response, follows);
        }

        TempData["Notice"] = $"You no longer follow “{Topic.Name}”.";
        return Redirect($"/topics/{Topic.Slug}");
    }

    private async Task LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var timeline = await mediator.Send(new Timeline.Query(slug, Editor.From(User)), cancellationToken);
        Topic = timeline.Topic;
        IsFollowing = User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            ? await mediator.Send(new Following.LastSeen(userId, Topic.Id), cancellationToken) is not null
            : FollowCookie.Read(Request).ContainsKey(Topic.Slug);
    }
}
