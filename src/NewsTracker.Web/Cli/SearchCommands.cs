using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NewsTracker.Web.Data;
using NewsTracker.Web.Search;
using Spectre.Console;

namespace NewsTracker.Web.Cli;

/// <summary><c>search rebuild</c>: builds the search index again from the database, with Spectre's progress bar at a
/// terminal and a plain line every few seconds otherwise. The index is a derived copy, so this is always safe; the
/// server holds the index while it runs, so stop it first (a server also builds a missing index when it starts).</summary>
internal static class SearchCommands
{
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);

    public static Command Create(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var rebuild = new Command("rebuild", "Build the search index again from the articles in the database.");
        rebuild.SetAction((_, cancellationToken) => RebuildAsync(services, output, error, cancellationToken));
        return new Command("search", "The search index beside the database.") { rebuild };
    }

    private static async Task<int> RebuildAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var engine = scope.ServiceProvider.GetRequiredService<SearchEngine>();
        var clock = Stopwatch.StartNew();
        var done = 0;
        try
        {
            if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
                await console.Progress().AutoClear(true)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("Indexing articles", maxValue: 1);
                        await engine.RebuildAsync(db, new Progress(p =>
                        {
                            task.MaxValue = Math.Max(p.Total, 1);
                            task.Value = p.Done;
                            done = p.Done;
                        }), cancellationToken);
                    });
            }
            else
            {
                var last = TimeSpan.Zero;
                await engine.RebuildAsync(db, new Progress(p =>
                {
                    done = p.Done;
                    if (clock.Elapsed - last >= PlainEvery)
                    {
                        last = clock.Elapsed;
                        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Indexing articles: {p.Done:N0} of {p.Total:N0}"));
                    }
                }), cancellationToken);
            }
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return AdminCommandLine.SomeFailed;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Indexed {done:N0} articles in {clock.Elapsed.TotalSeconds:0.0} s at {SearchEngine.IndexPath(scope.ServiceProvider.GetRequiredService<IConfiguration>())}."));
        return AdminCommandLine.Succeeded;
    }

    /// <summary>Reports on the calling thread, at once: <see cref="Progress{T}"/> would post to the thread pool.</summary>
    private sealed class Progress(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }
}
