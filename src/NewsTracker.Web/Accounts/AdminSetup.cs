using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Web.Accounts;

/// <summary>
/// First-run setup without a default password: while no admin exists, each start issues a fresh
/// one-time token and logs the setup link (at <c>NewsTracker:PublicBaseUrl</c> when set). Any unexpired link creates
/// the first admin, and then none works any more.
/// </summary>
public sealed class AdminSetup(NewsTrackerDbContext db, TimeProvider clock)
{
    public const string TokenPrefix = "setup_";
    private const string AdminRoleNormalized = "ADMIN";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public Task<bool> AdminExistsAsync(CancellationToken cancellationToken) =>
        (from userRole in db.UserRoles
         join role in db.Roles on userRole.RoleId equals role.Id
         where role.NormalizedName == AdminRoleNormalized
         select userRole).AnyAsync(cancellationToken);

    /// <summary>Issues a new setup token and returns it (shown once). Other unexpired ones stay valid: instances
    /// started together each log their own link, and whichever is opened first works; creating the admin ends them all.</summary>
    public async Task<string> IssueTokenAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.SetupTokens.Where(t => t.UsedUtc == null && t.ExpiresUtc <= now).ExecuteDeleteAsync(cancellationToken);
        var token = SecretTokens.Create(TokenPrefix);
        db.SetupTokens.Add(new SetupToken { TokenHash = SecretTokens.Hash(token), CreatedUtc = now, ExpiresUtc = now + Lifetime });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>True when <paramref name="token"/> is an unused, unexpired setup token and no admin exists yet.</summary>
    public async Task<bool> IsValidAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || !token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return false;
        }

        var hash = SecretTokens.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.SetupTokens.AnyAsync(t => t.TokenHash == hash && t.UsedUtc == null && t.ExpiresUtc > now, cancellationToken)
            && !await AdminExistsAsync(cancellationToken);
    }

    /// <summary>Marks the token used; false when it was not valid (already used, expired, unknown).</summary>
    public async Task<bool> ConsumeAsync(string token, CancellationToken cancellationToken)
    {
        if (!await IsValidAsync(token, cancellationToken))
        {
            return false;
        }

        var hash = SecretTokens.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.SetupTokens.Where(t => t.TokenHash == hash && t.UsedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedUtc, now), cancellationToken);
        return updated == 1;
    }

    /// <summary>At start, before the server listens: when no admin exists, issues a fresh setup token and
    /// returns it; otherwise null.</summary>
    public static async Task<string?> IssueAtStartIfNeededAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<AdminSetup>();
        return await setup.AdminExistsAsync(cancellationToken) ? null : await setup.IssueTokenAsync(cancellationToken);
    }

    /// <summary>Logs the setup link once the server's address is known: under <c>NewsTracker:PublicBaseUrl</c> when
    /// set (behind a proxy the listening address is not one the admin can open), else the first listening address.</summary>
    public static void Announce(IServiceProvider services, string token)
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var baseUrl = services.GetRequiredService<PublicUrls>().Configured?.AbsoluteUri ?? addresses?.FirstOrDefault()?.Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)
            ?? "http://localhost:5000";
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<AdminSetup>();
        logger.LogWarning(
            "No admin account exists yet. Open {SetupUrl} to create the first admin. The link works once and expires in {Hours} hours; a restart issues a new one",
            $"{baseUrl.TrimEnd('/')}/setup?token={token}",
            (int)Lifetime.TotalHours);
    }
}
