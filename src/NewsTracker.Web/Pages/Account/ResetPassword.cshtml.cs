using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Web.Pages.Account;

/// <summary>Where an admin's one-time reset link leads: choose a new password, then sign in with it. Posts share the
/// sign-in rate limit.</summary>
[EnableRateLimiting(NewsTrackerHost.LoginRateLimit)]
public sealed class ResetPasswordModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public NewAccountForm Data { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token))
        {
            ModelState.AddModelError(string.Empty, Passwords.ExpiredLink);
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        try
        {
            await mediator.Send(new Passwords.Reset(UserId, Token, Data.Password ?? string.Empty, Data.ConfirmPassword ?? string.Empty), cancellationToken);
        }
        finally
        {
            Data.Password = null;
            Data.ConfirmPassword = null;
        }

        TempData["Notice"] = "Your new password is set, and any other sessions have ended. Sign in with it.";
        return RedirectToPage("/Account/Login");
    }
}
