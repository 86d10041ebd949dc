using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Cli;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Feeds;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Tagging;
using Xunit.Abstractions;

namespace NewsTracker.IntegrationTests.Soak;

/// <summary>
/// Issue 8's concurrency soak on one SQLite file: eight editors tagging and editing through real HTTP, the bulk
/// import and the feed poller, all at once for <c>NEWSTRACKER_SOAK_SECONDS</c> (45 by default). No answer or log
/// line may carry SQLite's busy error, no answer may be a 5xx, a stale edit must be a 409 and never overwrite,
/// every acknowledged write must be in the database. The managed heap is sampled and reported with the other figures
/// (a measurement, so it belongs in docs/benchmarks.md, not in an assertion that depends on the machine). The figures
/// go to the test output, and also to the markdown file named by <c>NEWSTRACKER_SOAK_REPORT</c> when it is set.
/// </summary>
[Trait("Category", "Soak")]
[Collection(SoakCollection.Name)]
public sealed class ConcurrencySoakTests(ITestOutputHelper output)
{
    private const int Editors = 8;
    private const int ImportLinesPerRound = 100;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(1);

    private static TimeSpan Duration => TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("NEWSTRACKER_SOAK_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : 45);

    [SqliteFact]
    public async Task Editors_the_import_and_the_poller_together_never_see_a_locked_database_or_lose_an_update()
    {
        var factory = new SoakFactory { DeleteDataOnDispose = false };
        await factory.InitializeAsync();
        var tally = new SoakTally();
        try
        {
            var (board, editors, desk) = await PrepareAsync(factory, tally);
            var feeds = new List<int>();
            foreach (var feed in Enumerable.Range(0, SoakFeedSite.Feeds))
            {
                feeds.Add((await factory.SendAsync(new SubscribeFeed.Command { Url = factory.Site.FeedUrl(feed) })).FeedId!.Value);
            }

            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource(Duration);
            var samples = new List<MemorySample>();
            var imported = new ImportFigures();
            var work = editors.Select(e => Task.Run(() => e.RunAsync(stop.Token))).ToList();
            work.Add(Task.Run(() => ImportLoopAsync(factory, imported, stop.Token)));
            work.Add(Task.Run(() => RefreshFeedsAsync(desk, feeds, tally, stop.Token)));
            await SampleMemoryAsync(samples, clock, stop.Token);
            await Task.WhenAll(work);
            samples.Add(MemorySample.Take(clock.Elapsed));

            var stored = await StoredAsync(factory, board);
            var elapsed = clock.Elapsed;
            var databaseBytes = Directory.GetFiles(factory.DataDirectory, DatabaseRegistration.DatabaseFileName + "*").Sum(f => new FileInfo(f).Length);
            await factory.DisposeAsync();
            var log = ReadLogs(factory.DataDirectory);
            var report = Report(elapsed, tally, board, stored, imported, samples, log, factory.Site, databaseBytes);
            output.WriteLine(report);
            if (Environment.GetEnvironmentVariable("NEWSTRACKER_SOAK_REPORT") is { Length: > 0 } path)
            {
                await File.WriteAllTextAsync(path, report);
            }

            Assert.Empty(tally.LockedBodies);
            Assert.Empty(log.Busy);
            Assert.Empty(tally.ServerErrors);
            Assert.Empty(log.Errors);
            AssertNoLostUpdates(board, stored);
            AssertEveryAcknowledgedTagStored(board, stored, tally);
            AssertOnlyExpectedAnswers(tally);
            Assert.Empty(imported.Failures);
            Assert.True(imported.Added > 0, "The import stored nothing during the soak.");
            Assert.True(stored.FeedItemsAdded > 0, "The poller ingested no feed items during the soak.");
        }
        finally
        {
            await factory.DisposeAsync();
            await ((IAsyncLifetime)factory).DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TryDelete(factory.DataDirectory);
        }
    }

    /// <summary>The contested rows, eight signed-in editors each with a browser and an API token, and the API client
    /// of the news desk that presses "refresh now".</summary>
    private static async Task<(SoakBoard Board, List<SoakEditor> Editors, HttpClient Desk)> PrepareAsync(SoakFactory factory, SoakTally tally)
    {
        var owner = await factory.CreateEditorAsync(Roles.Editor);
        var actors = new List<int>();
        foreach (var name in new[] { "Contested Person One", "Contested Person Two" })
        {
            actors.Add((await factory.SendAsAsync(owner, new NewsTracker.Web.Pages.Actors.IndexModel.Create(new Actors.NewActor(name, ActorKind.Person, SoakBoard.ActorCounter(0))))).Id);
        }

        var claim = await factory.SendAsAsync(owner, new Claims.Create(new Claims.NewClaim(SoakBoard.ClaimCounter(0))));
        var board = new SoakBoard(factory, actors, claim.Id);
        var editors = new List<SoakEditor>();
        for (var i = 0; i < Editors; i++)
        {
            var editor = await factory.CreateEditorAsync(Roles.Editor);
            var browser = factory.CreateDefaultClient(new Uri("https://localhost"), new SoakTally.Handler(tally), new CookieContainerHandler());
            var signIn = await Forms.SubmitAsync(browser, "/account/login", new() { ["Data.Email"] = editor.UserName!, ["Data.Password"] = NewsTrackerFactory.Password });
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            var api = factory.CreateDefaultClient(new Uri("http://localhost"), new SoakTally.Handler(tally));
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await factory.CreateTokenAsync(editor.UserName!));
            editors.Add(new SoakEditor(i, browser, api, board, tally));
        }

        var desk = factory.CreateDefaultClient(new Uri("http://localhost"), new SoakTally.Handler(tally));
        desk.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await factory.CreateTokenAsync(owner.UserName!));
        return (board, editors, desk);
    }

    /// <summary>The news desk asks for each feed to be checked now, one feed a second: feed intervals are whole
    /// minutes, so without it the poller would write only once a minute per feed.</summary>
    private static async Task RefreshFeedsAsync(HttpClient desk, List<int> feeds, SoakTally tally, CancellationToken stop)
    {
        try
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using (var response = await desk.PostAsync($"/api/v1/feeds/{feeds[i % feeds.Count]}/refresh", null, CancellationToken.None))
                {
                    await tally.RecordAsync("feed-refresh", response);
                }

                await Task.Delay(RefreshEvery, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The soak is over.
        }
    }

    /// <summary>The bulk import, round after round of generated JSONL files through the CLI's import path.</summary>
    private static async Task ImportLoopAsync(SoakFactory factory, ImportFigures figures, CancellationToken stop)
    {
        var importer = new ImportArticles(factory.Services);
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            var path = Path.Combine(factory.DataDirectory, string.Create(CultureInfo.InvariantCulture, $"soak-import-{round}.jsonl"));
            var lines = Enumerable.Range(round * ImportLinesPerRound, ImportLinesPerRound).Select(n => JsonSerializer.Serialize(new
            {
                text = string.Create(CultureInfo.InvariantCulture, $"Imported soak report {n}\n\n") + SoakText.Paragraph(1_000_000 + n, 12),
                outlet = "Soak Import Wire",
                published = DateTime.UtcNow.AddMinutes(-n).ToString("O", CultureInfo.InvariantCulture),
            }));
            await File.WriteAllLinesAsync(path, lines, CancellationToken.None);
            var summary = await importer.RunAsync(path, ImportArticles.DefaultParallelism, ImportArticles.BatchSize, new QuietProgress(), stop, CancellationToken.None);
            figures.Rounds++;
            figures.Added += summary.Added;
            figures.Failures.AddRange(summary.Failures.Select(f => f.Error ?? string.Empty));
            File.Delete(path);
        }
    }

    /// <summary>Heap after a full collection and working set every few seconds until the soak ends.</summary>
    private static async Task SampleMemoryAsync(List<MemorySample> samples, Stopwatch clock, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                samples.Add(MemorySample.Take(clock.Elapsed));
                await Task.Delay(SampleEvery, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The soak is over.
        }
    }

    private static async Task<Stored> StoredAsync(SoakFactory factory, SoakBoard board) => await factory.WithDbAsync(async db =>
    {
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in board.ContestedActors)
        {
            counters[SoakBoard.ActorRow(id)] = SoakBoard.ReadCounter(await db.Actors.Where(a => a.Id == id).Select(a => a.Description).SingleAsync());
        }

        counters[SoakBoard.ClaimRow(board.ContestedClaim)] = SoakBoard.ReadCounter(await db.Claims.Where(c => c.Id == board.ContestedClaim).Select(c => c.Statement).SingleAsync());
        var tags = await db.Annotations.GroupBy(a => new { a.ArticleId, a.Start }).Select(g => new { g.Key.ArticleId, g.Key.Start, Count = g.Count() }).ToListAsync();
        var actorsPerName = await db.Actors.Where(a => SoakBoard.Names.Contains(a.Name)).GroupBy(a => a.Name).Select(g => g.Count()).ToListAsync();
        return new Stored(
            counters,
            tags.Sum(t => t.Count),
            tags.Count(t => t.Count > 1),
            actorsPerName,
            await db.ArticleVersions.CountAsync(v => v.Origin == ImportArticles.Origin),
            await db.FeedItems.CountAsync(i => i.Outcome == FeedItemOutcome.Added),
            await db.FeedItems.CountAsync(i => i.Outcome == FeedItemOutcome.Failed),
            await db.Feeds.SumAsync(f => f.ErrorCount));
    });

    /// <summary>Each acknowledged edit read the counter its stamp belonged to, so the counters written are 1…n with no
    /// repeats (a repeat is two writes from the same read: a lost update) and the stored value is the last, n.</summary>
    private static void AssertNoLostUpdates(SoakBoard board, Stored stored)
    {
        foreach (var (row, value) in stored.Counters)
        {
            var written = board.Edits.Where(e => e.Row == row).Select(e => e.Counter).Order().ToList();
            var twice = written.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(written.Count > 0, $"No edit of {row} succeeded.");
            Assert.True(twice.Count == 0, $"Lost updates on {row}: counters {string.Join(", ", twice.Take(10))} were each written by more than one acknowledged edit.");
            Assert.Equal(Enumerable.Range(1, written.Count), written);
            Assert.Equal(written[^1], value);
        }
    }

    private static void AssertEveryAcknowledgedTagStored(SoakBoard board, Stored stored, SoakTally tally)
    {
        Assert.Equal(board.Tags.Count, stored.Annotations);
        Assert.Equal(0, stored.SpansTaggedTwice);
        Assert.Equal(board.Tags.Count, board.Tags.Distinct().Count());
        Assert.Equal(tally.Count("annotation-create", HttpStatusCode.Created) + tally.Count("annotation-race", HttpStatusCode.Created), board.Tags.Count);
        Assert.All(stored.ActorsPerName, count => Assert.Equal(1, count));
    }

    /// <summary>A write succeeds or meets a conflict: a 409 for a stale stamp, a 400 for a span another editor tagged first.</summary>
    private static void AssertOnlyExpectedAnswers(SoakTally tally)
    {
        var expected = new Dictionary<string, HttpStatusCode[]>(StringComparer.Ordinal)
        {
            ["actor-edit-read"] = [HttpStatusCode.OK],
            ["claim-edit-read"] = [HttpStatusCode.OK],
            ["actor-edit"] = [HttpStatusCode.Redirect, HttpStatusCode.Conflict],
            ["claim-edit"] = [HttpStatusCode.Redirect, HttpStatusCode.Conflict],
            ["article-create"] = [HttpStatusCode.Created],
            ["annotation-create"] = [HttpStatusCode.Created],
            ["annotation-race"] = [HttpStatusCode.Created, HttpStatusCode.BadRequest],
            ["feed-refresh"] = [HttpStatusCode.Accepted],
        };
        foreach (var (operation, statuses) in expected)
        {
            Assert.Equal(tally.Count(operation), statuses.Sum(s => tally.Count(operation, s)));
        }

        Assert.True(tally.CountStatus(HttpStatusCode.Conflict) > 0, "No edit met a stale stamp, so the soak did not test conflicts.");
    }

    private static LogFindings ReadLogs(string dataDirectory)
    {
        var busy = new List<string>();
        var errors = new List<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(dataDirectory, "logs")))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var afterError = false;
            while (reader.ReadLine() is { } line)
            {
                if (SoakTally.MentionsBusyDatabase(line))
                {
                    busy.Add(line);
                }

                if (line.Contains(" [ERR] ", StringComparison.Ordinal) || line.Contains(" [FTL] ", StringComparison.Ordinal))
                {
                    errors.Add(line);
                    afterError = true;
                }
                else if (afterError && errors.Count > 0)
                {
                    // The exception's first line says what went wrong, which the message line alone does not.
                    errors[^1] += " | " + line.Trim();
                    afterError = false;
                }
            }
        }

        return new LogFindings(busy, errors);
    }

    private static string Report(TimeSpan elapsed, SoakTally tally, SoakBoard board, Stored stored, ImportFigures imported, List<MemorySample> samples, LogFindings log, SoakFeedSite site, long databaseBytes)
    {
        var text = new StringBuilder();
        var seconds = elapsed.TotalSeconds;
        text.AppendLine(CultureInfo.InvariantCulture, $"Soak on SQLite: {Editors} editors, bulk import and feed poller for {seconds:0} s.");
        text.AppendLine();
        text.AppendLine("| Operation | Answers | Per second |");
        text.AppendLine("|---|---|---|");
        foreach (var line in tally.Lines())
        {
            var operation = line[..line.IndexOf(':', StringComparison.Ordinal)];
            text.AppendLine(CultureInfo.InvariantCulture, $"| {operation} | {line[(operation.Length + 2)..]} | {tally.Count(operation) / seconds:0.0} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| bulk import (CLI path, {ImportArticles.DefaultParallelism} batches of {ImportArticles.BatchSize} in flight) | {imported.Added} articles added in {imported.Rounds} rounds, {imported.Failures.Count} failed lines | {imported.Added / seconds:0.0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| feed poller ({SoakFeedSite.Feeds} changing feeds) | {stored.FeedItemsAdded} items ingested, {stored.FeedItemsFailed} failed, {site.FeedRequests} feed and {site.PageRequests} page fetches, feed error count {stored.FeedErrors} | {stored.FeedItemsAdded / seconds:0.0} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- HTTP answers: {tally.Total}; 409 conflicts: {tally.CountStatus(HttpStatusCode.Conflict)}; 5xx: {tally.ServerErrors.Count}; bodies naming \"database is locked\": {tally.LockedBodies.Count}.");
        text.AppendLine("- Waits (whole request, as the person saw it):");
        foreach (var line in tally.Waits())
        {
            text.AppendLine("  - " + line);
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"- Log: {log.Busy.Count} lines naming \"database is locked\"/SQLITE_BUSY, {log.Errors.Count} error lines.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Contested rows (stored counter = acknowledged edits): {string.Join(", ", stored.Counters.Select(c => $"{c.Key} {c.Value}/{board.Edits.Count(e => e.Row == c.Key)}"))}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Annotations acknowledged {board.Tags.Count}, stored {stored.Annotations}; import versions stored {stored.ImportedVersions}.");
        if (samples.Count > 0)
        {
            var middle = samples[samples.Count / 2];
            text.AppendLine(CultureInfo.InvariantCulture, $"- Memory (managed heap after full GC / working set): start {samples[0]}, middle {middle}, end {samples[^1]}.");
            text.AppendLine(CultureInfo.InvariantCulture, $"- Database file with its WAL at the end: {Megabytes(databaseBytes)}; reads are memory-mapped, so the working set counts the pages of it that were read.");
            text.AppendLine("- Samples: " + string.Join("; ", samples.Select(s => s.ToString())));
        }

        text.AppendLine("- First refusal of each kind:");
        foreach (var line in tally.FirstRefusals())
        {
            text.AppendLine("  - " + line);
        }

        foreach (var line in tally.ServerErrors.Concat(tally.LockedBodies).Concat(log.Busy).Concat(log.Errors).Take(20))
        {
            text.AppendLine("  - " + line);
        }

        return text.ToString();
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB");

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be closing; the temp folder is cleaned by the OS.
        }
    }

    private sealed record Stored(
        IReadOnlyDictionary<string, int> Counters, int Annotations, int SpansTaggedTwice, IReadOnlyList<int> ActorsPerName,
        int ImportedVersions, int FeedItemsAdded, int FeedItemsFailed, int FeedErrors);

    private sealed record LogFindings(IReadOnlyList<string> Busy, IReadOnlyList<string> Errors);

    private sealed class ImportFigures
    {
        public int Rounds { get; set; }

        public int Added { get; set; }

        public List<string> Failures { get; } = [];
    }

    private sealed record MemorySample(TimeSpan At, long ManagedBytes, long WorkingSetBytes)
    {
        public static MemorySample Take(TimeSpan at)
        {
            var managed = GC.GetTotalMemory(forceFullCollection: true);
            using var process = Process.GetCurrentProcess();
            return new MemorySample(at, managed, process.WorkingSet64);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{At.TotalSeconds:0}s {Megabytes(ManagedBytes)}/{Megabytes(WorkingSetBytes)}");
    }

    /// <summary>The import's progress goes nowhere: the soak reads the summary instead.</summary>
    private sealed class QuietProgress : IImportProgress
    {
        public Task RunAsync(int total, Func<Action<int>, Task> work) => work(_ => { });
    }
}

/// <summary>The soak runs alone, after the test classes that run in parallel: its memory samples cover the whole
/// process, so other classes' hosts must not be alive meanwhile, and its load must not slow their timeouts.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "Soak";
}
