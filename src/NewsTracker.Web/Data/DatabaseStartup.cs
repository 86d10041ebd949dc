using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace NewsTracker.Web.Data;

/// <summary>Brings the database up to date at start: applies checked-in migrations (the provider's own set) and,
/// on SQLite, turns on WAL. Several instances starting at once on PostgreSQL are safe: each holds a PostgreSQL
/// advisory lock while it looks for and applies migrations, so one applies them and the others then find nothing
/// pending. (EF Core's own migration lock on PostgreSQL is a table lock held by one migration's transaction; with
/// two pending migrations a second instance got in between them and applied the second one again.)</summary>
public static class DatabaseStartup
{
    /// <summary>The advisory lock key every NewsTracker instance takes to migrate ("NTMIGRAT" in ASCII).</summary>
    private const long MigrationLockKey = 0x4E544D4947524154;

    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));

        if (db.Database.IsSqlite())
        {
            // journal_mode is stored in the file: once set, every later connection uses WAL.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            await ApplyPendingAsync(db, logger, cancellationToken);
            return;
        }

        // The lock belongs to this session, so it is held on a connection of its own, outside the pool (a pooled
        // connection handed back with the lock still held would keep it), until the migrations are in. Waiting for
        // another instance's migrations has no time limit: they may take longer than a command's 30 s.
        var unpooled = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString;
        await using var lockConnection = new NpgsqlConnection(unpooled);
        await lockConnection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockConnection) { CommandTimeout = 0 })
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await ApplyPendingAsync(db, logger, cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task ApplyPendingAsync(NewsTrackerDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }
    }
}
