using MediatR;
using NewsTracker.Web.Pages.Stories;

namespace NewsTracker.Web.Api;

/// <summary>Story endpoints of the JSON API: the same request the story page sends.</summary>
public static class StoriesApi
{
    public static RouteGroupBuilder MapStoriesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stories/{id:int}", async (int id, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new DetailsModel.Query(id), cancellationToken)))
            .WithTags("Stories")
            .WithName("GetStory")
            .WithSummary("One story: its articles in order of publication, the first report marked, and the sentences each later article adds to it.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
