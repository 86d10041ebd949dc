using FluentValidation;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Data.Configurations;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Accounts;

/// <summary>Issues a bearer token for a user (CLI <c>tokens create</c> and the account page).
/// The token is returned once; only its hash is kept.</summary>
public static class CreateApiToken
{
    public sealed record Command(string Email, string Name) : ICommand<Result>;

    public sealed record Result(int Id, string Token, string Prefix);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Give the account's email.");
            RuleFor(c => c.Name).NotEmpty().WithMessage("Name the token, e.g. after the tool that will use it.")
                .MaximumLength(ApiTokenConfiguration.NameMaxLength);
        }
    }

    public sealed class Handler(NewsTrackerDbContext db, TimeProvider clock) : MediatR.IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var normalized = request.Email.Trim().ToUpperInvariant();
            var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken)
                ?? throw new ValidationFailedException(nameof(Command.Email), $"No account has the email {request.Email.Trim()}.");

            var token = SecretTokens.Create(ApiTokenAuthenticationHandler.TokenPrefix);
            var entity = new ApiToken
            {
                UserId = user.Id,
                Name = request.Name.Trim(),
                TokenHash = SecretTokens.Hash(token),
                Prefix = token[..ApiTokenConfiguration.PrefixLength],
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
            };
            db.ApiTokens.Add(entity);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(entity.Id, token, entity.Prefix);
        }
    }
}
