using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace NewsTracker.IntegrationTests.Crash;

/// <summary>
/// The real app as a child process: the NewsTracker.Web.dll the build copied next to the tests (with its
/// runtimeconfig and deps files), run by the same dotnet host on a data directory of its own. Unlike the test host,
/// it can be killed the way a crash kills it: <see cref="Kill"/> sends SIGKILL on Linux and macOS, so no finally
/// block, disposal or shutdown hook runs.
/// </summary>
internal sealed class AppProcess : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5); // a safety net for a hung process, generous for a machine under heavy load

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Channel<string> _errorLines = Channel.CreateUnbounded<string>();

    private AppProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the app on <paramref name="dataDirectory"/> with <paramref name="arguments"/> (an admin
    /// command, or <c>--urls</c> to serve), writes <paramref name="stdin"/> and closes it.</summary>
    public static AppProcess Start(string dataDirectory, IEnumerable<string> arguments, string stdin = "")
    {
        var app = Path.Combine(AppContext.BaseDirectory, "NewsTracker.Web.dll");
        if (!File.Exists(Path.ChangeExtension(app, ".runtimeconfig.json")))
        {
            throw new InvalidOperationException($"The web app's runtimeconfig is not next to {app}; build the integration tests, which copy it from the web project.");
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            // The content root is the working directory: there the app finds its appsettings.json.
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Storage__DataDirectory"] = dataDirectory;
        start.Environment["Seeding__Enabled"] = "false";
        start.Environment["Logging__Console"] = "false";
        // Clients hammer the API until the kill; the API rate limits are not what these tests measure.
        start.Environment["RateLimiting__ApiPermitsPerMinutePerToken"] = "0";
        start.Environment["RateLimiting__ApiPermitsPerMinutePerAddress"] = "0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new AppProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (child._output)
                {
                    child._output.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                child._errorLines.Writer.TryComplete();
                return;
            }

            lock (child._error)
            {
                child._error.AppendLine(e.Data);
            }

            child._errorLines.Writer.TryWrite(e.Data);
        };

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        return child;
    }

    /// <summary>Runs an admin command to the end: its exit code, stdout and stderr.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(string dataDirectory, IEnumerable<string> arguments, string stdin = "")
    {
        using var app = Start(dataDirectory, arguments, stdin);
        return await app.WaitAsync();
    }

    /// <summary>The next line the app writes to stderr, or null once it has exited.</summary>
    public async Task<string?> NextErrorLineAsync(CancellationToken cancellationToken) =>
        await _errorLines.Reader.WaitToReadAsync(cancellationToken) && _errorLines.Reader.TryRead(out var line) ? line : null;

    /// <summary>Waits for the app to exit by itself; kills it and fails if it takes longer than a command should.</summary>
    public async Task<(int Exit, string Output, string Error)> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"The app ({string.Join(' ', _process.StartInfo.ArgumentList.Skip(1))}) did not finish within {CommandTimeout.TotalSeconds} s. Stderr:\n{Error}");
        }

        // The parameterless wait also waits for the redirected streams to be read to their end.
        _process.WaitForExit();
        return (_process.ExitCode, Output, Error);
    }

    /// <summary>SIGKILL, then waits until the process is gone, so its file locks are released.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        _process.WaitForExit();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    /// <summary>The dotnet host running these tests (the SDK names it in DOTNET_HOST_PATH), else the one on the PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        return Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
    }
}
