using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsTracker.Web.Application;
using NewsTracker.Web.Tagging;
using NewsTracker.Web.Topics;

namespace NewsTracker.Web.Pages;

/// <summary>The topics a reader follows, each with how much is new since their last visit to its timeline.</summary>
public sealed class FollowingModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<Following.FollowedTopic> Topics { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        Topics = await mediator.Send(new Following.Summary(userId, userId is null ? FollowCookie.Read(Request) : new Dictionary<string, DateTime>(), Editor.From(User)), cancellationToken);
    }
}
