using FluentValidation;
using Microsoft.AspNetCore.Identity;
using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Accounts;

/// <summary>Creates an account with an optional staff role (CLI <c>users add</c>, first-admin setup).</summary>
public static class AddUser
{
    public sealed record Command(string Email, string Password, string? Role) : ICommand<Result>;

    public sealed record Result(string UserId, string Email, string? Role);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Give an email address.")
                .EmailAddress().WithMessage("That is not an email address.")
                .MaximumLength(256);
            RuleFor(c => c.Password).NotEmpty().WithMessage("Give a password.");
            RuleFor(c => c.Role).Must(r => r is null || Roles.Normalise(r) is not null)
                .WithMessage($"The role must be one of {string.Join(", ", Roles.All)}.");
        }
    }

    public sealed class Handler(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, TimeProvider clock)
        : MediatR.IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var email = request.Email.Trim();
            if (await users.FindByEmailAsync(email) is not null)
            {
                throw new ValidationFailedException(nameof(Command.Email), $"An account with the email {email} already exists.");
            }

            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CreatedUtc = clock.GetUtcNow().UtcDateTime };
            ThrowIfFailed(await users.CreateAsync(user, request.Password));

            var role = request.Role is null ? null : Roles.Normalise(request.Role);
            if (role is not null)
            {
                if (!await roles.RoleExistsAsync(role))
                {
                    ThrowIfFailed(await roles.CreateAsync(new IdentityRole(role)));
                }

                ThrowIfFailed(await users.AddToRoleAsync(user, role));
            }

            return new Result(user.Id, email, role);
        }

        private static void ThrowIfFailed(IdentityResult result)
        {
            if (result.Succeeded)
            {
                return;
            }

            var errors = result.Errors
                .GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? nameof(Command.Password) : nameof(Command.Email))
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray(), StringComparer.Ordinal);
            throw new ValidationFailedException(errors);
        }
    }
}
