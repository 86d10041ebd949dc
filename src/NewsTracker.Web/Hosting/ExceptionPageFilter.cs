using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsTracker.Web.Application;

namespace NewsTracker.Web.Hosting;

/// <summary>Turns application exceptions into what a person sees, with the status <see cref="ErrorResponses"/> gives
/// them: invalid input re-renders the page with field messages (400); not found shows the 404 page; a refusal or a
/// stale edit re-renders the page with its message (403, 409).</summary>
public sealed class ExceptionPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (ErrorResponses.StatusFor(executed.Exception) is not { } status)
        {
            return;
        }

        if (status == StatusCodes.Status404NotFound)
        {
            executed.Result = new NotFoundResult();
        }
        else
        {
            var errors = executed.Exception is ValidationFailedException invalid
                ? invalid.Errors
                : new Dictionary<string, string[]> { [string.Empty] = [executed.Exception!.Message] };
            foreach (var (field, messages) in errors)
            {
                foreach (var message in messages)
                {
                    executed.ModelState.AddModelError(PrefixFor(context, field), message);
                }
            }

            executed.Result = new PageResult { StatusCode = status };
        }

        executed.ExceptionHandled = true;
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
