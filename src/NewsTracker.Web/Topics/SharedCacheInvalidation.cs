using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Web.Topics;

/// <summary>
/// Keeps this instance's cached public pages in step with changes made elsewhere: by another instance on the same
/// database, or by a command-line import. Every save that changes what readers see adds a <c>ContentChanges</c> row in
/// its own transaction. Every <c>Caching:ChangePollSeconds</c> (default 2) this loop reads the rows of the last
/// minute and evicts the topic pages when one it has not seen before was written by someone else (this instance's
/// own commands evict at once through <see cref="CacheEvictingMediator"/>). It looks at a time window rather than
/// "ids above the last one seen" because ids are handed out when a row is inserted, not when its transaction
/// commits: on PostgreSQL a slow transaction can commit a lower id after a higher one is already visible.
/// Old rows are pruned now and then.
/// </summary>
public sealed class SharedCacheInvalidation(
    IServiceScopeFactory scopes, TopicCacheInvalidation invalidation, ContentChangeLog ownChanges, IConfiguration configuration,
    TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<SharedCacheInvalidation> logger) : BackgroundService
{
    /// <summary>How far back each look reaches: longer than any write transaction runs.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>How long change rows are kept: far longer than any instance takes to see them.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);

    /// <summary>Rows already acted on, with when they were first seen.</summary>
    private readonly Dictionary<long, DateTime> seen = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.1, configuration.GetValue("Caching:ChangePollSeconds", 2.0)));
        try
        {
            await lifetime.WhenStartedAsync(stoppingToken);
            await LookAsync(evict: false, stoppingToken); // Changes from before the start: the cache is empty anyway.
            var lastPrune = clock.GetUtcNow();
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(interval, clock, stoppingToken);
                try
                {
                    await LookAsync(evict: true, stoppingToken);
                    if (clock.GetUtcNow() - lastPrune >= PruneEvery)
                    {
                        await PruneAsync(stoppingToken);
                        lastPrune = clock.GetUtcNow();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not read the content change log; cached pages may stay stale until it can");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task LookAsync(bool evict, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - Window;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var recent = await db.ContentChanges.AsNoTracking().Where(c => c.ChangedUtc >= since).Select(c => c.Id).ToListAsync(cancellationToken);

        var fromElsewhere = false;
        foreach (var id in recent)
        {
            if (seen.TryAdd(id, now) && !ownChanges.TakeIfOurs(id))
            {
                fromElsewhere = true;
            }
        }

        if (evict && fromElsewhere)
        {
            await invalidation.EvictAllAsync(cancellationToken);
        }

        // Twice the window, so a row is never forgotten while a look can still return it.
        var forgetBefore = now - (2 * Window);
        foreach (var (id, at) in seen)
        {
            if (at < forgetBefore)
            {
                seen.Remove(id);
            }
        }

        ownChanges.ForgetBefore(forgetBefore);
    }

    /// <summary>Deletes rows older than <see cref="Retention"/>.</summary>
    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var cutoff = clock.GetUtcNow().UtcDateTime - Retention;
        await db.ContentChanges.Where(c => c.ChangedUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
