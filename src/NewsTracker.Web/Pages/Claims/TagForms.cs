using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NewsTracker.Web.Pages.Claims;

/// <summary>What the claim, actor and source pages' posts share.</summary>
public static class TagForms
{
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
