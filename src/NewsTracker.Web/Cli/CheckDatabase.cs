using System.CommandLine;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;
using NewsTracker.Web.Stories;

namespace NewsTracker.Web.Cli;

/// <summary><c>check</c>: runs <see cref="DatabaseIntegrity"/> on the configured database (SQLite or PostgreSQL) and
/// prints one line per check, so after a crash (or before a restore is trusted) a person sees what is sound and what
/// was cut short. It also says whether the search index beside the database holds every stored version. Safe while
/// the app is serving: it only reads.</summary>
internal static class CheckDatabase
{
    public static Command Create(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var check = new Command("check", "Check the database after a crash or a restore; exits 1 when any check fails.");
        check.SetAction((_, cancellationToken) => RunAsync(services, output, error, cancellationToken));
        return check;
    }

    private static async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        if (db.Database.IsSqlite())
        {
            // The command takes the file as it is (it does not migrate first), so a missing file is said, not created.
            var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (!File.Exists(path))
            {
                await error.WriteLineAsync($"There is no database at {path}. Check Storage:DataDirectory (or ConnectionStrings:Default).");
                return AdminCommandLine.UsageError;
            }
        }
        else
        {
            // PostgreSQL enforces the foreign keys itself; its pages and indexes are pg_amcheck's to check.
            await output.WriteLineAsync(
                "note  PostgreSQL pages and indexes: not read here; check them with pg_amcheck --heapallindexed (as a superuser), "
                + "and restore from a pg_dump when it reports damage (docs/backup.md).");
        }

        var report = await DatabaseIntegrity.CheckAsync(db, cancellationToken);
        report = new IntegrityReport([.. report.Checks, await CountsAsync(db, cancellationToken), await SearchIndexAsync(scope.ServiceProvider, cancellationToken)]);
        foreach (var check in report.Checks)
        {
            await output.WriteLineAsync($"{(check.Passed ? "ok  " : "FAIL")}  {check.Name}: {check.Detail}");
        }

        await output.WriteLineAsync(report.Passed
            ? "All checks passed."
            : "Some checks failed; docs/crash-safety.md says what each one means and what to do.");
        return report.Passed ? AdminCommandLine.Succeeded : AdminCommandLine.SomeFailed;
    }

    /// <summary>The index is a derived copy, so being behind is said but is not damage: a running server catches up by
    /// itself, and <c>search rebuild</c> builds it again. Only an index that cannot be read fails.</summary>
    private static async Task<IntegrityCheck> SearchIndexAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        const string Name = "Search index";
        try
        {
            return await services.GetRequiredService<Search.ISearchIndex>().IsCurrentAsync(cancellationToken)
                ? new IntegrityCheck(Name, true, "holds every stored version")
                : new IntegrityCheck(Name, true, "behind the articles (or not built yet): a running server catches up by itself; search rebuild builds it now");
        }
        catch (Exception ex) when (ex is IOException or Lucene.Net.Index.CorruptIndexException)
        {
            return new IntegrityCheck(Name, false, $"cannot be read ({ex.Message}); run search rebuild");
        }
    }

    /// <summary>The counts the outlet, story and actor pages read (<see cref="ArchiveCounts"/>, <see cref="Tagging.ActorCounts"/>)
    /// against the articles and tags.</summary>
    private static async Task<IntegrityCheck> CountsAsync(NewsTrackerDbContext db, CancellationToken cancellationToken)
    {
        const string Name = "Outlet, month, story and actor counts match the articles and tags";
        try
        {
            var wrong = (await ArchiveCounts.VerifyAsync(db, cancellationToken)).Concat(await Tagging.ActorCounts.VerifyAsync(db, cancellationToken)).ToList();
            return wrong.Count == 0
                ? new IntegrityCheck(Name, true, "every stored count agrees")
                : new IntegrityCheck(Name, false, $"{string.Join("; ", wrong.Take(10))}{(wrong.Count > 10 ? $"; and {wrong.Count - 10} more" : string.Empty)}. Run recount to recompute them.");
        }
        catch (DbException ex)
        {
            // check does not migrate, so a database from before the counts existed has no columns to read.
            return new IntegrityCheck(Name, false, $"could not read them ({ex.Message}); start the app once to migrate the database, then check again.");
        }
    }
}
