using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Accounts;

/// <summary>
/// What admins do to accounts, the same from the admin page and the command line: list them, change a role, disable
/// and re-enable, delete, and issue a one-time password-reset link (no mail server needed: the admin passes it on).
/// A role change, disabling, deleting and a reset end the account's sessions on every instance (<see cref="Sessions"/>);
/// every change writes an audit entry (entity "Account"). There is always at least one enabled admin.
/// A deleted account keeps its row without email, password or roles, so its tags, claims and history stay attributed
/// to its name and its address is free for a new account.
/// </summary>
public static class UserAdministration
{
    public const string AuditEntity = "Account";

    public sealed record UserRow(string Id, string Email, string? Role, DateTime CreatedUtc, bool Disabled);

    public sealed record AuditRow(DateTime AtUtc, string? By, string Action, string? Summary);

    public sealed record Overview(IReadOnlyList<UserRow> Users, IReadOnlyList<AuditRow> RecentChanges);

    public sealed record List : IRequest<Overview>;

    public sealed record ChangeRole(string Email, string? Role) : ICommand<Unit>;

    public sealed record SetDisabled(string Email, bool Disabled) : ICommand<Unit>;

    public sealed record Delete(string Email) : ICommand<Unit>;

    /// <summary>Answers the link; <paramref name="BaseUrl"/> is the site's public address.</summary>
    public sealed record IssuePasswordReset(string Email, string BaseUrl) : ICommand<string>;

    public sealed class RoleValidator : AbstractValidator<ChangeRole>
    {
        public RoleValidator() =>
            RuleFor(c => c.Role).Must(r => string.IsNullOrEmpty(r) || Roles.Normalise(r) is not null || string.Equals(r, "none", StringComparison.OrdinalIgnoreCase))
                .WithMessage($"The role must be one of {string.Join(", ", Roles.All)}, or none for a reader.");
    }

    public sealed class ListHandler(NewsTrackerDbContext db, AuditContext audit, TimeProvider clock) : IRequestHandler<List, Overview>
    {
        public async Task<Overview> Handle(List request, CancellationToken cancellationToken)
        {
            await RequireAdminAsync(db, audit, cancellationToken);
            var now = clock.GetUtcNow();
            var users = await db.Users.AsNoTracking()
                .Where(u => u.Email != null)
                .OrderBy(u => u.Email)
                .Select(u => new
                {
                    u.Id,
                    u.Email,
                    u.CreatedUtc,
                    u.LockoutEnd,
                    Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id orderby r.Name select r.Name).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            var changes = await db.AuditEntries.AsNoTracking()
                .Where(e => e.EntityType == AuditEntity)
                .OrderByDescending(e => e.Id)
                .Take(20)
                .Select(e => new AuditRow(e.AtUtc, e.UserName, e.Action, e.Summary))
                .ToListAsync(cancellationToken);
            return new Overview(
                users.Select(u => new UserRow(u.Id, u.Email!, u.Role, u.CreatedUtc, u.LockoutEnd is { } end && end > now)).ToList(),
                changes);
        }
    }

    public sealed class ChangeRoleHandler(NewsTrackerDbContext db, UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, AuditContext audit, TimeProvider clock)
        : IRequestHandler<ChangeRole, Unit>
    {
        public async Task<Unit> Handle(ChangeRole request, CancellationToken cancellationToken)
        {
            var role = string.IsNullOrEmpty(request.Role) ? null : Roles.Normalise(request.Role);
            var user = await TargetAsync(db, users, audit, clock, request.Email, removesAdmin: role != Roles.Admin, cancellationToken);
            var before = (await users.GetRolesAsync(user)).FirstOrDefault();

            Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
            if (role is not null)
            {
                if (!await roles.RoleExistsAsync(role))
                {
                    Check(await roles.CreateAsync(new IdentityRole(role)));
                }

                Check(await users.AddToRoleAsync(user, role));
            }

            await Sessions.EndAllAsync(users, user);
            Write(db, audit, clock, user, "RoleChanged", $"Role of {user.UserName} changed from {before ?? "reader"} to {role ?? "reader"}", new { role = before }, new { role });
            return Unit.Value;
        }
    }

