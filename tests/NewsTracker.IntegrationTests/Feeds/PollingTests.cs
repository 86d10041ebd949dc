using NewsTracker.Web.Domain;
using NewsTracker.Web.Feeds;

namespace NewsTracker.IntegrationTests.Feeds;

/// <summary>Polling a local feed through the real app: items become articles through the ingestion command,
/// a 304 costs nothing, items are processed once, and the schedule honours the server and the feed.</summary>
public sealed class PollingTests(FeedsFactory factory) : IClassFixture<FeedsFactory>
{
    private static readonly TimeSpan AfterAnyInterval = TimeSpan.FromDays(2);

    [Fact]
    public async Task Subscribing_to_a_local_feed_ingests_its_items_as_articles_within_one_poll()
    {
        var site = factory.Site;
        var now = factory.Clock.UtcNow;
        site.ServeArticle("/one/ferry", "Ferry service resumes after the storm", "Ferries between the island and the mainland resumed on Sunday after a storm kept boats in harbour for three days.");
        site.ServeArticle("/one/wall", "Council approves harbour wall repairs", "The council voted nine to two on Tuesday to pay for repairs to the sea wall damaged in last month's storm.");
        site.ServeFeed("/one/feed.xml", FeedSite.Rss("Harbour Wire", [
            new FeedEntry("wire-2", "Council approves harbour wall repairs", site.Url("/one/wall"), now.AddHours(-1)),
            new FeedEntry("wire-1", "Ferry service resumes after the storm", site.Url("/one/ferry"), now.AddHours(-3)),
        ]), etag: "\"one-v1\"");

        var feedId = await factory.SubscribeAsync("/one/feed.xml");
        await factory.PollDueAsync();

        var feed = await factory.FeedAsync(feedId);
        Assert.Equal("Harbour Wire", feed.Title);
        Assert.Equal(FeedCheckOutcome.Fetched, feed.LastOutcome);
        Assert.Equal(2, feed.ItemsAdded);
        Assert.Equal("\"one-v1\"", feed.ETag);
        Assert.Equal(0, feed.ErrorCount);
        Assert.True(feed.NextCheckUtc > factory.Clock.UtcNow);

        var items = await factory.ItemsAsync(feedId);
        Assert.Equal(["Ferry service resumes after the storm", "Council approves harbour wall repairs"], items.Select(i => i.Title));
        Assert.All(items, i => Assert.Equal(FeedItemOutcome.Added, i.Outcome));

        var articles = (await factory.SiteArticlesAsync()).Where(a => a.Url!.Contains("/one/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Ferry service resumes after the storm", "Council approves harbour wall repairs"], articles.Select(a => a.Title));
        Assert.All(articles, a => Assert.Equal("Harbour Wire", a.Outlet?.Name));
        Assert.Equal(items.Select(i => i.ArticleId), articles.Select(a => (int?)a.Id));
        Assert.Equal(now.AddHours(-3), articles[0].PublishedUtc);
    }

    [Fact]
    public async Task An_unchanged_feed_costs_one_conditional_request_answered_304_and_adds_nothing()
    {
        var site = factory.Site;
        site.ServeArticle("/same/a", "Lifeboat crew rescues two sailors", "The lifeboat crew rescued two sailors whose yacht lost its mast in heavy seas off the point on Monday.");
        site.ServeFeed("/same/feed.xml", FeedSite.Rss("Same", [new FeedEntry("same-a", "Lifeboat crew rescues two sailors", site.Url("/same/a"))]), etag: "\"same-v1\"");
        var feedId = await factory.SubscribeAsync("/same/feed.xml");
        await factory.Poller.PollFeedAsync(feedId, CancellationToken.None);
        var articlesBefore = (await factory.SiteArticlesAsync()).Count;
        var pageFetches = site.HitsFor("/same/a").Count;

        var result = await factory.Poller.PollFeedAsync(feedId, CancellationToken.None);

        Assert.Equal(FeedCheckOutcome.NotModified, result!.Outcome);
        var last = site.HitsFor("/same/feed.xml")[^1];
        Assert.Equal("\"same-v1\"", last.IfNoneMatch);
        Assert.Equal(304, last.Status);
        Assert.Equal(articlesBefore, (await factory.SiteArticlesAsync()).Count);
        Assert.Equal(pageFetches, site.HitsFor("/same/a").Count);
        var feed = await factory.FeedAsync(feedId);
        Assert.Equal(FeedCheckOutcome.NotModified, feed.LastOutcome);
        Assert.Equal(1, feed.ItemsAdded);
        Assert.Equal(feed.LastCheckUtc, feed.LastSuccessUtc);
    }

