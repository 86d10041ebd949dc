using System.CommandLine;
using NewsTracker.Web.Data;

namespace NewsTracker.Web.Cli;

/// <summary><c>check</c>: runs <see cref="DatabaseIntegrity"/> on the configured database and prints one line per
/// check, so after a crash (or before a restore is trusted) a person sees what is sound and what was cut short.
/// Safe while the app is serving: it only reads, apart from FTS5's integrity-check, which writes nothing.</summary>
internal static class CheckDatabase
{
    public static Command Create(IServiceProvider services, TextWriter output)
    {
        var check = new Command("check", "Check the database after a crash or a restore; exits 1 when any check fails.");
        check.SetAction((_, cancellationToken) => RunAsync(services, output, cancellationToken));
        return check;
    }

    private static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var report = await DatabaseIntegrity.CheckAsync(scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>(), cancellationToken);
        foreach (var check in report.Checks)
        {
            await output.WriteLineAsync($"{(check.Passed ? "ok  " : "FAIL")}  {check.Name}: {check.Detail}");
        }

        await output.WriteLineAsync(report.Passed
            ? "All checks passed."
            : "Some checks failed; docs/crash-safety.md says what each one means and what to do.");
        return report.Passed ? AdminCommandLine.Succeeded : AdminCommandLine.SomeFailed;
    }
}
