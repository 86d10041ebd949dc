using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsTracker.Web.Data;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Web.Feeds;

/// <summary>
/// The one background loop that polls feeds: once the app has started (so migrations have run), it has the
/// <see cref="FeedPoller"/> check every due feed, then sleeps until the next feed falls due, at most
/// <see cref="FeedsOptions.IdleDelay"/>, or until woken by a new subscription or "refresh now". Stopping the
/// app cancels it; checks under way let go of their feeds. Off when <c>Feeds:PollingEnabled</c> is false.
/// </summary>
public sealed class FeedScheduler(
    FeedPoller poller, PollSignal signal, IServiceScopeFactory scopes, IOptions<FeedsOptions> options, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<FeedScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan ShortestSleep = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PollingEnabled)
        {
            logger.LogInformation("Feed polling is off (Feeds:PollingEnabled is false)");
            return;
        }

        try
        {
            await lifetime.WhenStartedAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await poller.PollDueAsync(stoppingToken);
                    await signal.WaitAsync(await SleepAsync(stoppingToken), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Feed polling failed; trying again in {Delay}", options.Value.IdleDelay);
                    await Task.Delay(options.Value.IdleDelay, clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Until the next unpaused feed falls due (a claimed one: until its claim expires), between one
    /// second and the idle delay.</summary>
    private async Task<TimeSpan> SleepAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var feeds = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Feeds.AsNoTracking().Where(f => !f.Paused);
        var now = clock.GetUtcNow().UtcDateTime;
        var nextDue = await feeds.Where(f => f.LeaseUntilUtc == null || f.LeaseUntilUtc < now)
            .OrderBy(f => f.NextCheckUtc).Select(f => (DateTime?)f.NextCheckUtc).FirstOrDefaultAsync(stoppingToken);
        var nextRelease = await feeds.Where(f => f.LeaseUntilUtc >= now)
            .OrderBy(f => f.LeaseUntilUtc).Select(f => f.LeaseUntilUtc).FirstOrDefaultAsync(stoppingToken);
        var next = nextDue is null ? nextRelease : nextRelease is null || nextDue < nextRelease ? nextDue : nextRelease;
        var sleep = next is { } due ? due - now : options.Value.IdleDelay;
        return sleep < ShortestSleep ? ShortestSleep : sleep > options.Value.IdleDelay ? options.Value.IdleDelay : sleep;
    }
}