    public sealed class SetDisabledHandler(NewsTrackerDbContext db, UserManager<ApplicationUser> users, AuditContext audit, TimeProvider clock)
        : IRequestHandler<SetDisabled, Unit>
    {
        public async Task<Unit> Handle(SetDisabled request, CancellationToken cancellationToken)
        {
            var user = await TargetAsync(db, users, audit, clock, request.Email, removesAdmin: request.Disabled, cancellationToken);

            // A lockout date far ahead is how Identity refuses a sign-in and the API token handler refuses a token.
            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, request.Disabled ? DateTimeOffset.MaxValue : null));
            await Sessions.EndAllAsync(users, user);
            Write(db, audit, clock, user, request.Disabled ? "Disabled" : "Enabled", $"{user.UserName} {(request.Disabled ? "disabled" : "enabled again")}", null, null);
            return Unit.Value;
        }
    }

    public sealed class DeleteHandler(NewsTrackerDbContext db, UserManager<ApplicationUser> users, AuditContext audit, TimeProvider clock)
        : IRequestHandler<Delete, Unit>
    {
        public async Task<Unit> Handle(Delete request, CancellationToken cancellationToken)
        {
            var user = await TargetAsync(db, users, audit, clock, request.Email, removesAdmin: true, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
            await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedUtc == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtc, now), cancellationToken);
            Write(db, audit, clock, user, "Deleted", $"{user.UserName} deleted; their tags, claims and history stay under this name", new { email = user.Email }, null);

            // Past Identity's validators on purpose: the row stays without an email (freeing the address) and with a
            // user name no one can sign in with, so the tags it made still show who made them.
            var id = user.Id;
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(
                s => s.SetProperty(u => u.Email, (string?)null)
                    .SetProperty(u => u.NormalizedEmail, (string?)null)
                    .SetProperty(u => u.NormalizedUserName, "DELETED:" + id)
                    .SetProperty(u => u.PasswordHash, (string?)null)
                    .SetProperty(u => u.LockoutEnabled, true)
                    .SetProperty(u => u.LockoutEnd, DateTimeOffset.MaxValue)
                    .SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N"))
                    .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()),
                cancellationToken);
            return Unit.Value;
        }
    }

    public sealed class IssuePasswordResetHandler(NewsTrackerDbContext db, UserManager<ApplicationUser> users, AuditContext audit, TimeProvider clock)
        : IRequestHandler<IssuePasswordReset, string>
    {
        public async Task<string> Handle(IssuePasswordReset request, CancellationToken cancellationToken)
        {
            var user = await TargetAsync(db, users, audit, clock, request.Email, removesAdmin: false, cancellationToken);
            if (await users.IsLockedOutAsync(user))
            {
                throw new ValidationFailedException(nameof(request.Email), $"{user.Email} is disabled. Enable the account first.");
            }

            // Identity's token carries the account's security stamp, which the reset changes: the link works once,
            // and for a day at most (DataProtectionTokenProviderOptions.TokenLifespan).
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Write(db, audit, clock, user, "PasswordResetIssued", $"Password-reset link issued for {user.UserName}", null, null);
            return $"{request.BaseUrl.TrimEnd('/')}/account/reset-password?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
        }
    }

    /// <summary>Writes the audit entry of an account change, by whoever is acting (an admin, or the system at the command line).</summary>
    internal static void Write(NewsTrackerDbContext db, AuditContext audit, TimeProvider clock, ApplicationUser target, string action, string summary, object? before, object? after) =>
        db.AuditEntries.Add(new AuditEntry
        {
            ChangeId = audit.ChangeId,
            EntityType = AuditEntity,
            EntityKey = target.Id,
            Action = action,
            Summary = summary,
            UserId = audit.Editor.UserId,
            UserName = audit.Editor.UserName,
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Before = before is null ? null : JsonSerializer.Serialize(before),
            After = after is null ? null : JsonSerializer.Serialize(after),
            Undoable = false,
        });

    /// <summary>Admins, and the command line (the system), may manage accounts; the check is here, not only on the
    /// page, so every way in gets it.</summary>
    private static async Task RequireAdminAsync(NewsTrackerDbContext db, AuditContext audit, CancellationToken cancellationToken)
    {
        var actor = audit.Editor;
        if (ReferenceEquals(actor, Editor.System))
        {
            return;
        }

        var isAdmin = actor.UserId is { } id && await (from ur in db.UserRoles
                                                         join r in db.Roles on ur.RoleId equals r.Id
                                                         where ur.UserId == id && r.NormalizedName == "ADMIN"
                                                         select ur).AnyAsync(cancellationToken);
        if (!isAdmin)
        {
            throw new ForbiddenException("Only admins manage accounts.");
        }
    }

    /// <summary>The account an admin acts on. When the action takes it out of the enabled admins, another must remain.</summary>
    private static async Task<ApplicationUser> TargetAsync(
        NewsTrackerDbContext db, UserManager<ApplicationUser> users, AuditContext audit, TimeProvider clock, string email, bool removesAdmin, CancellationToken cancellationToken)
    {
        await RequireAdminAsync(db, audit, cancellationToken);
        var user = await users.FindByEmailAsync(email.Trim()) ?? throw new NotFoundException($"No account has the email {email.Trim()}.");
        if (removesAdmin && await users.IsInRoleAsync(user, Roles.Admin))
        {
            await RequireAnotherAdminAsync(db, user.Id, clock, cancellationToken);
        }

        return user;
    }

    private static async Task RequireAnotherAdminAsync(NewsTrackerDbContext db, string userId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var admins = await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            join u in db.Users on ur.UserId equals u.Id
                            where r.NormalizedName == "ADMIN" && u.Id != userId && u.Email != null
                            select u.LockoutEnd).ToListAsync(cancellationToken);

        // Compared here: SQLite cannot compare the DateTimeOffset it stores as text.
        var others = admins.Any(end => end is null || end <= now);
        if (!others)
        {
            throw new ValidationFailedException(string.Empty, "This is the last enabled admin. Make another account an admin first, so someone can still manage accounts.");
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new ValidationFailedException(string.Empty, string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
