using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;

namespace NewsTracker.Web.Cli;

/// <summary>
/// <c>backup --to FILE [--force]</c>: an online copy of the SQLite database, taken while the app keeps serving
/// and writing, checked before it is renamed into place, so FILE is either a verified copy or absent. On
/// PostgreSQL it prints the <c>pg_dump</c> command to use instead.
/// </summary>
public static class BackupDatabase
{
    public static Command Command(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var to = new Option<FileInfo>("--to") { Description = "Where to write the copy, e.g. /var/backups/newstracker-2026-11-26.db.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it already exists." };
        var backup = new Command("backup", "Copy the database while the app keeps running, check the copy and print what it holds.") { to, force };
        backup.SetAction(async (parse, cancellationToken) =>
            await RunAsync(services, parse.GetValue(to)!, parse.GetValue(force), output, error, cancellationToken));
        return backup;
    }

    private static async Task<int> RunAsync(IServiceProvider services, FileInfo to, bool force, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (isSqlite, connectionString) = await DatabaseCommands.ConnectionAsync(services);
        var target = to.FullName;
        if (!isSqlite)
        {
            await error.WriteAsync(DatabaseBackup.PostgresGuidance(connectionString, target));
            return AdminCommandLine.UsageError;
        }

        var source = DatabaseBackup.DatabasePath(connectionString);
        var refusal = DatabaseCommands.TargetProblem(target, source, force);
        if (refusal is not null)
        {
            await error.WriteLineAsync("error: " + refusal);
            return AdminCommandLine.UsageError;
        }

        var partial = DatabaseBackup.TemporaryPathBeside(target);
        return await DatabaseCommands.RunCopyAsync(partial, error, $"Backup stopped; {target} was not written.", $"The copy could not be written to {target}", async stop =>
        {
            var expected = await DatabaseBackup.ExpectedSizeAsync(connectionString, stop);
            var report = await DatabaseCommands.CopyAndCheckAsync("backup", partial, expected, () => DatabaseBackup.VacuumIntoAsync(connectionString, partial, stop),
                output, error, $"The copy of {source} failed its checks, so {target} was not written:", stop);
            if (!report.Passed)
            {
                return AdminCommandLine.SomeFailed;
            }

            File.Move(partial, target, overwrite: force);
            await output.WriteLineAsync($"Backed up {source} to {target}:");
            await report.WriteAsync(output);
            return AdminCommandLine.Succeeded;
        }, cancellationToken);
    }
}
