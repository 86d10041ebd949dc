using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Web.Topics;

/// <summary>
/// Keeps this instance's cached public pages in step with changes made elsewhere: by another instance on the same
/// database, or by a command-line import. Every save that changes what readers see adds a <c>ContentChanges</c> row in
/// its own transaction; this loop looks at the newest id every <c>Caching:ChangePollSeconds</c> (default 2) and
/// evicts the topic pages when it has moved. Changes made through this instance's own commands are evicted at once by
/// <see cref="CacheEvictingMediator"/>; this only bounds how stale the others can be. Old rows are pruned now and then.
/// </summary>
public sealed class SharedCacheInvalidation(
    IServiceScopeFactory scopes, TopicCacheInvalidation invalidation, IConfiguration configuration, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<SharedCacheInvalidation> logger) : BackgroundService
{
    /// <summary>How long change rows are kept: far longer than any instance takes to see them.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.1, configuration.GetValue("Caching:ChangePollSeconds", 2.0)));
        try
        {
            await lifetime.WhenStartedAsync(stoppingToken);
            var seen = await NewestAsync(stoppingToken);
            var lastPrune = clock.GetUtcNow();
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(interval, clock, stoppingToken);
                try
                {
                    var newest = await NewestAsync(stoppingToken);
                    if (newest != seen)
                    {
                        await invalidation.EvictAllAsync(stoppingToken);
                        seen = newest;
                    }

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

    private async Task<long> NewestAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        return await db.ContentChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
    }

    /// <summary>Deletes rows older than <see cref="Retention"/>, always keeping the newest so its id stays known.</summary>
    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var cutoff = clock.GetUtcNow().UtcDateTime - Retention;
        var newest = await db.ContentChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        await db.ContentChanges.Where(c => c.ChangedUtc < cutoff && c.Id < newest).ExecuteDeleteAsync(cancellationToken);
    }
}
