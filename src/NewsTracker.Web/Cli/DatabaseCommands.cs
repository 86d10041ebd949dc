using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;

namespace NewsTracker.Web.Cli;

/// <summary>What <c>backup</c> and <c>restore</c> share: which database the app uses, the checks on a path given
/// on the command line, and writing a checked copy under a temporary name.</summary>
internal static class DatabaseCommands
{
    /// <summary>Whether the app's database is SQLite, and its connection string (from the same registration the app uses).</summary>
    public static async Task<(bool IsSqlite, string ConnectionString)> ConnectionAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        return (db.Database.IsSqlite(), db.Database.GetConnectionString() ?? string.Empty);
    }

    /// <summary>Why a copy may not be written to <paramref name="target"/>, or null when it may.</summary>
    public static string? TargetProblem(string target, string liveDatabase, bool force)
    {
        var folder = Path.GetDirectoryName(target);
        if (folder is null || !Directory.Exists(folder))
        {
            return $"The folder {folder ?? target} does not exist. Create it first, or give a path in a folder that exists.";
        }

        if (Directory.Exists(target))
        {
            return $"{target} is a folder. Give a file name in it, e.g. {Path.Combine(target, "newstracker-backup.db")}.";
        }

        if (string.Equals(target, liveDatabase, StringComparison.Ordinal))
        {
            return $"{target} is the app's own database. Give another path for the copy.";
        }

        return File.Exists(target) && !force
            ? $"{target} already exists. Add --force to replace it, or choose another name."
            : null;
    }

    /// <summary>
    /// Runs <paramref name="work"/>, which writes a copy to <paramref name="partial"/>: Ctrl+C and SIGTERM stop it
    /// cleanly (exit 130) instead of killing the process, a failed write becomes one message (exit 1), and the
    /// partial file never outlives the run.
    /// </summary>
    public static async Task<int> RunCopyAsync(string partial, TextWriter error, string whenStopped, string whenFailed,
        Func<CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            return await work(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await error.WriteLineAsync(whenStopped);
            return AdminCommandLine.Interrupted;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: {whenFailed}: {e.Message}");
            return AdminCommandLine.SomeFailed;
        }
        finally
        {
            File.Delete(partial);
            File.Delete(partial + "-journal");
        }
    }

    /// <summary>Writes the copy with progress on stderr, then checks it; prints what failed when it did.</summary>
    public static async Task<CopyReport> CopyAndCheckAsync(string label, string partial, long expectedBytes, Func<Task> copy,
        TextWriter output, TextWriter error, string whenFailed, CancellationToken cancellationToken)
    {
        await CopyProgress.RunAsync(error, label, partial, expectedBytes, copy);
        await error.WriteLineAsync($"{label}: checking the copy (the check command's checks)");
        var report = await DatabaseBackup.VerifyAsync(partial, cancellationToken);
        if (!report.Passed)
        {
            await output.WriteLineAsync(whenFailed);
            await report.WriteAsync(output);
        }

        return report;
    }
}
