using System.Net.Http.Json;
using NewsTracker.Web.Domain;
using static NewsTracker.IntegrationTests.Ingestion.IngestionApi;

namespace NewsTracker.IntegrationTests.Feeds;

/// <summary>The background scheduler and the app's life around it: a new subscription is polled without
/// anyone asking, polling state survives a restart, and stopping the app lets go of a feed mid-check.</summary>
public sealed class SchedulerTests : IAsyncLifetime
{
    /// <summary>How long a test waits for background work before it gives up (a bound, not a measurement).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly FeedSite _site = new();
    private readonly List<string> _directories = [];

    public Task InitializeAsync() => _site.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var directory in _directories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_background_scheduler_ingests_a_new_subscription_without_being_asked()
    {
        _site.ServeArticle("/bg/story", "Island ferry gets a new captain", "The island ferry welcomed a new captain on Monday, who has sailed the route as first mate for eleven years.");
        _site.ServeFeed("/bg/feed.xml", FeedSite.Rss("Background Bulletin", [new FeedEntry("bg-1", "Island ferry gets a new captain", _site.Url("/bg/story"))]));
        await using var app = new SiteSharingFactory(_site, null, null, pollingEnabled: true);
        var client = await app.CreateJournalistClientAsync();

        using var response = await client.PostAsJsonAsync("/api/v1/feeds", new { url = _site.Url("/bg/feed.xml") });
        response.EnsureSuccessStatusCode();

        await Eventually(async () => (await app.SiteArticlesAsync()).Any(a => a.Title == "Island ferry gets a new captain"));
    }

    [Fact]
    public async Task Polling_state_survives_a_restart_and_the_next_check_is_still_conditional()
    {
        _site.ServeArticle("/restart/story", "Harbour dredging starts next month", "Dredging of the harbour channel will start next month and last six weeks, the port authority said on Tuesday.");
        _site.ServeFeed("/restart/feed.xml", FeedSite.Rss("Restart Review", [new FeedEntry("restart-1", "Harbour dredging starts next month", _site.Url("/restart/story"))]), etag: "\"restart-v1\"");
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        int feedId;
        Feed before;
        string directory;
        await using (var first = new SiteSharingFactory(_site, null, clock) { DeleteDataOnDispose = false })
        {
            directory = first.DataDirectory;
            _directories.Add(directory);
            feedId = await first.SubscribeAsync("/restart/feed.xml");
            await first.PollDueAsync();
            before = await first.FeedAsync(feedId);
        }

        await using var second = new SiteSharingFactory(_site, directory, clock);
        var after = await second.FeedAsync(feedId);
        Assert.Equal(
            (before.ETag, before.NextCheckUtc, before.LastSuccessUtc, before.ItemsAdded, before.IntervalMinutes),
            (after.ETag, after.NextCheckUtc, after.LastSuccessUtc, after.ItemsAdded, after.IntervalMinutes));
        Assert.Null(after.LeaseOwner);

        clock.Advance(TimeSpan.FromDays(2));
        await second.PollDueAsync();

        var last = _site.HitsFor("/restart/feed.xml")[^1];
        Assert.Equal(("\"restart-v1\"", 304), (last.IfNoneMatch, last.Status));
        Assert.Single(await second.ItemsAsync(feedId));
        Assert.Single(_site.HitsFor("/restart/story"));
    }

    [Fact]
    public async Task Stopping_the_app_mid_check_lets_go_of_the_feed_without_recording_an_error()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        int feedId;
        string directory;
        await using (var app = new SiteSharingFactory(_site, null, clock, pollingEnabled: true) { DeleteDataOnDispose = false })
        {
            directory = app.DataDirectory;
            _directories.Add(directory);
            feedId = await app.AddFeedAsync("/slow", "Trickle Times");
            await Eventually(async () => (await app.FeedAsync(feedId)).LeaseOwner is not null);
        }

        await using var restarted = new SiteSharingFactory(_site, directory, clock);
        var feed = await restarted.FeedAsync(feedId);
        Assert.Null(feed.LeaseOwner);
        Assert.Null(feed.LeaseUntilUtc);
        Assert.Equal((0, null, null), (feed.ErrorCount, feed.LastError, feed.LastCheckUtc));
        Assert.True(feed.NextCheckUtc <= clock.UtcNow, "The feed should still be due.");
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not hold within {Patience}.");
            }

            await Task.Delay(50);
        }
    }
}
