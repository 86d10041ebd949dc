using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Accounts;

/// <summary>Setting a new password: your own (knowing the current one) or through an admin's one-time reset link.
/// Either changes the security stamp, so every other session of the account ends (<see cref="Sessions"/>); the page
/// signs the person in again where that makes sense. Both are audited.</summary>
public static class Passwords
{
    public sealed record Change(string UserId, string CurrentPassword, string NewPassword, string ConfirmPassword) : ICommand<Unit>;

    public sealed record Reset(string UserId, string Token, string Password, string ConfirmPassword) : ICommand<Unit>;

    public sealed class ChangeValidator : AbstractValidator<Change>
    {
        public ChangeValidator()
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Type your current password.");
            RuleFor(c => c.NewPassword).NotEmpty().WithMessage("Choose a new password of 12 characters or more.");
            RuleFor(c => c.ConfirmPassword).Equal(c => c.NewPassword).WithMessage("The two passwords differ. Type the same password twice.");
        }
    }

    public sealed class ResetValidator : AbstractValidator<Reset>
    {
        public ResetValidator()
        {
            RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a new password of 12 characters or more.");
            RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage("The two passwords differ. Type the same password twice.");
        }
    }

    public sealed class ChangeHandler(NewsTrackerDbContext db, UserManager<ApplicationUser> users, AuditContext audit, TimeProvider clock) : IRequestHandler<Change, Unit>
    {
        public async Task<Unit> Handle(Change request, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(request.UserId) ?? throw new NotFoundException("Your account no longer exists.");
            var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
            ThrowIfFailed(result, nameof(Change.NewPassword));
            UserAdministration.Write(db, audit, clock, user, "PasswordChanged", $"{user.UserName} changed their password; their other sessions ended", null, null);
            return Unit.Value;
        }
    }

    public sealed class ResetHandler(NewsTrackerDbContext db, UserManager<ApplicationUser> users, AuditContext audit, TimeProvider clock) : IRequestHandler<Reset, Unit>
    {
        public async Task<Unit> Handle(Reset request, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(request.UserId);
            if (user?.Email is null || await users.IsLockedOutAsync(user))
            {
                throw new ValidationFailedException(string.Empty, ExpiredLink);
            }

            ThrowIfFailed(await users.ResetPasswordAsync(user, request.Token, request.Password), nameof(Reset.Password));
            UserAdministration.Write(db, audit, clock, user, "PasswordReset", $"{user.UserName} set a new password with a reset link", null, null);
            return Unit.Value;
        }
    }

    public const string ExpiredLink = "This link has been used or has expired. Ask an admin for a new one.";

    private static void ThrowIfFailed(IdentityResult result, string passwordField)
    {
        if (result.Succeeded)
        {
            return;
        }

        var errors = result.Errors
            .GroupBy(e => e.Code switch
            {
                nameof(IdentityErrorDescriber.PasswordMismatch) => nameof(Change.CurrentPassword),
                nameof(IdentityErrorDescriber.InvalidToken) => string.Empty,
                _ => passwordField,
            })
            .ToDictionary(
                g => g.Key,
                g => g.Select(e => e.Code switch
                {
                    nameof(IdentityErrorDescriber.PasswordMismatch) => "That is not your current password.",
                    nameof(IdentityErrorDescriber.InvalidToken) => ExpiredLink,
                    _ => e.Description,
                }).ToArray(),
                StringComparer.Ordinal);
        throw new ValidationFailedException(errors);
    }
}
