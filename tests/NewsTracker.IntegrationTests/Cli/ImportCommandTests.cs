using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.IntegrationTests.Ingestion;
using NewsTracker.Web.Cli;
using NewsTracker.Web.Data;

namespace NewsTracker.IntegrationTests.Cli;

public sealed partial class ImportCommandTests(HostileSiteFactory factory) : IClassFixture<HostileSiteFactory>
{
    [Fact]
    public async Task Imports_a_mixed_file_and_reports_counts_and_each_failure_by_line()
    {
        var fixtureHtml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Html", "opengraph-only.html"));
        var harbour = Json(new { text = "Lighthouse keeper retires after forty years\n\nThe last keeper of the north light handed over the keys on Friday.", outlet = "Island Post", published = "2026-11-20T10:00:00Z", language = "en" });
        var path = await WriteLinesAsync(
            harbour,
            Json(new { html = fixtureHtml, url = "https://gazette.example/news/flood-barrier" }),
            harbour,
            string.Empty,
            "{\"text\": \"Broken",
            Json(new { title = "Only a title", outlet = "Nowhere Weekly" }),
            Json(new { url = factory.Site.Url("/article") }),
            Json(new { url = factory.Site.Url("/missing") }),
            Json(new { url = "https://wire.example/story-1", text = "Wire report on grain prices\n\nWheat rose two per cent on Monday." }),
            Json(new { url = "https://wire.example/story-1", text = "Wire report on grain prices\n\nWheat rose three per cent on Monday, revised." }));

        var (exit, output, _) = await Run(["import", path]);

        Assert.Equal(AdminCommandLine.SomeFailed, exit);
        Assert.Contains("added: 4, new versions: 1, duplicates: 1, failed: 3", output, StringComparison.Ordinal);
        var failures = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("line ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, failures.Count);
        Assert.StartsWith("line 5: The line is not valid JSON", failures[0], StringComparison.Ordinal);
        Assert.Equal("line 6: Give the article's text, its HTML, or its address.", failures[1]);
        Assert.Equal("line 8: 127.0.0.1 answered 404 Not Found. The page does not exist (any more); check the address.", failures[2]);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var imported = await db.ArticleVersions.Where(v => v.Origin == ImportArticles.Origin).Select(v => v.Title).ToListAsync();
        Assert.Equal(
            ["Council approves new flood barrier after decade of delays", HostileSite.ArticleTitle, "Lighthouse keeper retires after forty years", "Wire report on grain prices", "Wire report on grain prices"],
            imported.Order(StringComparer.Ordinal));
        Assert.False(await db.Outlets.AnyAsync(o => o.Name == "Nowhere Weekly"));
        Assert.False(await db.Articles.AnyAsync(a => a.Title == "Only a title"));
        Assert.Equal("Island Herald", await db.Articles.Where(a => a.Title == HostileSite.ArticleTitle).Select(a => a.Outlet!.Name).SingleAsync());
        Assert.Equal(
            new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc),
            await db.Articles.Where(a => a.Title == "Lighthouse keeper retires after forty years").Select(a => a.PublishedUtc).SingleAsync());
    }

    [Fact]
    public async Task Writes_plain_progress_lines_to_stderr_when_it_is_not_a_terminal()
    {
        var path = await WriteLinesAsync(Enumerable.Range(1, 5)
            .Select(i => Json(new { text = $"Progress report number {i}\n\nParagraph {i} about the allotment society's annual show." }))
            .ToArray());

        var (exit, output, error) = await Run(["import", path, "--parallel", "1", "--batch", "2", "--progress-every", "2"]);

        Assert.Equal(AdminCommandLine.Succeeded, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["2/5", "4/5", "5/5"], lines.Select(l => ProgressLine().Match(l) is { Success: true } m ? m.Groups["count"].Value : l));
        Assert.Equal("added: 5, new versions: 0, duplicates: 0, failed: 0", output.Trim());
    }

    [Fact]
    public async Task A_cancelled_import_takes_no_more_lines_and_still_prints_the_summary()
    {
        var path = await WriteLinesAsync(Json(new { text = "Never imported headline\n\nThis line is not read because the import was stopped." }));
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();

        var (exit, output, _) = await Run(["import", path], stopped.Token);

        Assert.Equal(AdminCommandLine.Interrupted, exit);
        Assert.Contains("Stopped after 0 of 1 lines", output, StringComparison.Ordinal);
        Assert.Contains("added: 0, new versions: 0, duplicates: 0, failed: 0", output, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Articles.AnyAsync(a => a.Title == "Never imported headline"));
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error()
    {
        var (exit, output, error) = await Run(["import", Path.Combine(factory.DataDirectory, "absent.jsonl")]);

        Assert.Equal(AdminCommandLine.UsageError, exit);
        Assert.Empty(output);
        Assert.Contains("No file at", error, StringComparison.Ordinal);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private async Task<string> WriteLinesAsync(params string[] lines)
    {
        var path = Path.Combine(factory.DataDirectory, $"import-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }

    private Task<(int Exit, string Output, string Error)> Run(string[] args, CancellationToken cancellationToken = default) =>
        CommandLineRun.RunAsync(factory, args, cancellationToken: cancellationToken);

    [GeneratedRegex(@"^import: (?<count>\d+/\d+) lines, \d+\.\d articles/s, ETA (\d+m \d\ds|\d+h \d\dm|unknown)$")]
    private static partial Regex ProgressLine();
}
