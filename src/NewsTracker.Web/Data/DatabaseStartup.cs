using Microsoft.EntityFrameworkCore;

namespace NewsTracker.Web.Data;

/// <summary>Brings the database up to date at start: applies checked-in migrations (the provider's own set) and,
/// on SQLite, turns on WAL. Several instances starting at once on PostgreSQL are safe: EF Core takes a database-wide
/// lock while it migrates, so one applies the migrations and the others find nothing pending.</summary>
public static class DatabaseStartup
{
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));

        if (db.Database.IsSqlite())
        {
            // journal_mode is stored in the file: once set, every later connection uses WAL.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }
    }
}
