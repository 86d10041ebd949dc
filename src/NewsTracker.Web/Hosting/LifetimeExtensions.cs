namespace NewsTracker.Web.Hosting;

public static class LifetimeExtensions
{
    /// <summary>Completes once the app has started (so migrations have run and the server listens), or is
    /// cancelled with <paramref name="stoppingToken"/>. Background loops wait on it before touching the database.</summary>
    public static Task WhenStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }
}
