using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NewsTracker.Web.Pages.Account;

/// <summary>Shown when a signed-in account lacks the role a page needs.</summary>
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
