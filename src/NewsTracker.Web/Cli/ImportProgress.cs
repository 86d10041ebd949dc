using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NewsTracker.Web.Cli;

/// <summary>Shows how far a long command has got while <c>work</c> runs; <c>work</c> reports each item
/// finished with the running count (from any thread).</summary>
public interface IImportProgress
{
    Task RunAsync(int total, Func<Action<int>, Task> work);
}

/// <summary>Picks the animated bar for a person at a terminal, plain lines for logs and pipes.</summary>
public static class ImportProgress
{
    public static IImportProgress For(TextWriter error, int plainEvery) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected
            ? new TerminalProgress(error)
            : new PlainProgress(error, plainEvery);

    /// <summary>"1200/10000 lines, 84.1 articles/s, ETA 1m 45s": the same figures the bar shows.</summary>
    public static string Describe(int done, int total, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        var eta = rate > 0 ? FormatDuration(TimeSpan.FromSeconds((total - done) / rate)) : "unknown";
        return string.Create(CultureInfo.InvariantCulture, $"{done}/{total} lines, {rate:0.0} articles/s, ETA {eta}");
    }

    private static string FormatDuration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:00}m")
        : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds:00}s");
}

/// <summary>A line every <c>every</c> items and one at the end, for stderr that is not a terminal (CI, pipes).</summary>
public sealed class PlainProgress(TextWriter error, int every) : IImportProgress
{
    private readonly Lock _gate = new();

    public async Task RunAsync(int total, Func<Action<int>, Task> work)
    {
        var clock = Stopwatch.StartNew();
        var lastWritten = 0;
        await work(done =>
        {
            // Items finish out of order on several threads; the lock keeps lines whole and counts rising.
            lock (_gate)
            {
                if (done > lastWritten && (done % every == 0 || done == total))
                {
                    lastWritten = done;
                    error.WriteLine("import: " + ImportProgress.Describe(done, total, clock.Elapsed));
                }
            }
        });
    }
}

/// <summary>Spectre.Console's animated bar on stderr, so stdout keeps only the summary.</summary>
public sealed class TerminalProgress(TextWriter error) : IImportProgress
{
    public async Task RunAsync(int total, Func<Action<int>, Task> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new CountAndRateColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Importing", maxValue: Math.Max(total, 1));
                await work(done => task.Value = Math.Max(task.Value, done));
                task.Value = task.MaxValue;
            });
    }

    /// <summary>Done/total and the average rate since the start.</summary>
    private sealed class CountAndRateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var seconds = task.ElapsedTime?.TotalSeconds ?? 0;
            var rate = seconds > 0 ? task.Value / seconds : 0;
            return new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:0}/{task.MaxValue:0} {rate:0.0}/s"));
        }
    }
}
