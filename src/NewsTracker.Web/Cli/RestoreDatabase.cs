using System.CommandLine;
using Microsoft.Data.Sqlite;
using NewsTracker.Web.Data;

namespace NewsTracker.Web.Cli;

/// <summary>
/// <c>restore --from FILE</c>: puts a backup in place of the app's SQLite database. It refuses while a running
/// app has the database open, checks a copy of FILE before touching anything, and moves the old database
/// files into a dated folder rather than deleting them. On PostgreSQL it prints the <c>pg_restore</c> command.
/// </summary>
public static class RestoreDatabase
{
    public static Command Command(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var from = new Option<FileInfo>("--from") { Description = "A copy written by `backup --to`.", Required = true };
        var restore = new Command("restore", "Replace the database with a backup (stop the app first); the old files are kept beside it.") { from };
        restore.SetAction(async (parse, cancellationToken) => await RunAsync(services, parse.GetValue(from)!, output, error, cancellationToken));
        return restore;
    }

    private static async Task<int> RunAsync(IServiceProvider services, FileInfo from, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (isSqlite, connectionString) = await DatabaseCommands.ConnectionAsync(services);
        if (!isSqlite)
        {
            await error.WriteAsync(DatabaseBackup.PostgresGuidance(connectionString, from.FullName));
            return AdminCommandLine.UsageError;
        }

        var target = DatabaseBackup.DatabasePath(connectionString);
        if (!from.Exists)
        {
            await error.WriteLineAsync($"error: No file at {from.FullName}. Give the path of a copy written by `backup --to`.");
            return AdminCommandLine.UsageError;
        }

        if (string.Equals(from.FullName, target, StringComparison.Ordinal))
        {
            await error.WriteLineAsync($"error: {target} is the app's own database, not a backup.");
            return AdminCommandLine.UsageError;
        }

        // This process opened the database at start to apply migrations; let go of those connections so that
        // only another process can make the database look in use.
        using (var own = new SqliteConnection(connectionString))
        {
            SqliteConnection.ClearPool(own);
        }

        if (!await DatabaseBackup.TryTakeOfflineAsync(target, cancellationToken))
        {
            await error.WriteLineAsync($"error: {target} is in use: NewsTracker (or another program) still has it open. Stop the app, then run restore again.");
            return AdminCommandLine.UsageError;
        }

        var partial = DatabaseBackup.TemporaryPathBeside(target);
        return await DatabaseCommands.RunCopyAsync(partial, error, $"Restore stopped; {target} was left as it was.", $"Could not restore {from.FullName}", async stop =>
        {
            // The check runs on a private copy: it never writes to the backup, which may be on read-only media.
            var report = await DatabaseCommands.CopyAndCheckAsync("restore", partial, from.Length, () => CopyAsync(from.FullName, partial, stop),
                output, error, $"{from.FullName} failed its checks, so {target} was left as it was:", stop);
            if (!report.Passed)
            {
                return AdminCommandLine.SomeFailed;
            }

            var aside = DatabaseBackup.MoveAside(target, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            File.Move(partial, target);
            Search.SearchEngine.Discard(services.GetRequiredService<IConfiguration>());
            await output.WriteLineAsync($"Restored {from.FullName} to {target}:");
            await report.WriteAsync(output);
            if (aside is not null)
            {
                await output.WriteLineAsync($"The previous database files are in {aside}.");
            }

            await output.WriteLineAsync("Start the app (it applies any newer migrations) and check /healthz.");
            return AdminCommandLine.Succeeded;
        }, cancellationToken);
    }

    private static async Task CopyAsync(string from, string to, CancellationToken cancellationToken)
    {
        await using var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using var destination = new FileStream(to, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await source.CopyToAsync(destination, cancellationToken);
        await destination.FlushAsync(cancellationToken);
    }
}
