using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NewsTracker.IntegrationTests.Soak;
using NewsTracker.Web.Cli;
using NewsTracker.Web.Domain;
using Xunit.Abstractions;

namespace NewsTracker.IntegrationTests.Application;

/// <summary>
/// Issue 14's spurious conflicts, on PostgreSQL: two instances on one database, eight writers creating unrelated
/// articles through the API (four on each instance) while the bulk import runs with two workers, for
/// <see cref="Duration"/>. Nothing any of them does conflicts with another, so no answer may be a 409 (nor any other
/// failure) and no import line may fail. It measures no time; the duration only sets how much contention there is.
/// </summary>
[Collection(PostgresContentionCollection.Name)]
public sealed class PostgresContentionTests(ITestOutputHelper output)
{
    /// <summary>How long the writers and the import run, as the issue asks.</summary>
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);

    private const int Writers = 8;

    private const int ImportLinesPerRound = 100;

    private const int ImportParallelism = 2;

    [PostgresOnlyFact]
    public async Task Two_instances_with_eight_writers_and_an_import_answer_no_spurious_conflict_and_fail_no_import_line()
    {
        using var database = TestDatabase.CreatePostgres();
        await using var first = new InstanceFactory { SharedDatabase = database };
        await using var second = new InstanceFactory { SharedDatabase = database };
        await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));

        var clients = new List<HttpClient>();
        for (var i = 0; i < Writers; i++)
        {
            var instance = i % 2 == 0 ? first : second;
            var email = await first.CreateUserAsync(Roles.Journalist);
            var client = instance.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await first.CreateTokenAsync(email));
            clients.Add(client);
        }

        var answers = new ConcurrentBag<(int Writer, HttpStatusCode Status, string Body)>();
        var importFailures = new ConcurrentBag<string>();
        var imported = 0;
        using var stop = new CancellationTokenSource(Duration);
        var work = clients.Select((client, writer) => Task.Run(() => WriteAsync(client, writer, answers, stop.Token))).ToList();
        work.Add(Task.Run(async () =>
        {
            var importer = new ImportArticles(first.Services);
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var path = Path.Combine(first.DataDirectory, string.Create(CultureInfo.InvariantCulture, $"contention-{round}.jsonl"));
                await File.WriteAllLinesAsync(path, Enumerable.Range(round * ImportLinesPerRound, ImportLinesPerRound).Select(n => JsonSerializer.Serialize(new
                {
                    text = string.Create(CultureInfo.InvariantCulture, $"Imported contention report {n}\n\n") + SoakText.Paragraph(2_000_000 + n, 8),
                    outlet = "Contention Wire",
                })));
                var summary = await importer.RunAsync(path, ImportParallelism, ImportArticles.BatchSize, new NoProgress(), stop.Token, CancellationToken.None);
                Interlocked.Add(ref imported, summary.Added);
                foreach (var failure in summary.Failures)
                {
                    importFailures.Add(string.Create(CultureInfo.InvariantCulture, $"line {failure.Line}: {failure.Error}"));
                }
            }
        }));
        await Task.WhenAll(work);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{answers.Count} API creates ({answers.Count(a => a.Status == HttpStatusCode.Conflict)} answered 409), {imported} articles imported, {importFailures.Count} import lines failed, in {Duration}."));
        var failed = answers.Where(a => a.Status != HttpStatusCode.Created).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count(a => a.Status == HttpStatusCode.Conflict)} of {answers.Count} creates got 409, "
            + $"{failed.Count(a => a.Status != HttpStatusCode.Conflict)} another failure; first: "
            + string.Join(" | ", failed.Take(3).Select(a => $"{(int)a.Status} {a.Body}")));
        Assert.True(importFailures.IsEmpty, $"{importFailures.Count} import lines failed; first: {string.Join(" | ", importFailures.Take(3))}");
        Assert.True(answers.Count >= Writers, "The writers created almost nothing, so the run showed nothing.");
        Assert.True(imported > 0, "The import stored nothing while the writers ran.");
    }

    /// <summary>One writer: new, unrelated articles one after another until the time is up, every answer kept.</summary>
    private static async Task WriteAsync(HttpClient client, int writer, ConcurrentBag<(int, HttpStatusCode, string)> answers, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var seed = 3_000_000 + (writer * 100_000) + n;
            using var response = await client.PostAsJsonAsync("/api/v1/articles", new
            {
                text = string.Create(CultureInfo.InvariantCulture, $"Writer {writer} report {n}\n\n") + SoakText.Paragraph(seed, 8),
                outlet = "Contention Wire",
            }, CancellationToken.None);
            answers.Add((writer, response.StatusCode, response.StatusCode == HttpStatusCode.Created ? string.Empty : await response.Content.ReadAsStringAsync(CancellationToken.None)));
        }
    }

    /// <summary>One instance on the shared database, with the API's rate limits out of the way (eight writers share
    /// one test address), the feed poller off, and no seeding (both would seed the one database at once).</summary>
    private sealed class InstanceFactory : NewsTrackerFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["RateLimiting:ApiPermitsPerMinutePerAddress"] = "0",
            ["RateLimiting:ApiPermitsPerMinutePerToken"] = "0",
            ["Feeds:PollingEnabled"] = "false",
            ["Seeding:Enabled"] = "false",
        };
    }

    private sealed class NoProgress : IImportProgress
    {
        public Task RunAsync(int total, Func<Action<int>, Task> work) => work(_ => { });
    }
}

/// <summary>The contention test's own collection: it runs beside the other classes, not after them.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresContentionCollection
{
    public const string Name = "PostgreSQL contention";
}
