using System.ComponentModel.DataAnnotations;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
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

    /// <summary>The form, bound straight to the command; the account and token come from the link.</summary>
    [BindProperty]
    public Reset Data { get; set; } = new();

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
            await mediator.Send(Data with { UserId = UserId, Token = Token }, cancellationToken);
        }
        finally
        {
            Data = new Reset();
        }

        TempData["Notice"] = "Your new password is set, and any other sessions have ended. Sign in with it.";
        return RedirectToPage("/Account/Login");
    }

    /// <summary>Sets a new password through a reset link. It changes the security stamp, so every other session of the
    /// account ends (<see cref="Sessions"/>); audited.</summary>
    public sealed record Reset : ICommand<Unit>
    {
        [BindNever]
        public string UserId { get; init; } = string.Empty;

        [BindNever]
        public string Token { get; init; } = string.Empty;

        [Display(Name = "Password (12 characters or more)")]
        [DataType(DataType.Password)]
        public string? Password { get; init; }

        [Display(Name = "Password again")]
        [DataType(DataType.Password)]
        public string? ConfirmPassword { get; init; }
    }

    public sealed class ResetValidator : AbstractValidator<Reset>
    {
        public ResetValidator()
        {
            RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a new password of 12 characters or more.");
            RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage("The two passwords differ. Type the same password twice.");
        }
    }

    public sealed class ResetHandler(NewsTrackerDbContext db, UserManager<ApplicationUser> users, AuditContext audit, TimeProvider clock) : IRequestHandler<Reset, Unit>
    {
        public async Task<Unit> Handle(Reset request, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(request.UserId);
            if (user?.Email is null || await users.IsLockedOutAsync(user))
            {
                throw new ValidationFailedException(string.Empty, Passwords.ExpiredLink);
            }

            Passwords.ThrowIfFailed(await users.ResetPasswordAsync(user, request.Token, request.Password ?? string.Empty), nameof(Reset.Password), string.Empty);
            UserAdministration.Write(db, audit, clock, user, "PasswordReset", $"{user.UserName} set a new password with a reset link", null, null);
            return Unit.Value;
        }
    }
}
