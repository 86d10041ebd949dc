using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Web.Pages.Account;

/// <summary>Sign in with email and password. Five failures lock the account; posts are rate limited per address.</summary>
[EnableRateLimiting(NewsTrackerHost.LoginRateLimit)]
public sealed class LoginModel(SignInManager<ApplicationUser> signIn, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public Form Data { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Data.Email) || string.IsNullOrEmpty(Data.Password))
        {
            ModelState.AddModelError(string.Empty, "Enter your email and password.");
            return BadRequestPage();
        }

        var result = await signIn.PasswordSignInAsync(Data.Email.Trim(), Data.Password, Data.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User signed in");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: account locked out");
            ModelState.AddModelError(string.Empty, "Too many failed attempts: this account is locked for 15 minutes.");
        }
        else
        {
            ModelState.AddModelError(string.Empty, "That email and password do not match an account.");
        }

        return BadRequestPage();
    }

    private PageResult BadRequestPage()
    {
        Data.Password = null;
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    public sealed class Form
    {
        [Display(Name = "Email")]
        public string? Email { get; set; }

        [Display(Name = "Password")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }

        [Display(Name = "Keep me signed in")]
        public bool RememberMe { get; set; }
    }
}
