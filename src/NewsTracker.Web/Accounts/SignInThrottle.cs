using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Accounts;

/// <summary>
/// Slows password guessing without letting anyone lock an account (OWASP ASVS 5.0 V6.3): failures are counted per
/// address and account together, per address, and per account from everywhere, in the database so every instance
/// sees them. Past a few free failures each further one doubles the wait before that key may try again. A stranger
/// guessing the admin's password only slows their own address; only a flood from many addresses slows the account
/// itself, and then by at most a minute. Keys are counted whether or not the account exists, so the answers are the
/// same for both. Counts are forgotten an hour after the last failure.
/// </summary>
public sealed class SignInThrottle(NewsTrackerDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Forget = TimeSpan.FromHours(1);

    private static readonly Rule Pair = new("pair", FreeFailures: 4, MaxWait: TimeSpan.FromMinutes(15));
    private static readonly Rule Address = new("address", FreeFailures: 20, MaxWait: TimeSpan.FromMinutes(15));
    private static readonly Rule Account = new("account", FreeFailures: 50, MaxWait: TimeSpan.FromMinutes(1));

    /// <summary>How long <paramref name="address"/> must wait before trying <paramref name="email"/>; zero when it may.</summary>
    public async Task<TimeSpan> WaitAsync(string email, string address, CancellationToken cancellationToken)
    {
        var keys = Keys(email, address).Select(k => k.Key).ToArray();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = await db.SignInFailureCounts.AsNoTracking()
            .Where(f => keys.Contains(f.Key) && f.BlockedUntilUtc > now)
            .Select(f => (DateTime?)f.BlockedUntilUtc)
            .MaxAsync(cancellationToken);
        return until is { } blocked ? blocked - now : TimeSpan.Zero;
    }

    /// <summary>Counts a failed attempt under every key and sets when each may try again.</summary>
    public async Task RecordFailureAsync(string email, string address, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - Forget;
        foreach (var (rule, key) in Keys(email, address))
        {
            // An increment in the database, so two instances counting at once both count.
            var updated = await db.SignInFailureCounts.Where(f => f.Key == key)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, f => f.LastFailureUtc < stale ? 1 : f.Failures + 1).SetProperty(f => f.LastFailureUtc, now), cancellationToken);
            if (updated == 0 && !await TryInsertAsync(key, now, cancellationToken))
            {
                await db.SignInFailureCounts.Where(f => f.Key == key)
                    .ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, f => f.Failures + 1).SetProperty(f => f.LastFailureUtc, now), cancellationToken);
            }

            var failures = await db.SignInFailureCounts.Where(f => f.Key == key).Select(f => f.Failures).FirstAsync(cancellationToken);
            var until = now + rule.Wait(failures);
            await db.SignInFailureCounts.Where(f => f.Key == key)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.BlockedUntilUtc, until), cancellationToken);
        }
    }

    /// <summary>A success forgets the failures of this account from this address and from everywhere; the address's
    /// own count stays, so signing in to one's own account cannot reset a spray across others.</summary>
    public async Task RecordSuccessAsync(string email, string address, CancellationToken cancellationToken)
    {
        var keys = Keys(email, address).Where(k => k.Rule != Address).Select(k => k.Key).ToArray();
        await db.SignInFailureCounts.Where(f => keys.Contains(f.Key)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Words a person can read: "45 seconds", "3 minutes".</summary>
    public static string Describe(TimeSpan wait) =>
        wait <= TimeSpan.FromSeconds(90) ? $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds" : $"{(int)Math.Ceiling(wait.TotalMinutes)} minutes";

    private async Task<bool> TryInsertAsync(string key, DateTime now, CancellationToken cancellationToken)
    {
        var row = new SignInFailureCount { Key = key, Failures = 1, LastFailureUtc = now, BlockedUntilUtc = now };
        db.SignInFailureCounts.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another request inserted the key first: count on top of theirs.
            return false;
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    private static IEnumerable<(Rule Rule, string Key)> Keys(string email, string address)
    {
        var account = email.Trim().ToUpperInvariant();
        yield return (Pair, SecretTokens.Hash($"pair\n{account}\n{address}"));
        yield return (Address, SecretTokens.Hash($"address\n{address}"));
        yield return (Account, SecretTokens.Hash($"account\n{account}"));
    }

    private sealed record Rule(string Name, int FreeFailures, TimeSpan MaxWait)
    {
        public TimeSpan Wait(int failures)
        {
            var over = failures - FreeFailures;
            // 15 s, 30 s, 1 min, 2 min…: long enough from the first that a script gains nothing by retrying at once.
            return over <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(15 * Math.Pow(2, Math.Min(over - 1, 20)), MaxWait.TotalSeconds));
        }
    }
}
