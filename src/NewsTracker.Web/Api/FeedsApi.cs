using System.Security.Claims;
using MediatR;
using NewsTracker.Web.Feeds;
using NewsTracker.Web.Hosting;
using NewsTracker.Web.Pages.Feeds;

namespace NewsTracker.Web.Api;

/// <summary>Feed endpoints of the JSON API (Journalist or above, bearer token): the same requests the feeds pages send.</summary>
public static class FeedsApi
{
    public static RouteGroupBuilder MapFeedsApi(this RouteGroupBuilder api)
    {
        var feeds = api.MapGroup("/feeds").WithTags("Feeds").RequireAuthorization(NewsTrackerHost.Policies.ApiJournalist);

        feeds.MapGet("/", async (string? sort, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new IndexModel.Query(sort), cancellationToken)))
            .WithName("ListFeeds")
            .WithSummary("Every feed with its status (Ok, Error, BackingOff, Paused, New), last and next check, articles added and last error; " +
                "sort=trouble (default), title or next. Also the progress of the poll under way.");

        feeds.MapGet("/{id:int}", async (int id, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new EditModel.Query(id), cancellationToken)))
            .WithName("GetFeed")
            .WithSummary("One feed: its settings, schedule, last error and the newest items with what became of them.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        feeds.MapPost("/", async (FeedInput input, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var result = await mediator.Send(new SubscribeFeed.Command
                {
                    Url = input.Url,
                    Title = input.Title,
                    Outlet = input.Outlet,
                    UseFeedContent = input.UseFeedContent ?? false,
                    PickFirst = true,
                    UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
                }, cancellationToken);
                var body = new SubscribeResponse(result.FeedId!.Value, result.Title!, result.Created, $"/api/v1/feeds/{result.FeedId}");
                return result.Created ? Results.Created(body.Url, body) : Results.Ok(body);
            })
            .WithName("AddFeed")
            .WithSummary("Subscribe to a feed by its address, or by a page that links to feeds (the first it lists is taken). " +
                "The feed is fetched and read first; it is checked for new items at once. An existing subscription answers 200.")
            .ProducesValidationProblem()
            .Produces<SubscribeResponse>(StatusCodes.Status201Created)
            .Produces<SubscribeResponse>(StatusCodes.Status200OK);

        feeds.MapPost("/{id:int}/refresh", async (int id, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Accepted($"/api/v1/feeds/{id}", await mediator.Send(new RefreshFeed.Command(id), cancellationToken)))
            .WithName("RefreshFeed")
            .WithSummary("Check a feed now (or as soon as the site's Retry-After allows).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    /// <summary>A feed to subscribe to: <c>url</c> of the feed or of a page linking to it; optional <c>title</c>,
    /// <c>outlet</c>, and <c>useFeedContent</c> to store the feed's own text instead of fetching each page.</summary>
    public sealed record FeedInput(string? Url, string? Title, string? Outlet, bool? UseFeedContent);

    /// <summary>The subscription: <c>created</c> is false when it already existed.</summary>
    public sealed record SubscribeResponse(int Id, string Title, bool Created, string Url);
}
