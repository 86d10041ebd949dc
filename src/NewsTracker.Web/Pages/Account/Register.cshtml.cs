using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Web.Pages.Account;

/// <summary>Readers sign themselves up with an email and a password (Identity's rules: 12 characters or more).
/// New accounts have no role: they read and follow topics. Posts share the sign-in rate limit.</summary>
[EnableRateLimiting(NewsTrackerHost.LoginRateLimit)]
public sealed class RegisterModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, ILogger<RegisterModel> logger, TimeProvider clock) : PageModel
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
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                // Identity reports a taken email twice (user name and email); say it once.
                if (error.Code != nameof(IdentityErrorDescriber.DuplicateUserName))
                {
                    ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? "Data.Password" : "Data.Email", error.Description);
                }
            }

            return BadRequestPage();
        }

        logger.LogInformation("Reader account registered");
        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Notice"] = "Welcome! Your account is ready: follow topics to see what is new each time you come back.";
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/topics");
    }

    private PageResult BadRequestPage()
    {
        Data.Password = null;
        Data.ConfirmPassword = null;
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }
}