    [Fact]
    public async Task A_feed_with_only_last_modified_is_asked_if_modified_since_and_a_304_adds_nothing()
    {
        var site = factory.Site;
        var modified = new DateTimeOffset(2026, 11, 20, 8, 30, 0, TimeSpan.Zero);
        site.ServeFeed("/dated/feed.xml", FeedSite.Rss("Dated", []), lastModified: modified);
        var feedId = await factory.AddFeedAsync("/dated/feed.xml");
        await factory.Poller.PollFeedAsync(feedId, CancellationToken.None);
        Assert.Equal(modified.UtcDateTime, (await factory.FeedAsync(feedId)).LastModifiedUtc);

        var result = await factory.Poller.PollFeedAsync(feedId, CancellationToken.None);

        Assert.Equal(FeedCheckOutcome.NotModified, result!.Outcome);
        var last = site.HitsFor("/dated/feed.xml")[^1];
        Assert.Equal((modified.ToString("r", System.Globalization.CultureInfo.InvariantCulture), 304), (last.IfModifiedSince, last.Status));
    }

    [Fact]
    public async Task Items_seen_before_are_not_processed_again_when_the_feed_changes()
    {
        var site = factory.Site;
        site.ServeArticle("/seen/a", "Bridge reopens after repairs", "The coast road bridge reopened on Friday after three weeks of repairs to its supports, engineers said.");
        site.ServeArticle("/seen/b", "School wins national science prize", "Pupils from the island school won the national science prize for their study of tidal energy on Thursday.");
        site.ServeFeed("/seen/feed.xml", FeedSite.Rss("Seen", [new FeedEntry("seen-a", "Bridge reopens after repairs", site.Url("/seen/a"))]), etag: "\"seen-v1\"");
        var feedId = await factory.SubscribeAsync("/seen/feed.xml");
        await factory.Poller.PollFeedAsync(feedId, CancellationToken.None);

        site.ServeFeed("/seen/feed.xml", FeedSite.Rss("Seen", [
            new FeedEntry("seen-b", "School wins national science prize", site.Url("/seen/b")),
            new FeedEntry("seen-a", "Bridge reopens after repairs (updated)", site.Url("/seen/a")),
        ]), etag: "\"seen-v2\"");
        var result = await factory.Poller.PollFeedAsync(feedId, CancellationToken.None);

        Assert.Equal(1, result!.ArticlesAdded);
        Assert.Single(site.HitsFor("/seen/a"));
        Assert.Single(site.HitsFor("/seen/b"));
        Assert.Equal(["Bridge reopens after repairs", "School wins national science prize"], (await factory.ItemsAsync(feedId)).Select(i => i.Title));
        Assert.Equal("\"seen-v2\"", (await factory.FeedAsync(feedId)).ETag);
    }

