using NewsTracker.Web.Data;

namespace NewsTracker.Web.Search;

/// <summary>
/// Keeps this instance's search index in step even when nobody searches, so readiness (<see cref="ISearchIndex.IsCurrentAsync"/>)
/// stays true: the index is opened (built the first time) at start, after the database is migrated and seeded, and
/// then catches up every <c>Search:CatchUpSeconds</c> (default 1) with what any process stored.
/// </summary>
public sealed class SearchIndexCatchUp(IServiceScopeFactory scopes, SearchEngine engine, IConfiguration configuration, TimeProvider clock, ILogger<SearchIndexCatchUp> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.1, configuration.GetValue($"{SearchEngine.Section}:CatchUpSeconds", 1.0)));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(interval, clock, stoppingToken);
                try
                {
                    await CatchUpAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not bring the search index up to date; searches will try again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await engine.CatchUpAsync(scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>(), cancellationToken);
    }
}
