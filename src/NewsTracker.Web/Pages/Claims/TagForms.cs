using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NewsTracker.Web.Pages.Claims;

/// <summary>What the claim, actor and source pages' posts share.</summary>
public static class TagForms
{
    /// <summary>What every editing post on the claim, actor and source pages does first: signs anonymous visitors
    /// in (when <paramref name="signInFirst"/>), loads the page as it is now so a refused post re-renders it with
    /// the message (400, 403, 409), and insists on the stamp the form was rendered with. Null when the post may
    /// go on; otherwise what to answer (the sign-in challenge, the load's redirect, or the refusal).</summary>
    public static async Task<IActionResult?> PrepareAsync(PageModel page, bool signInFirst, Func<Task<IActionResult?>> load, Guid? stamp, string what)
    {
        if (signInFirst && page.User.Identity?.IsAuthenticated != true)
        {
            return page.Challenge();
        }

        return await load() ?? RequireStamp(page.ModelState, stamp, what);
    }

    /// <summary><see cref="PrepareAsync(PageModel, bool, Func{Task{IActionResult}}, Guid?, string)"/> for a page
    /// whose load never redirects.</summary>
    public static Task<IActionResult?> PrepareAsync(PageModel page, bool signInFirst, Func<Task> load, Guid? stamp, string what) =>
        PrepareAsync(page, signInFirst, async () =>
        {
            await load();
            return null;
        }, stamp, what);

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
}
