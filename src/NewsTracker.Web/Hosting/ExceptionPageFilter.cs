using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsTracker.Web.Application;

namespace NewsTracker.Web.Hosting;

/// <summary>Turns application exceptions into what a person sees: invalid input re-renders the page
/// with field messages (400); not found shows the 404 page; a stale edit re-renders with 409.</summary>
public sealed class ExceptionPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        switch (executed.Exception)
        {
            case ValidationFailedException validation:
                foreach (var (field, messages) in validation.Errors)
                {
                    foreach (var message in messages)
                    {
                        executed.ModelState.AddModelError(PrefixFor(context, field), message);
                    }
                }

                executed.Result = new PageResult { StatusCode = StatusCodes.Status400BadRequest };
                executed.ExceptionHandled = true;
                break;

            case NotFoundException:
                executed.Result = new NotFoundResult();
                executed.ExceptionHandled = true;
                break;

            case ForbiddenException forbidden:
                executed.ModelState.AddModelError(string.Empty, forbidden.Message);
                executed.Result = new PageResult { StatusCode = StatusCodes.Status403Forbidden };
                executed.ExceptionHandled = true;
                break;

            case ConflictException conflict:
                executed.ModelState.AddModelError(string.Empty, conflict.Message);
                executed.Result = new PageResult { StatusCode = StatusCodes.Status409Conflict };
                executed.ExceptionHandled = true;
                break;
        }
    }

    /// <summary>Pages bind their form to a property named <c>Data</c>; map command fields onto it so the
    /// message shows beside the input. Unknown fields go to the page-level summary.</summary>
    private static string PrefixFor(PageHandlerExecutingContext context, string field)
    {
        if (field.Length == 0)
        {
            return string.Empty;
        }

        var data = context.HandlerInstance.GetType().GetProperty("Data");
        return data?.PropertyType.GetProperty(field) is not null ? $"Data.{field}" : string.Empty;
    }
}
