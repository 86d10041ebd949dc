using NewsTracker.Web.Cli;

namespace NewsTracker.IntegrationTests.Cli;

/// <summary>Runs an admin command against a test host with in-memory stdin, stdout and stderr.</summary>
public static class CommandLineRun
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(
        NewsTrackerFactory factory, string[] args, string stdin = "", CancellationToken cancellationToken = default)
    {
        using var input = new StringReader(stdin);
        await using var output = new StringWriter();
        await using var error = new StringWriter();
        var exit = await AdminCommandLine.RunAsync(args, factory.Services, input, output, error, cancellationToken);
        return (exit, output.ToString(), error.ToString());
    }
}
