using System.ComponentModel.DataAnnotations;
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
    [BindProperty]
    public Form Data { get; set; } = new();

    /// <summary>The feeds a page lists, when it lists more than one.</summary>
    public IReadOnlyList<DiscoveredFeed> Choices { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new SubscribeFeed.Command
        {
            Url = Data.Url,
            Title = Data.Title,
            Outlet = Data.Outlet,
            UseFeedContent = Data.UseFeedContent,
            UserId = User.FindFirstValue(ClaimTypes.NameIdentifier),
        }, cancellationToken);

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

    /// <summary>The form as typed; the command's validator decides what is acceptable.</summary>
    public sealed class Form
    {
        [Display(Name = "Feed or page address")]
        public string? Url { get; set; }

        [Display(Name = "Title")]
        public string? Title { get; set; }

        [Display(Name = "Outlet")]
        public string? Outlet { get; set; }

        [Display(Name = "Store the feed's own text instead of fetching each article page")]
        public bool UseFeedContent { get; set; }
    }
}
