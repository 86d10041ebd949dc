using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using NewsTracker.Web.Application;
using NewsTracker.Web.Tagging;
using NewsTracker.Web.Topics;

namespace NewsTracker.Web.Pages.Topics;

/// <summary>
/// A topic's timeline for an iframe on another site: the timeline alone in a minimal layout, links opening
/// outside the frame. Which sites may frame it is <c>Topics:EmbedFrameAncestors</c> (space-separated origins);
/// by default none may. Published topics only: an embed is public by nature.
/// </summary>
[OutputCache(PolicyName = TopicCachePolicy.Name)]
public sealed class EmbedModel(IMediator mediator, IConfiguration configuration) : PageModel
{
    public Timeline.Result Data { get; private set; } = null!;

    public TimelineModel Timeline { get; private set; } = null!;

    public bool NewestFirst { get; private set; }

    /// <summary>False when no site may frame this page (<see cref="EmbedPolicy.Setting"/> is empty): the page then
    /// says so in words, for whoever opens it directly after finding the frame blank.</summary>
    public bool FramingAllowed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? order, string? kind, CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new Timeline.Query(slug, Editor.Anonymous), cancellationToken);
        CachedPages.Tag(HttpContext, Data.CacheTags);
        NewestFirst = !string.Equals(order, "oldest", StringComparison.OrdinalIgnoreCase);
        var kinds = TimelineView.ParseKinds(kind);
        Timeline = new TimelineModel(TimelineView.Days(Data.Entries, NewestFirst, kinds), null, kinds.Count > 0, "_blank");
        FramingAllowed = EmbedPolicy.AllowsFraming(configuration[EmbedPolicy.Setting]);
        Response.Headers.ContentSecurityPolicy = EmbedPolicy.For(configuration[EmbedPolicy.Setting]);
        return Page();
    }
}
