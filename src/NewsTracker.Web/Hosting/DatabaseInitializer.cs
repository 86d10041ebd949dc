using NewsTracker.Web.Accounts;
using NewsTracker.Web.Data;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Topics;

namespace NewsTracker.Web.Hosting;

/// <summary>Runs before the server accepts requests: migrate, then seed. After the server has started,
/// logs the first-admin setup link when no admin exists.</summary>
public sealed class DatabaseInitializer(IServiceProvider services, IConfiguration configuration, IHostApplicationLifetime lifetime)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await services.MigrateDatabaseAsync(cancellationToken);
        if (configuration.GetValue("Seeding:Enabled", true))
        {
            // Instances starting together on one PostgreSQL database would each find nothing seeded and each seed;
            // one at a time, the later ones find the seed in place. (SQLite has one process per file.)
            await using var scope = services.CreateAsyncScope();
            await using (await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().TakeTurnAsync(SeedingLockKey, cancellationToken))
            {
                await services.SeedAsync(SeedDirectory(configuration), cancellationToken);
                await services.SeedTopicsAsync(cancellationToken);
            }
        }

        var setupToken = await AdminSetup.IssueAtStartIfNeededAsync(services, cancellationToken);
        if (setupToken is not null)
        {
            lifetime.ApplicationStarted.Register(() => AdminSetup.Announce(services, setupToken));
        }
    }

    /// <summary>The advisory lock seeding holds on PostgreSQL ("NTSEED").</summary>
    public const long SeedingLockKey = 0x4E54_5345_4544;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string SeedDirectory(IConfiguration configuration) =>
        configuration["Seeding:Directory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "seeds");
}
