using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Web.Pages.Account;

/// <summary>Sign in with email and password. Failures slow further attempts (<see cref="SignInThrottle"/>) and posts
/// are rate limited per address; an unknown email, a wrong password and a disabled account get the same answer in
/// about the same time, so the page does not tell who has an account.</summary>
[EnableRateLimiting(NewsTrackerHost.LoginRateLimit)]
public sealed class LoginModel(
    SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, IPasswordHasher<ApplicationUser> hasher, SignInThrottle throttle, ILogger<LoginModel> logger)
    : PageModel
{
    private static string? _unknownAccountHash;

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

        var email = Data.Email.Trim();
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var cancellationToken = HttpContext.RequestAborted;
        var wait = await throttle.WaitAsync(email, address, cancellationToken);
        if (wait > TimeSpan.Zero)
        {
            logger.LogWarning("Sign-in refused: throttled after failed attempts");
            ModelState.AddModelError(string.Empty, $"Too many failed sign-ins. Wait {SignInThrottle.Describe(wait)} and try again.");
            Data.Password = null;
            return new PageResult { StatusCode = StatusCodes.Status429TooManyRequests };
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            // Hash as a real check would, so an unknown email takes as long as a wrong password.
            _unknownAccountHash ??= hasher.HashPassword(new ApplicationUser(), Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(new ApplicationUser(), _unknownAccountHash, Data.Password);
        }

        // Identity's own lockout is off: it would let anyone lock any account. A lockout date marks a disabled account.
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Data.Password, Data.RememberMe, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            await throttle.RecordSuccessAsync(email, address, cancellationToken);
            logger.LogInformation("User signed in");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        await throttle.RecordFailureAsync(email, address, cancellationToken);
        logger.LogWarning("Sign-in failed");
        ModelState.AddModelError(string.Empty, "That email and password do not match an account.");
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
