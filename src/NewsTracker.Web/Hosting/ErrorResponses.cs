using Microsoft.AspNetCore.Mvc;
using NewsTracker.Web.Application;

namespace NewsTracker.Web.Hosting;

/// <summary>
/// How an application error becomes an HTTP answer: invalid input 400 with field messages, forbidden 403, not found
/// 404, a stale edit 409. The API filter, the article page's script handlers and the page filter all ask here, so a
/// new kind of error, or a new status for one, changes every way in at once.
/// </summary>
public static class ErrorResponses
{
    /// <summary>What a person reads first in a problem answer to invalid input.</summary>
    public const string InvalidInputDetail = "Nothing was saved: please correct the following.";

    /// <summary>The status an application exception stands for, or null for an unexpected error (which is the error
    /// page's, with a reference, never a stack trace).</summary>
    public static int? StatusFor(Exception? exception) => exception switch
    {
        ValidationFailedException => StatusCodes.Status400BadRequest,
        ForbiddenException => StatusCodes.Status403Forbidden,
        NotFoundException => StatusCodes.Status404NotFound,
        ConflictException => StatusCodes.Status409Conflict,
        _ => null,
    };

    /// <summary>ProblemDetails for an application exception, or null for an unexpected one.</summary>
    public static ProblemDetails? ProblemFor(Exception exception) => StatusFor(exception) switch
    {
        null => null,
        var status when exception is ValidationFailedException invalid => Problem(status.Value, InvalidInputDetail, invalid.Errors),
        var status => Problem(status.Value, exception.Message),
    };

    /// <summary>A problem answer; <paramref name="errors"/> (field → messages) makes it a validation problem, in which
    /// a message for no field in particular is listed under "request".</summary>
    public static ProblemDetails Problem(int status, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var problem = errors is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key.Length == 0 ? "request" : e.Key, e => e.Value, StringComparer.Ordinal));
        problem.Status = status;
        problem.Title = status switch
        {
            StatusCodes.Status400BadRequest => "The request has invalid fields.",
            StatusCodes.Status401Unauthorized => "Sign in first.",
            StatusCodes.Status403Forbidden => "Not allowed.",
            StatusCodes.Status404NotFound => "Not found.",
            StatusCodes.Status409Conflict => "Changed by someone else.",
            _ => "The request failed.",
        };
        problem.Detail = detail;
        return problem;
    }

    /// <summary>The problem as an MVC result, for page handlers that answer a script.</summary>
    public static ObjectResult ToResult(this ProblemDetails problem) =>
        new(problem) { StatusCode = problem.Status, ContentTypes = { "application/problem+json" } };
}
