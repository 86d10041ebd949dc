using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsTracker.Web.Application;

namespace NewsTracker.Web.Pages.Claims;

/// <summary>What the claim, actor and source pages' posts share.</summary>
public static class TagForms
{
    /// <summary>What every editing post on the claim, actor and source pages checks before it sends its command: signs
    /// anonymous visitors in (when <paramref name="signInFirst"/>) and insists on the stamp the form was rendered with.
    /// Null when the post may go on; otherwise what to answer (the sign-in challenge or the refusal). The page itself is
    /// not read here: <see cref="RedisplayAsync"/> reads it only if the answer re-renders it.</summary>
    public static IActionResult? Refusal(PageModel page, bool signInFirst, Guid? stamp, string what)
    {
        if (signInFirst && page.User.Identity?.IsAuthenticated != true)
        {
            return page.Challenge();
        }

        return RequireStamp(page.ModelState, stamp, what);
    }

    /// <summary>Refuses (400, the page re-rendered with the message) a post without the stamp its form was
    /// rendered with: the commands skip the stale-write check when no stamp is given, which suits the API's
    /// last-write-wins callers but never a person's form.</summary>
    public static IActionResult? RequireStamp(ModelStateDictionary modelState, Guid? stamp, string what)
    {
        if (stamp is not null)
        {
            return null;
        }

        modelState.AddModelError(string.Empty, $"The form was missing the {what}'s version stamp. Reload the page and try again; nothing was saved.");
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    /// <summary>Runs a page's handler; when a POST's answer re-renders the page (a refusal above, or one the exception
    /// filter turned into the page with its message: 400, 403, 409), reads what the page shows with
    /// <paramref name="load"/>, whose non-null answer (a redirect) replaces the page. A POST thus sends its command
    /// without reading the page first.</summary>
    public static async Task RedisplayAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next, Func<CancellationToken, Task<IActionResult?>> load)
    {
        var executed = await next();
        if (!HttpMethods.IsPost(context.HttpContext.Request.Method) || executed.Result is not PageResult)
        {
            return;
        }

        try
        {
            if (await load(context.HttpContext.RequestAborted) is { } instead)
            {
                executed.Result = instead;
            }
        }
        catch (NotFoundException)
        {
            // Refused input about something that is not there: the 404 the command would have given.
            executed.Result = new NotFoundResult();
        }
    }

    /// <summary>The page's id from its route (<c>/claims/{id:int}</c> and the like).</summary>
    public static int RouteId(PageModel page) =>
        Convert.ToInt32(page.RouteData.Values["id"], System.Globalization.CultureInfo.InvariantCulture);
}
