using NewsTracker.Web.Hosting;

namespace NewsTracker.Web.Api;

/// <summary>Maps application exceptions from API endpoints to ProblemDetails (400 with field errors, 403, 404, 409), as
/// <see cref="ErrorResponses"/> says.</summary>
public sealed class ApiProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (ErrorResponses.ProblemFor(ex) is { } problem)
        {
            return TypedResults.Problem(problem);
        }
    }
}
