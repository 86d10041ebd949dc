using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Tagging;
using NewsTracker.Web.Topics;

namespace NewsTracker.Web.Pages.Topics;

/// <summary>
/// A topic's timeline: what happened, day by day, with the claims made and milestones, oldest or newest first,
/// filtered by actor and kind; the counts, the pictures and a follow link. Anonymous copies come from the output
/// cache; a follower's page marks what is new since their last visit, then moves that visit to now.
/// </summary>
[OutputCache(PolicyName = TopicCachePolicy.Name)]
public sealed class DetailsModel(IMediator mediator, IConfiguration configuration) : PageModel
{
    /// <summary>Whether other sites may frame the embed; the page offers the snippet only then.</summary>
    public bool EmbedAllowed => EmbedPolicy.AllowsFraming(configuration[EmbedPolicy.Setting]);

    public Timeline.Result Data { get; private set; } = null!;

    public TimelineModel Timeline { get; private set; } = null!;

    public bool NewestFirst { get; private set; }

    public IReadOnlyList<TimelineEntryKind> Kinds { get; private set; } = [];

    public int? ActorId { get; private set; }

    /// <summary>Null when the viewer does not follow the topic.</summary>
    public DateTime? LastSeenUtc { get; private set; }

    public bool IsFollowing { get; private set; }

    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? order, string? kind, int? actor, CancellationToken cancellationToken)
    {
        var viewer = Editor.From(User);
        Data = await mediator.Send(new Timeline.Query(slug, viewer), cancellationToken);
        CachedPages.Tag(HttpContext, Data.CacheTags);
        if (!string.Equals(slug, Data.Topic.Slug, StringComparison.Ordinal))
        {
            return RedirectPermanent($"/topics/{Data.Topic.Slug}{Request.QueryString}");
        }

        NewestFirst = string.Equals(order, "newest", StringComparison.OrdinalIgnoreCase);
        Kinds = TimelineView.ParseKinds(kind);
        ActorId = actor is { } id && Data.Actors.Any(a => a.Id == id) ? id : null;
        CanManage = viewer.IsEditor;

        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is not null)
        {
            LastSeenUtc = await mediator.Send(new Following.LastSeen(userId, Data.Topic.Id), cancellationToken);
            IsFollowing = LastSeenUtc is not null;
            if (IsFollowing)
            {
                // The page is drawn with the previous visit's time; the next visit compares with now.
                await mediator.Send(new MarkSeen(userId, Data.Topic.Id), cancellationToken);
            }
        }
        else
        {
            var follows = FollowCookie.Read(Request);
            if (follows.TryGetValue(Data.Topic.Slug, out var seen))
            {
                LastSeenUtc = seen;
                IsFollowing = true;
                follows[Data.Topic.Slug] = DateTime.UtcNow;
                FollowCookie.Write(Response, follows);
            }
        }

        Timeline = new TimelineModel(TimelineView.Days(Data.Entries, NewestFirst, Kinds, ActorId), LastSeenUtc, Kinds.Count > 0 || ActorId is not null);
        return Page();
    }

    /// <summary>This page's address with one query value changed (null removes it), keeping the others.</summary>
    public string With(string key, string? value)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["order"] = NewestFirst ? "newest" : null,
            ["kind"] = Kinds.Count == 0 ? null : string.Join(',', Kinds.Select(k => k.ToString().ToLowerInvariant())),
            ["actor"] = ActorId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        values[key] = value;
        var query = string.Join('&', values.Where(v => v.Value is not null).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}"));
        return $"/topics/{Data.Topic.Slug}" + (query.Length == 0 ? string.Empty : "?" + query);
    }

    /// <summary>Records that the user has just seen the timeline (after it was rendered with the old time).</summary>
    public sealed record MarkSeen(string UserId, int TopicId) : IRequest<Unit>;

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
}
