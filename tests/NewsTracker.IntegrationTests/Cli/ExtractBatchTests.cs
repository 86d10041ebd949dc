using System.Diagnostics;
using System.Text.Json;
using NewsTracker.Web.Cli;

namespace NewsTracker.IntegrationTests.Cli;

public sealed class ExtractBatchTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private static readonly string OpenGraphPage = Fixture("opengraph-only.html");
    private static readonly string JsonLdPage = Fixture("jsonld-graph.html");

    [Fact]
    public async Task Writes_one_json_object_per_line_and_an_error_object_for_a_missing_file()
    {
        var missing = Path.Combine(factory.DataDirectory, "no-such-page.html");
        var stdin = $"{OpenGraphPage}\thttps://gazette.example/news/flood-barrier?utm_source=feed\n{JsonLdPage}\n\n{missing}\n";

        var (exit, output, _) = await Run(["extract", "--batch"], stdin);

        Assert.Equal(AdminCommandLine.SomeFailed, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);

        Assert.Equal("Council approves new flood barrier after decade of delays", lines[0].GetProperty("title").GetString());
        Assert.Equal("Riverside Gazette", lines[0].GetProperty("siteName").GetString());
        Assert.Equal("https://gazette.example/news/flood-barrier", lines[0].GetProperty("canonicalUrl").GetString());
        Assert.Equal("Paragraph", lines[0].GetProperty("blocks")[0].GetProperty("kind").GetString());
        Assert.StartsWith("The city council voted on Thursday", lines[0].GetProperty("body").GetString(), StringComparison.Ordinal);

        Assert.Equal("Ukraine weighs NATO offer as talks resume", lines[1].GetProperty("title").GetString());
        Assert.Equal(JsonLdPage, lines[1].GetProperty("path").GetString());

        Assert.Equal(missing, lines[2].GetProperty("path").GetString());
        Assert.Equal($"No file at {missing}.", lines[2].GetProperty("error").GetString());
        Assert.False(lines[2].TryGetProperty("title", out _));
    }

    [Fact]
    public async Task Extract_without_batch_is_a_usage_error()
    {
        var (exit, output, error) = await Run(["extract"], string.Empty);

        Assert.Equal(AdminCommandLine.UsageError, exit);
        Assert.Empty(output);
        Assert.Contains("extract --batch", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_executable_keeps_stdout_pure_json()
    {
        var web = Path.Combine(AppContext.BaseDirectory, "NewsTracker.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { web, "extract", "--batch" },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Storage__DataDirectory"] = Path.Combine(factory.DataDirectory, "process") },
        };

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync($"{OpenGraphPage}\n{Path.Combine(factory.DataDirectory, "absent.html")}");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == AdminCommandLine.SomeFailed, $"exit {process.ExitCode}; stderr: {await stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Html", name);

    private Task<(int Exit, string Output, string Error)> Run(string[] args, string stdin) =>
        CommandLineRun.RunAsync(factory, args, stdin);
}
