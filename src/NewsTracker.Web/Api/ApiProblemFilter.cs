using Microsoft.AspNetCore.Mvc;
using NewsTracker.Web.Application;

namespace NewsTracker.Web.Api;

/// <summary>Maps application exceptions from API endpoints to ProblemDetails: 400 with field errors, 403, 404, 409.</summary>
public sealed class ApiProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ValidationFailedException ex)
        {
            return TypedResults.ValidationProblem(
                ex.Errors.ToDictionary(e => e.Key.Length == 0 ? "request" : e.Key, e => e.Value, StringComparer.Ordinal),
                title: "The request has invalid fields.");
        }
        catch (NotFoundException ex)
        {
            return TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found.", Detail = ex.Message });
        }
        catch (ForbiddenException ex)
        {
            return TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden.", Detail = ex.Message });
        }
        catch (ConflictException ex)
        {
            return TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict.", Detail = ex.Message });
        }
    }
}
