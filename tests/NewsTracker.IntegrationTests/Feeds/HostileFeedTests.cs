using System.Net;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Feeds;
using static NewsTracker.IntegrationTests.Ingestion.IngestionApi;

namespace NewsTracker.IntegrationTests.Feeds;

/// <summary>A <see cref="FeedsFactory"/> whose fetches give up after one second, so the trickling server is cut off quickly.</summary>
public sealed class ShortTimeoutFeedsFactory : FeedsFactory
{
    protected override TimeSpan? TotalTimeout => TimeSpan.FromSeconds(1);
}

/// <summary>Hostile feeds polled with a healthy one: each is refused with a clear error on that feed alone,
/// nothing is expanded, resolved or read past its limit, and the app keeps serving meanwhile.</summary>
public sealed class HostileFeedTests(ShortTimeoutFeedsFactory factory) : IClassFixture<ShortTimeoutFeedsFactory>
{
    /// <summary>Path on the feed site → what the feed's error must say.</summary>
    private static readonly (string Path, string Error)[] Hostile =
    [
        ("/hostile/xxe-file", "refuses DTDs"),
        ("/hostile/xxe-http", "refuses DTDs"),
        ("/hostile/billion-laughs", "refuses DTDs"),
        ("/bomb", "larger than 10 MiB once decompressed"),
        ("/slow", "did not deliver the feed within 1 second"),
        ("/hostile/million-items", "more than 5,000 items"),
        ("/hostile/not-xml", "not a feed (neither XML nor JSON)"),
        ("/hostile/html", "returns a web page, not a feed"),
        ("/to?url=http://169.254.169.254/latest/meta-data/", "only fetches public web pages"),
        ("/to?url=http://10.0.0.1/feed.xml", "only fetches public web pages"),
        ("/redirect/9", "redirected too many times"),
    ];

    [Fact]
    public async Task Every_hostile_feed_is_refused_cleanly_marks_only_itself_and_the_app_keeps_serving()
    {
        var site = factory.Site;
        site.ServeArticle("/healthy/story", "Coastguard station gets a new lifeboat", "The coastguard station on the point took delivery of a new all-weather lifeboat on Wednesday, replacing one in service for thirty years.");
        site.ServeFeed("/healthy/feed.xml", FeedSite.Rss("Healthy Herald", [new FeedEntry("healthy-1", "Coastguard station gets a new lifeboat", site.Url("/healthy/story"))]));
        var healthy = await factory.AddFeedAsync("/healthy/feed.xml", "Healthy Herald");
        var hostile = new List<(int Id, string Path, string Error)>();
        foreach (var (path, error) in Hostile)
        {
            hostile.Add((await factory.AddFeedAsync(path, path), path, error));
        }

        var journalist = await factory.SignedInClientAsync(Roles.Journalist);
        var polling = factory.PollDueAsync();

        // While the hostile feeds are being read, pages are still served.
        await AssertHealthyAsync(factory);
        using (var page = await journalist.GetAsync("/feeds"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        await polling;

        foreach (var (id, path, error) in hostile)
        {
            var feed = await factory.FeedAsync(id);
            Assert.True(feed.ErrorCount == 1, $"{path}: error count {feed.ErrorCount}");
            Assert.True(feed.LastError?.Contains(error, StringComparison.Ordinal) == true, $"{path}: expected '{error}', got '{feed.LastError}'");
            Assert.True(feed.NextCheckUtc > factory.Clock.UtcNow, $"{path}: not backed off");
            Assert.Null(feed.LeaseOwner);
            Assert.Empty(await factory.ItemsAsync(id));
        }

        Assert.Empty(site.HitsFor("/secret"));
        var ok = await factory.FeedAsync(healthy);
        Assert.Equal((0, 1, FeedCheckOutcome.Fetched), (ok.ErrorCount, ok.ItemsAdded, ok.LastOutcome));
        Assert.Contains(await factory.SiteArticlesAsync(), a => a.Title == "Coastguard station gets a new lifeboat");

        var list = await Forms.GetDocumentAsync(journalist, "/feeds");
        var statuses = list.QuerySelectorAll(".feed-table tbody tr .badge.status").Select(b => b.TextContent.Trim()).ToList();
        Assert.Equal(Hostile.Length + 1, statuses.Count);
        Assert.Equal("OK", statuses[^1]);
        await AssertHealthyAsync(factory);
    }

    [Fact]
    public async Task A_timed_out_feed_backs_off_as_transient_while_a_refused_one_shows_as_an_error()
    {
        var slow = await factory.AddFeedAsync("/slow", "Slow again");
        var refused = await factory.AddFeedAsync("/hostile/billion-laughs", "Laughs again");

        await factory.Poller.PollFeedAsync(slow, CancellationToken.None);
        await factory.Poller.PollFeedAsync(refused, CancellationToken.None);

        Assert.Equal(FeedStatus.BackingOff, FeedSchedule.Status(await factory.FeedAsync(slow)));
        Assert.Equal(FeedStatus.Error, FeedSchedule.Status(await factory.FeedAsync(refused)));
    }
}
