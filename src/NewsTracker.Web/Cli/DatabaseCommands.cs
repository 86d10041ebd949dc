using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;

namespace NewsTracker.Web.Cli;

/// <summary>What <c>backup</c> and <c>restore</c> share: which database the app uses, the checks on a path given
/// on the command line, Ctrl+C, and tidying up a partial file.</summary>
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

    /// <summary>Ctrl+C or SIGTERM: stop the copy cleanly (the partial file is removed) instead of being killed.</summary>
    public static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }

    /// <summary>Removes a copy that was not renamed into place, and the journal a check may have left beside it.</summary>
    public static void DeletePartial(string partial)
    {
        File.Delete(partial);
        File.Delete(partial + "-journal");
    }
}
