using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Web.Pages.Account;

/// <summary>Readers sign themselves up with an email and a password (Identity's rules: 12 characters or more).
/// New accounts have no role: they read and follow topics. Posts share the sign-in rate limit. The answer is the same
/// whether or not the email already has an account.</summary>
[EnableRateLimiting(NewsTrackerHost.LoginRateLimit)]
public sealed class RegisterModel(UserManager<ApplicationUser> users, ILogger<RegisterModel> logger, TimeProvider clock) : PageModel
{
    [BindProperty]
    public NewAccountForm Data { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect("/") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Data.Email?.Trim();
        if (string.IsNullOrEmpty(email) || !new EmailAddressAttribute().IsValid(email))
        {
            ModelState.AddModelError("Data.Email", "Enter your email address, like name@example.org.");
        }

        if (string.IsNullOrEmpty(Data.Password))
        {
            ModelState.AddModelError("Data.Password", "Choose a password of 12 characters or more.");
        }
        else if (!string.Equals(Data.Password, Data.ConfirmPassword, StringComparison.Ordinal))
        {
            ModelState.AddModelError("Data.ConfirmPassword", "The two passwords differ. Type the same password twice.");
        }

        if (!ModelState.IsValid)
        {
            return BadRequestPage();
        }

        var user = new ApplicationUser { UserName = email, Email = email, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        var result = await users.CreateAsync(user, Data.Password!);
        var taken = result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));
        if (!result.Succeeded && !taken)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? "Data.Password" : "Data.Email", error.Description);
            }

            return BadRequestPage();
        }

        // A taken email gets the same answer as a new account (nothing is created or changed), so this page cannot be
        // used to find out who has an account. That is also why a new account is not signed in here.
        if (taken)
        {
            logger.LogInformation("Registration for an email that already has an account: nothing changed");
        }
        else
        {
            logger.LogInformation("Reader account registered");
        }

        TempData["Notice"] = $"If {email} had no account, it has one now: sign in with the password you chose. Then follow topics to see what is new each time you come back.";
        return RedirectToPage("/Account/Login", new { ReturnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/topics" });
    }

    private PageResult BadRequestPage()
    {
        Data = Data with { Password = null, ConfirmPassword = null };
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }
}
