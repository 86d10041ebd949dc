using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;

namespace NewsTracker.IntegrationTests.Data;

public sealed class SqliteSetupTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [SqliteFact]
    public async Task The_database_file_is_migrated_in_wal_mode_with_foreign_keys_and_a_busy_timeout()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal("wal", await Scalar(db, "PRAGMA journal_mode"));
        Assert.Equal("1", await Scalar(db, "PRAGMA foreign_keys"));
        Assert.Equal("10000", await Scalar(db, "PRAGMA busy_timeout"));
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, DatabaseRegistration.DatabaseFileName)));
    }

    [SqliteFact]
    public async Task A_command_takes_the_write_lock_when_its_transaction_begins()
    {
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await using var scope = factory.Services.CreateAsyncScope();
        var behavior = new TransactionBehavior<HoldLock, Unit>(scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>(), new AuditContext());

        var running = behavior.Handle(new HoldLock(), CancellationToken.None, async () =>
        {
            entered.SetResult();
            await release.Task;
            return Unit.Value;
        });
        await entered.Task;

        // The command has written nothing yet; had its transaction begun DEFERRED, this write would succeed.
        await using var other = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, DatabaseRegistration.DatabaseFileName)};Pooling=False");
        await other.OpenAsync();
        await using var command = other.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 0;";
        await command.ExecuteNonQueryAsync();
        command.CommandText = "INSERT INTO Outlets (Name, NormalizedName, CreatedUtc) VALUES ('Probe', 'PROBE', '2026-01-01 00:00:00')";
        command.CommandTimeout = 1;
        var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(5, error.SqliteErrorCode); // SQLITE_BUSY

        release.SetResult();
        await running;
        await using var db = factory.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        Assert.False(await db.Outlets.AnyAsync(o => o.Name == "Probe"));
    }

    [Fact]
    public async Task A_failing_command_leaves_nothing_behind()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var behavior = new TransactionBehavior<HoldLock, Unit>(db, new AuditContext());
        var before = await db.Outlets.CountAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => behavior.Handle(new HoldLock(), CancellationToken.None, async () =>
        {
            db.Outlets.Add(new NewsTracker.Web.Domain.Outlet { Name = "Half Written", NormalizedName = "HALF WRITTEN", CreatedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
            throw new InvalidOperationException("boom");
        }));

        db.ChangeTracker.Clear();
        Assert.Equal(before, await db.Outlets.CountAsync());
    }

    private static async Task<string?> Scalar(NewsTrackerDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public sealed record HoldLock : ICommand<Unit>;
}
