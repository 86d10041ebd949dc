using MediatR;
using NewsTracker.Web.Application;
using NewsTracker.Web.Hosting;
using NewsTracker.Web.Tagging;
using NewsTracker.Web.Topics;

namespace NewsTracker.Web.Api;

/// <summary>A topic's timeline as JSON (<c>/api/v1/topics/{slug}/timeline</c>) and as an Atom feed
/// (<c>/topics/{slug}/feed.atom</c>); both send the timeline query the topic page sends.</summary>
public static class TopicsApi
{
    public static IEndpointRouteBuilder MapTopicsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").WithTags("Topics").AddEndpointFilter<ApiProblemFilter>()
            .MapGet("/topics/{slug}/timeline", async (string slug, string? order, string? kind, int? actor, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
                {
                    var timeline = await mediator.Send(new Timeline.Query(slug, Editor.From(http.User)), cancellationToken);
                    CachedPages.Tag(http, timeline.CacheTags);
                    var site = PublicUrls.For(http.Request);
                    var days = TimelineView.Days(timeline.Entries, string.Equals(order, "newest", StringComparison.OrdinalIgnoreCase), TimelineView.ParseKinds(kind), actor);
                    return TypedResults.Ok(new TimelineResponse(
                        timeline.Topic.Name,
                        timeline.Topic.Slug,
                        timeline.Topic.Description,
                        timeline.ArticleCount,
                        timeline.ClaimCount,
                        timeline.Actors,
                        days.Select(d => new DayResponse(d.IsUndated ? null : d.Day, d.Anchor, d.Entries.Select(e => EntryResponse.From(e, site)).ToList())).ToList()));
                })
            .CacheOutput(TopicCachePolicy.Name)
            .WithContentValidators()
            .WithName("GetTopicTimeline")
            .WithSummary("A topic's timeline grouped by UTC day: articles, published claims and milestones. " +
                "?order=newest|oldest (default oldest), ?kind=article,claim,milestone, ?actor={id}.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/topics/{slug}/feed.atom", async (string slug, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
            {
                Timeline.Result timeline;
                try
                {
                    timeline = await mediator.Send(new Timeline.Query(slug, Editor.From(http.User)), cancellationToken);
                }
                catch (NotFoundException)
                {
                    return Results.NotFound();
                }

                CachedPages.Tag(http, timeline.CacheTags);
                return Results.Text(TopicFeed.Write(timeline, PublicUrls.For(http.Request)), TopicFeed.ContentType);
            })
            .CacheOutput(TopicCachePolicy.Name)
            .WithContentValidators()
            .ExcludeFromDescription();
        return app;
    }

    public sealed record TimelineResponse(string Name, string Slug, string? Description, int Articles, int Claims, IReadOnlyList<Timeline.ActorRef> Actors, IReadOnlyList<DayResponse> Days);

    /// <summary>One day of the timeline; <see cref="Day"/> is null for the group of articles whose publication date is unknown.</summary>
    public sealed record DayResponse(DateOnly? Day, string Anchor, IReadOnlyList<EntryResponse> Entries)
    {
        public bool Undated => Day is null;
    }

    public sealed record EntryResponse(
        string Id, string Kind, DateTime At, DateTime Updated, string Title, string? Excerpt, string? Outlet, string? Link, string? Url,
        string? Claimant, string? Verdict, string? VerdictLabel, IReadOnlyList<string> Sources, IReadOnlyList<int> Actors)
    {
        public static EntryResponse From(Timeline.TimelineEntry e, Uri site) => new(
            TopicFeed.EntryId(e, site), e.Kind.ToString().ToLowerInvariant(), e.AtUtc, e.UpdatedUtc, e.Title, e.Excerpt, e.Outlet, e.Href, e.Kind == TimelineEntryKind.Article ? e.Link : null,
            e.Claimant, e.Verdict?.Key, e.Verdict?.Label, e.Sources, e.ActorIds);
    }
}
