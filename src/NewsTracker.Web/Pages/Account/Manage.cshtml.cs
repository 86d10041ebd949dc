using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Pages.Account;

/// <summary>The signed-in account: its roles, its password (changing it ends every other session) and its API tokens
/// (create, shown once; revoke).</summary>
public sealed class ManageModel(IMediator mediator, SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users) : PageModel
{
    /// <summary>The password form, bound straight to the command; the account is the signed-in one.</summary>
    [BindProperty]
    public ChangePassword NewPassword { get; set; } = new();

    public Result Data { get; private set; } = null!;

    [BindProperty]
    public NewTokenForm NewToken { get; set; } = new();

    /// <summary>A token just created: shown once, never again.</summary>
    public string? CreatedToken { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Data = await mediator.Send(new Query(UserId), cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var created = await mediator.Send(new CreateApiToken.Command(User.FindFirstValue(ClaimTypes.Email) ?? User.Identity!.Name!, NewToken.Name ?? string.Empty), cancellationToken);
            CreatedToken = created.Token;
            NewToken = new NewTokenForm();
            Data = await mediator.Send(new Query(UserId), cancellationToken);
            return Page();
        }
        catch (ValidationFailedException ex)
        {
            foreach (var message in ex.Errors.SelectMany(e => e.Value))
            {
                ModelState.AddModelError("NewToken.Name", message);
            }

            Data = await mediator.Send(new Query(UserId), cancellationToken);
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(NewPassword with { UserId = UserId }, cancellationToken);
        }
        catch (ValidationFailedException ex)
        {
            foreach (var (field, messages) in ex.Errors)
            {
                var key = field switch
                {
                    nameof(ChangePassword.Current) => "NewPassword.Current",
                    nameof(ChangePassword.Confirm) => "NewPassword.Confirm",
                    _ => "NewPassword.Password",
                };
                foreach (var message in messages)
                {
                    ModelState.AddModelError(key, message);
                }
            }

            NewPassword = new ChangePassword();
            Data = await mediator.Send(new Query(UserId), cancellationToken);
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }

        // The change gave the account a new security stamp, which ends every session; this one continues.
        if (await users.FindByIdAsync(UserId) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }

        TempData["Notice"] = "Password changed. You stay signed in here; every other session has ended.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int tokenId, CancellationToken cancellationToken)
    {
        await mediator.Send(new Revoke(UserId, tokenId), cancellationToken);
        TempData["Notice"] = "Token revoked. Tools using it can no longer call the API.";
        return RedirectToPage();
    }

    public sealed record Query(string UserId) : IRequest<Result>;

    public sealed record TokenRow(int Id, string Name, string Prefix, DateTime CreatedUtc, DateTime? LastUsedUtc, DateTime? RevokedUtc);

    public sealed record Result(string Email, IReadOnlyList<string> Roles, IReadOnlyList<TokenRow> Tokens);

    public sealed record Revoke(string UserId, int TokenId) : ICommand<Unit>;

    /// <summary>Changes your own password, knowing the current one. It changes the security stamp, so every other
    /// session of the account ends (<see cref="Sessions"/>); audited.</summary>
    public sealed record ChangePassword : ICommand<Unit>
    {
        [BindNever]
        public string UserId { get; init; } = string.Empty;

        [Display(Name = "Current password")]
        [DataType(DataType.Password)]
        public string? Current { get; init; }

        [Display(Name = "New password (12 characters or more)")]
        [DataType(DataType.Password)]
        public string? Password { get; init; }

        [Display(Name = "New password again")]
        [DataType(DataType.Password)]
        public string? Confirm { get; init; }
    }

    public sealed class ChangePasswordValidator : AbstractValidator<ChangePassword>
    {
        public ChangePasswordValidator()
        {
            RuleFor(c => c.Current).NotEmpty().WithMessage("Type your current password.");
            RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a new password of 12 characters or more.");
            RuleFor(c => c.Confirm).Equal(c => c.Password).WithMessage("The two passwords differ. Type the same password twice.");
        }
    }

    public sealed class ChangePasswordHandler(NewsTrackerDbContext db, UserManager<ApplicationUser> users, AuditContext audit, TimeProvider clock) : IRequestHandler<ChangePassword, Unit>
    {
        public async Task<Unit> Handle(ChangePassword request, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(request.UserId) ?? throw new NotFoundException("Your account no longer exists.");
            var result = await users.ChangePasswordAsync(user, request.Current ?? string.Empty, request.Password ?? string.Empty);
            Passwords.ThrowIfFailed(result, nameof(ChangePassword.Password), nameof(ChangePassword.Current));
            UserAdministration.Write(db, audit, clock, user, "PasswordChanged", $"{user.UserName} changed their password; their other sessions ended", null, null);
            return Unit.Value;
        }
    }

    public sealed class NewTokenForm
    {
        [Display(Name = "Token name")]
        public string? Name { get; set; }
    }

    public sealed class QueryHandler(NewsTrackerDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var email = await db.Users.Where(u => u.Id == request.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Your account no longer exists.");
            var roles = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               where ur.UserId == request.UserId
                               select r.Name!).ToListAsync(cancellationToken);
            var tokens = await db.ApiTokens.AsNoTracking()
                .Where(t => t.UserId == request.UserId)
                .OrderByDescending(t => t.CreatedUtc)
                .Select(t => new TokenRow(t.Id, t.Name, t.Prefix, t.CreatedUtc, t.LastUsedUtc, t.RevokedUtc))
                .ToListAsync(cancellationToken);
            return new Result(email, roles, tokens);
        }
    }

    public sealed class RevokeHandler(NewsTrackerDbContext db, TimeProvider clock) : IRequestHandler<Revoke, Unit>
    {
        public async Task<Unit> Handle(Revoke request, CancellationToken cancellationToken)
        {
            var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == request.TokenId && t.UserId == request.UserId, cancellationToken)
                ?? throw new NotFoundException("You have no such token.");
            token.RevokedUtc ??= clock.GetUtcNow().UtcDateTime;
            return Unit.Value;
        }
    }
}
