using MediatR;
using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Pages.Claims;
using NewsTracker.Web.Tagging;

namespace NewsTracker.Web.Api;

/// <summary>schema.org ClaimReview JSON-LD of a published claim: the same request and the same builder the
/// claim page uses for its embedded script.</summary>
public static class ClaimReviewApi
{
    public static RouteGroupBuilder MapClaimReviewApi(this RouteGroupBuilder api)
    {
        api.MapGet("/claims/{id:int}.jsonld", async (int id, HttpRequest request, IMediator mediator, IConfiguration configuration, CancellationToken cancellationToken) =>
            {
                var claim = await mediator.Send(new DetailsModel.Query(id), cancellationToken);
                if (claim.State != ReviewState.Published)
                {
                    // Drafts have no public review, whoever asks.
                    throw new NotFoundException($"Claim {id} has no published review.");
                }

                var json = ClaimReviewJsonLd.Serialize(claim.ToClaimReview(Hosting.PublicUrls.For(request).AbsoluteUri.TrimEnd('/'), ClaimReviewJsonLd.OrganizationName(configuration)));
                return Results.Text(json, ClaimReviewJsonLd.ContentType, System.Text.Encoding.UTF8);
            })
            .WithTags("Claims")
            .WithName("GetClaimReview")
            .WithSummary("A published claim's fact check as schema.org ClaimReview JSON-LD (application/ld+json): the statement, " +
                "the claimant, the articles it appeared in and the verdict as a rating from 1 (worst) to 5 (best). 404 unless published.")
            .Produces<string>(StatusCodes.Status200OK, ClaimReviewJsonLd.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
