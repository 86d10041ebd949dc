using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace NewsTracker.Web.Cli;

/// <summary>
/// Shows how far a file copy (<c>backup</c>, <c>restore</c>) has got by watching the size of the file being
/// written: Spectre's bar at a terminal, otherwise a plain line every <see cref="PlainEvery"/> and one at the
/// end with the time taken, on stderr like <c>import</c>'s progress.
/// </summary>
public static class CopyProgress
{
    public static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan TerminalEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs <paramref name="work"/>, which writes <paramref name="path"/>, to about <paramref name="expectedBytes"/>.
    /// It runs on the thread pool: SQLite's "async" calls run synchronously and would otherwise hold up the watching.</summary>
    public static async Task RunAsync(TextWriter error, string label, string path, long expectedBytes, Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
            await console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(label, maxValue: Math.Max(expectedBytes, 1));
                    await WatchAsync(Task.Run(work), TerminalEvery, () => task.Value = Math.Min(Written(path), task.MaxValue));
                });
        }
        else
        {
            await WatchAsync(Task.Run(work), PlainEvery, () => error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: {Mebibytes(Written(path))} of about {Mebibytes(expectedBytes)} MiB, {Duration(clock.Elapsed)} elapsed")));
        }

        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{label}: {Mebibytes(Written(path))} MiB written in {Duration(clock.Elapsed)}"));
    }

    private static async Task WatchAsync(Task work, TimeSpan every, Action report)
    {
        while (await Task.WhenAny(work, Task.Delay(every)) != work)
        {
            report();
        }

        await work;
    }

    private static long Written(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }

    private static string Mebibytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) => span.TotalMinutes switch
    {
        >= 60 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:00}m {span.Seconds:00}s"),
        >= 1 => string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds:00}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.00}s"),
    };
}