    [Fact]
    public async Task A_feed_set_to_use_its_own_content_stores_the_feed_text_without_fetching_pages()
    {
        var site = factory.Site;
        site.ServeFeed("/own/feed.xml", FeedSite.Rss("Own text", [
            new FeedEntry("own-1", "Harbour master retires", site.Url("/own/never-fetched"), Html:
                "<p>The harbour master retired on Friday after twenty-two years in the post, the port authority said.</p><p>Her deputy will take over until a successor is appointed next spring.</p>"),
        ]));

        var feedId = await factory.SubscribeAsync("/own/feed.xml", useFeedContent: true, outlet: "Harbour Wire");
        await factory.Poller.PollFeedAsync(feedId, CancellationToken.None);

        Assert.Empty(site.HitsFor("/own/never-fetched"));
        var item = Assert.Single(await factory.ItemsAsync(feedId));
        Assert.Equal(FeedItemOutcome.Added, item.Outcome);
        var article = (await factory.SiteArticlesAsync()).Single(a => a.Id == item.ArticleId);
        Assert.Equal("Harbour master retires", article.Title);
        Assert.Equal("Harbour Wire", article.Outlet?.Name);
        Assert.StartsWith("The harbour master retired on Friday", article.Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Falls_back_to_the_feeds_text_when_the_article_page_cannot_be_fetched()
    {
        var site = factory.Site;
        site.ServeStatus("/gone/page", 404);
        site.ServeFeed("/gone/feed.xml", FeedSite.Rss("Gone", [
            new FeedEntry("gone-1", "Ferry timetable changes for winter", site.Url("/gone/page"), Html:
                "<p>The ferry operator published its winter timetable on Monday, with two fewer sailings each day from December.</p>"),
            new FeedEntry("gone-2", "No text and no page", site.Url("/gone/other")),
        ]));

        var feedId = await factory.SubscribeAsync("/gone/feed.xml");
        await factory.Poller.PollFeedAsync(feedId, CancellationToken.None);

        var items = await factory.ItemsAsync(feedId);
        var fallback = items.Single(i => i.Title == "Ferry timetable changes for winter");
        Assert.Equal(FeedItemOutcome.Added, fallback.Outcome);
        Assert.Contains("the feed's own text was stored", fallback.Note, StringComparison.Ordinal);
        var failed = items.Single(i => i.Title == "No text and no page");
        Assert.Equal(FeedItemOutcome.Failed, failed.Outcome);
        Assert.Contains("404", failed.Note, StringComparison.Ordinal);
        Assert.Null(failed.ArticleId);
        Assert.Equal(0, (await factory.FeedAsync(feedId)).ErrorCount);
    }

    [Fact]
    public async Task Retry_after_on_a_429_holds_every_check_back_even_refresh_now()
    {
        var site = factory.Site;
        site.ServeStatus("/busy/feed.xml", 429, retryAfter: "3600");
        var feedId = await factory.AddFeedAsync("/busy/feed.xml", "Busy");

        var result = await factory.Poller.PollFeedAsync(feedId, CancellationToken.None);

        Assert.Equal(FeedCheckOutcome.Failed, result!.Outcome);
        var feed = await factory.FeedAsync(feedId);
        Assert.Equal(FeedStatus.BackingOff, FeedSchedule.Status(feed));
        Assert.Contains("429", feed.LastError, StringComparison.Ordinal);
        Assert.True(feed.NextCheckUtc >= factory.Clock.UtcNow.AddHours(1), $"Next check {feed.NextCheckUtc:O} is before the hour the server asked for.");

        var refreshed = await factory.SendAsync(new RefreshFeed.Command(feedId));
        Assert.True(refreshed.NextCheckUtc >= factory.Clock.UtcNow.AddHours(1));
        Assert.Contains("asked NewsTracker to wait", refreshed.Message, StringComparison.Ordinal);

        var hits = site.HitsFor("/busy/feed.xml").Count;
        factory.Clock.Advance(TimeSpan.FromMinutes(30));
        await factory.PollDueAsync();
        Assert.Equal(hits, site.HitsFor("/busy/feed.xml").Count);

        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        await factory.PollDueAsync();
        Assert.Equal(hits + 1, site.HitsFor("/busy/feed.xml").Count);
        await factory.SetFeedAsync(feedId, f => f.Paused = true);
    }

    [Fact]
    public async Task Cache_control_max_age_and_the_feeds_ttl_push_the_next_check_back_also_after_a_304()
    {
        var site = factory.Site;
        site.ServeFeed("/cached/feed.xml", FeedSite.Rss("Cached", [], extraChannel: "<ttl>180</ttl>"), etag: "\"cached\"",
            headers: response => response.Headers.CacheControl = "public, max-age=7200");
        site.ServeFeed("/aged/feed.xml", FeedSite.Rss("Aged", []), etag: "\"aged\"",
            headers: response => response.Headers.CacheControl = "max-age=28800");
        var ttlFeed = await factory.AddFeedAsync("/cached/feed.xml");
        var ageFeed = await factory.AddFeedAsync("/aged/feed.xml");

        foreach (var id in new[] { ttlFeed, ageFeed, ttlFeed, ageFeed })
        {
            var checkedAt = factory.Clock.UtcNow;
            await factory.Poller.PollFeedAsync(id, CancellationToken.None);
            var feed = await factory.FeedAsync(id);
            var floor = id == ttlFeed ? TimeSpan.FromMinutes(180) : TimeSpan.FromHours(8);
            Assert.True(feed.NextCheckUtc >= checkedAt + floor, $"{feed.Title}: next check {feed.NextCheckUtc:O} is sooner than {floor} after {checkedAt:O}.");
        }

        Assert.Equal(FeedCheckOutcome.NotModified, (await factory.FeedAsync(ttlFeed)).LastOutcome);
        Assert.Equal(180, (await factory.FeedAsync(ttlFeed)).TtlMinutes);
    }

    [Fact]
    public async Task Errors_back_off_exponentially_with_the_count_and_last_error_then_recover()
    {
        var site = factory.Site;
        site.ServeStatus("/flaky/feed.xml", 503);
        var feedId = await factory.AddFeedAsync("/flaky/feed.xml", "Flaky");

        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await factory.Poller.PollFeedAsync(feedId, CancellationToken.None);
            var feed = await factory.FeedAsync(feedId);
            Assert.Equal(attempt, feed.ErrorCount);
            Assert.Equal(FeedStatus.BackingOff, FeedSchedule.Status(feed));
            Assert.Contains("503", feed.LastError, StringComparison.Ordinal);
            waits.Add(feed.NextCheckUtc - feed.LastCheckUtc!.Value);
        }

        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40)], waits);
        Assert.Null((await factory.FeedAsync(feedId)).LastSuccessUtc);

        site.ServeFeed("/flaky/feed.xml", FeedSite.Rss("Flaky", []));
        await factory.Poller.PollFeedAsync(feedId, CancellationToken.None);

        var recovered = await factory.FeedAsync(feedId);
        Assert.Equal(0, recovered.ErrorCount);
        Assert.Null(recovered.LastError);
        Assert.Equal(FeedStatus.Ok, FeedSchedule.Status(recovered));
        Assert.Equal(recovered.LastCheckUtc, recovered.LastSuccessUtc);
    }

    [Fact]
    public async Task The_interval_follows_how_often_the_feed_posts_within_five_minutes_and_a_day()
    {
        var site = factory.Site;
        var now = factory.Clock.UtcNow;
        site.ServeFeed("/busy-desk/feed.xml", FeedSite.Rss("Busy desk", Enumerable.Range(0, 10)
            .Select(i => new FeedEntry($"desk-{i}", $"Update {i}", site.Url($"/busy-desk/{i}"), now.AddMinutes(-30 * (i + 1)))).ToList()));
        site.ServeFeed("/quiet/feed.xml", FeedSite.Rss("Quiet", [new FeedEntry("quiet-1", "Annual report", site.Url("/quiet/1"), now.AddDays(-40))]));
        site.ServeFeed("/hectic/feed.xml", FeedSite.Rss("Hectic", Enumerable.Range(0, 10)
            .Select(i => new FeedEntry($"hectic-{i}", $"Flash {i}", site.Url($"/hectic/{i}"), now.AddSeconds(-20 * (i + 1)))).ToList()));
        var busy = await factory.AddFeedAsync("/busy-desk/feed.xml");
        var quiet = await factory.AddFeedAsync("/quiet/feed.xml");
        var hectic = await factory.AddFeedAsync("/hectic/feed.xml");
        foreach (var id in new[] { busy, quiet, hectic })
        {
            await factory.SetFeedAsync(id, f => f.UseFeedContent = true);
            await factory.Poller.PollFeedAsync(id, CancellationToken.None);
        }

        Assert.Equal(30, (await factory.FeedAsync(busy)).IntervalMinutes);
        Assert.Equal(24 * 60, (await factory.FeedAsync(quiet)).IntervalMinutes);
        Assert.Equal(5, (await factory.FeedAsync(hectic)).IntervalMinutes);
        var busyFeed = await factory.FeedAsync(busy);
        Assert.Equal(busyFeed.LastCheckUtc!.Value.AddMinutes(30), busyFeed.NextCheckUtc);
    }

    [Fact]
    public async Task Due_feeds_on_one_host_are_fetched_one_at_a_time_whatever_the_concurrency()
    {
        var site = factory.Site;
        for (var i = 0; i < 6; i++)
        {
            site.ServeFeed($"/host/{i}.xml", FeedSite.Rss($"Host {i}", []));
            await factory.AddFeedAsync($"/host/{i}.xml");
        }

        site.Latency = TimeSpan.FromMilliseconds(50);
        try
        {
            factory.Clock.Advance(AfterAnyInterval);
            await factory.PollDueAsync();
        }
        finally
        {
            site.Latency = TimeSpan.Zero;
        }

        Assert.Equal(1, site.MaxInFlight);
        Assert.All(Enumerable.Range(0, 6), i => Assert.NotEmpty(site.HitsFor($"/host/{i}.xml")));
    }
}
