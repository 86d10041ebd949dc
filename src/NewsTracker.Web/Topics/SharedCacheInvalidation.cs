using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Web.Topics;

/// <summary>
/// Keeps this instance's cached public pages in step with changes made elsewhere: by another instance on the same
/// database, or by a command-line import. Every save that changes what readers see adds a <c>ContentChanges</c> row in
/// its own transaction. Every <c>Caching:ChangePollSeconds</c> (default 2) this loop reads the rows it may not have
/// seen and evicts the cached pages named in those written by someone else (this instance's own commands evict at once
/// through <see cref="EvictCachedPagesOnContentChange"/>).
/// <para>Ids are handed out when a row is inserted, not when its transaction commits, so on PostgreSQL a slow
/// transaction can make a lower id visible after a higher one. The loop therefore does not read "above the highest id
/// seen" but above a floor: the highest id it had seen <see cref="Window"/> ago, remembering which ids above it were
/// handled. Only this instance's own clock is involved, so clocks that differ between machines do not matter.</para>
/// Old rows are pruned now and then.
/// </summary>
public sealed class SharedCacheInvalidation(
    IServiceScopeFactory scopes, TopicCacheInvalidation invalidation, ContentChangeLog ownChanges, IConfiguration configuration,
    TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<SharedCacheInvalidation> logger) : BackgroundService
{
    /// <summary>How long a row may take from insert to commit and still be seen: longer than any write transaction.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>How long change rows are kept: far longer than any instance takes to see them.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);

    /// <summary>Ids above <see cref="_floor"/> already acted on.</summary>
    private readonly HashSet<long> _seen = [];

    /// <summary>The highest id seen at each look of the last <see cref="Window"/>, oldest first.</summary>
    private readonly Queue<(DateTimeOffset At, long Highest)> _marks = new();

    /// <summary>Rows at or below it are settled: seen, or older than anything still committing. Null until the first look.</summary>
    private long? _floor;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.1, configuration.GetValue("Caching:ChangePollSeconds", 2.0)));
        try
        {
            await lifetime.WhenStartedAsync(stoppingToken);
            var lastPrune = clock.GetUtcNow();
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await LookAsync(stoppingToken);
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

                await Task.Delay(interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task LookAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        if (_floor is not { } settled)
        {
            // Changes from before the start need no eviction: the cache starts empty.
            _floor = await db.ContentChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
            return;
        }

        var now = clock.GetUtcNow();
        var recent = await db.ContentChanges.AsNoTracking().Where(c => c.Id > settled).Select(c => new { c.Id, c.Scope }).ToListAsync(cancellationToken);
        var fromElsewhere = new ContentScope();
        foreach (var change in recent)
        {
            if (_seen.Add(change.Id) && !ownChanges.TakeIfOurs(change.Id))
            {
                fromElsewhere.AddRange(ContentScope.FromStored(change.Scope));
            }
        }

        if (!fromElsewhere.IsEmpty)
        {
            await invalidation.EvictAsync(fromElsewhere, cancellationToken);
        }

        _marks.Enqueue((now, Math.Max(settled, recent.Count > 0 ? recent.Max(c => c.Id) : settled)));
        while (_marks.Count > 0 && _marks.Peek().At <= now - Window)
        {
            settled = Math.Max(settled, _marks.Dequeue().Highest);
        }

        _floor = settled;
        _seen.RemoveWhere(id => id <= settled);
        ownChanges.ForgetUpTo(settled);
    }

    /// <summary>Deletes rows older than <see cref="Retention"/> (by the writers' clocks; an hour leaves room for skew).</summary>
    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var cutoff = clock.GetUtcNow().UtcDateTime - Retention;
        await db.ContentChanges.Where(c => c.ChangedUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
