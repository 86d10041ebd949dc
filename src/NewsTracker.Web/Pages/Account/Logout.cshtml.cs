using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Pages.Account;

/// <summary>Signs out (POST only, with the antiforgery token, so a link elsewhere cannot sign you out). Signing out
/// ends every session of the account, on every instance: a copied cookie stops working too.</summary>
public sealed class LogoutModel(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await Sessions.EndAllAsync(users, user);
        }

        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
