using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsTracker.Web.Data;

namespace NewsTracker.Web.Feeds;

/// <summary>A host's lease row (<c>HostFetchLeases</c>): the one instance holding it may send that host a request.
/// <see cref="HostGate"/> takes it once a request is first in line on its own instance; it is renewed every third
/// of <see cref="FeedsOptions.HostLeaseDuration"/> while the request runs and deleted after, so an instance that dies
/// keeps the others from the host for at most that long.</summary>
public sealed class HostLeases(IServiceScopeFactory scopes, TimeProvider clock, IOptions<FeedsOptions> options, ILogger<HostLeases> logger)
{
    /// <summary>How long a waiting instance leaves before asking again for a host another instance holds, plus up to
    /// as much again at random so that waiters do not ask in step.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Names this instance in the lease rows it holds.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Waits until <paramref name="host"/> (as <see cref="HostGate"/> keys it) is this instance's; dispose
    /// the result to let go. Only one caller per host at a time may ask.</summary>
    public async Task<IAsyncDisposable> TakeAsync(string host, CancellationToken cancellationToken)
    {
        while (!await TryTakeAsync(host, cancellationToken))
        {
            await Task.Delay(RetryDelay + TimeSpan.FromMilliseconds(Random.Shared.Next((int)RetryDelay.TotalMilliseconds)), cancellationToken);
        }

        return new Lease(this, host);
    }

    /// <summary>Takes the row when it is free, expired or left behind by this instance (a row of ours is one a failed
    /// release left, since one caller per host asks at a time). The update and the insert each decide atomically on
    /// both providers, so two instances never both succeed.</summary>
    private async Task<bool> TryTakeAsync(string host, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + options.Value.HostLeaseDuration;
        var owner = Owner;
        return await db.HostFetchLeases
                   .Where(l => l.Host == host && (l.UntilUtc < now || l.Owner == owner))
                   .ExecuteUpdateAsync(l => l.SetProperty(x => x.Owner, owner).SetProperty(x => x.UntilUtc, until), cancellationToken) == 1
               || await db.Database.ExecuteSqlAsync(
                   $"""INSERT INTO "HostFetchLeases" ("Host", "Owner", "UntilUtc") VALUES ({host}, {owner}, {until}) ON CONFLICT DO NOTHING""",
                   cancellationToken) == 1;
    }

    /// <summary>Moves the lease's end on while the request runs, so a slow answer does not let another instance in.</summary>
    private async Task RenewAsync(string host, CancellationToken stop)
    {
        var duration = options.Value.HostLeaseDuration;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(duration / 3, stop);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
                var until = clock.GetUtcNow().UtcDateTime + duration;
                var owner = Owner;
                await db.HostFetchLeases.Where(l => l.Host == host && l.Owner == owner)
                    .ExecuteUpdateAsync(l => l.SetProperty(x => x.UntilUtc, until), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (DbException e)
            {
                // The lease runs out on its own if the database stays away; the next renewal tries again.
                logger.LogWarning(e, "Could not renew the lease on host {Host}", host);
            }
        }
    }

    private async Task ReleaseAsync(string host)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
            var owner = Owner;
            await db.HostFetchLeases.Where(l => l.Host == host && l.Owner == owner).ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (DbException e)
        {
            // Other instances wait for the lease to expire; this one takes its own row back at once.
            logger.LogWarning(e, "Could not release the lease on host {Host}", host);
        }
    }

    private sealed class Lease : IAsyncDisposable
    {
        private readonly HostLeases _leases;
        private readonly string _host;
        private readonly CancellationTokenSource _stopRenewing = new();
        private readonly Task _renewing;
        private int _disposed;

        public Lease(HostLeases leases, string host)
        {
            (_leases, _host) = (leases, host);
            _renewing = leases.RenewAsync(host, _stopRenewing.Token);
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            await _stopRenewing.CancelAsync();
            await _renewing;
            _stopRenewing.Dispose();
            await _leases.ReleaseAsync(_host);
        }
    }
}
