using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsTracker.Web.Feeds;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Web.Pages.Feeds;

/// <summary>Subscribe to a feed by its address or by a page that links to feeds; a page that lists several
/// is answered with the choice. The feed is checked at once.</summary>
[Authorize(Policy = NewsTrackerHost.Policies.Journalist)]
public sealed class AddModel(IMediator mediator) : PageModel
{
    /// <summary>The form, bound straight to the command it sends (labels in the view).</summary>
    [BindProperty]
    public SubscribeFeed.Command Data { get; set; } = new();

    /// <summary>The feeds a page lists, when it lists more than one.</summary>
    public IReadOnlyList<DiscoveredFeed> Choices { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // A person always chooses among a page's feeds; the API alone may take the first.
        var result = await mediator.Send(Data with { PickFirst = false, UserId = User.FindFirstValue(ClaimTypes.NameIdentifier) }, cancellationToken);

        if (result.FeedId is not { } feedId)
        {
            Choices = result.Choices;
            return Page();
        }

        TempData["Notice"] = result.Created
            ? $"Subscribed to “{result.Title}”. Its items are being fetched now."
            : $"You are already subscribed to “{result.Title}”.";
        return Redirect($"/feeds/{feedId}");
    }
}
