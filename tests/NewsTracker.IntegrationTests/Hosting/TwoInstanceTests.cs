using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using NewsTracker.IntegrationTests.Feeds;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Topics;

namespace NewsTracker.IntegrationTests.Hosting;

/// <summary>
/// Two instances of the app on one PostgreSQL database, as behind a reverse proxy: what one does, the other honours.
/// A sign-in and a form token made by one are accepted by the other (one Data Protection key ring in the database),
/// both poll the same feeds at the same moment yet no feed is fetched twice (leases taken FOR UPDATE SKIP LOCKED)
/// and no host gets two requests at once (host leases), a change saved through one reaches the other's cached public
/// pages (the content change log), and an article stored through one is found by the other's search index.
/// </summary>
public sealed class TwoInstanceTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly FeedSite _site = new();
    private TestDatabase? _database;
    private InstanceFactory? _first;
    private InstanceFactory? _second;

    private InstanceFactory First => _first ?? throw new InvalidOperationException("Not started.");

    private InstanceFactory Second => _second ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        if (TestDatabase.PostgresUnavailableReason is not null && Environment.GetEnvironmentVariable(TestDatabase.RequireVariable) != "1")
        {
            return; // Every test here is a PostgresFact and will be skipped.
        }

        await _site.InitializeAsync();
        _database = TestDatabase.CreatePostgres();
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        _first = new InstanceFactory(_site, clock) { SharedDatabase = _database };
        _second = new InstanceFactory(_site, clock) { SharedDatabase = _database };

        // Both start at once, as a deployment's instances do; the migration lock lets one migrate.
        await Task.WhenAll(Task.Run(() => _first.Services), Task.Run(() => _second.Services));
    }

    public async Task DisposeAsync()
    {
        if (_first is not null)
        {
            await _first.DisposeAsync();
        }

        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        _database?.Dispose();
        await _site.DisposeAsync();
    }

    [PostgresFact]
    public async Task A_sign_in_and_a_form_token_from_one_instance_are_valid_on_the_other()
    {
        var email = await First.CreateUserAsync(Roles.Editor);
        var cookies = new CookieContainer();
        using var onFirst = First.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies));
        using var onSecond = Second.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies));

        // The form and its antiforgery token come from the first instance; the second checks them and signs in.
        var login = await Forms.GetDocumentAsync(onFirst, "/account/login");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)login.QuerySelector("main form")!;
        using var signedIn = await Forms.PostFormAsync(onSecond, form, "/account/login", new() { ["Data.Email"] = email, ["Data.Password"] = NewsTrackerFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        // The cookie the second instance issued opens a signed-in page on the first.
        using var account = await onFirst.GetAsync("/account/manage");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains(email, await account.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Two_instances_polling_at_the_same_moment_fetch_each_feed_exactly_once()
    {
        const int FeedCount = 40;
        _site.Latency = TimeSpan.FromMilliseconds(50);
        var feedIds = new List<int>();
        for (var i = 0; i < FeedCount; i++)
        {
            var path = $"/shared/feed-{i}.xml";
            _site.ServeFeed(path, FeedSite.Rss($"Shared {i}", []), etag: $"\"shared-{i}\"");
            feedIds.Add(await First.AddFeedAsync(path, $"Shared {i}"));
        }

        var polled = await Task.WhenAll(Task.Run(First.PollDueAsync), Task.Run(Second.PollDueAsync));

        // How the work splits between the two depends on the thread scheduler, so only the sum is certain.
        Assert.Equal(FeedCount, polled.Sum());
        for (var i = 0; i < FeedCount; i++)
        {
            Assert.Single(_site.HitsFor($"/shared/feed-{i}.xml"));
        }

        var feeds = await First.WithDbAsync(db => db.Feeds.AsNoTracking().Where(f => feedIds.Contains(f.Id)).ToListAsync());
        Assert.All(feeds, feed => Assert.Equal((true, (string?)null, 0), (feed.LastCheckUtc is not null, feed.LeaseOwner, feed.ErrorCount)));
    }

    [PostgresFact]
    public async Task Two_instances_polling_feeds_of_one_host_send_it_one_request_at_a_time()
    {
        const int FeedCount = 12;
        _site.Latency = TimeSpan.FromMilliseconds(100);
        for (var i = 0; i < FeedCount; i++)
        {
            var path = $"/one-host/feed-{i}.xml";
            _site.ServeFeed(path, FeedSite.Rss($"One host {i}", []));
            await First.AddFeedAsync(path, $"One host {i}");
        }

        var polled = await Task.WhenAll(Task.Run(First.PollDueAsync), Task.Run(Second.PollDueAsync));

        // Each instance polls several of these feeds at once, and both poll together; the site, one host, still
        // never serves two requests at the same moment.
        Assert.Equal(FeedCount, polled.Sum());
        Assert.Equal(FeedCount, _site.Hits.Count);
        Assert.Equal(1, _site.MaxInFlight);
        Assert.Empty(await First.WithDbAsync(db => db.HostFetchLeases.AsNoTracking().ToListAsync()));
    }

    [PostgresFact]
    public async Task A_change_saved_on_one_instance_reaches_the_cached_pages_of_the_other()
    {
        var editor = await First.CreateEditorAsync(Roles.Editor);
        var word = "zq" + Guid.NewGuid().ToString("N")[..10];
        var topic = await First.SendAsAsync(editor, new TopicEditing.Create(new TopicEditing.TopicFields("Shared " + word, null, null, word, true)));
        var reader = Second.CreateClient();
        var before = await reader.GetStringAsync($"/topics/{topic.Slug}");
        Assert.DoesNotContain("Harbour " + word, before, StringComparison.Ordinal);
        using (var cached = await reader.GetAsync($"/topics/{topic.Slug}"))
        {
            // An Age header is what the output cache adds to a copy it serves: the second's cache holds the page.
            Assert.NotNull(cached.Headers.Age);
        }

        await First.SendAsAsync(editor, new TopicEditing.AddMilestone(topic.Id, new TopicEditing.MilestoneFields(new DateOnly(2026, 3, 1), "Harbour " + word, null)));

        var deadline = DateTime.UtcNow + Patience;
        while (!(await reader.GetStringAsync($"/topics/{topic.Slug}")).Contains("Harbour " + word, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The second instance still served its cached page {Patience} after the change.");
            await Task.Delay(100);
        }
    }

    [PostgresFact]
    public async Task An_article_stored_through_one_instance_is_found_by_a_search_on_the_other()
    {
        var word = "Zeppelin" + Guid.NewGuid().ToString("N")[..8];
        using var reader = Second.CreateClient();
        async Task<List<string?>> TitlesAsync(string sort) =>
            (await reader.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={word}&sort={sort}")).GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("title").GetString()).ToList();
        Assert.Empty(await TitlesAsync("relevance"));

        // Each instance keeps its own index beside it and applies the versions any instance stored.
        await First.SendAsync(new Web.Ingestion.IngestArticle.Command { Text = $"{word} Over The Bay\n\nA {word} was seen over the bay.", Origin = "test" });

        Assert.Equal([$"{word} Over The Bay"], await TitlesAsync("relevance"));
        Assert.Equal([$"{word} Over The Bay"], await TitlesAsync("newest"));
    }

    /// <summary>One instance: the feed test site allowed, seeding off, polling only when the test asks, and the
    /// change log read every 200 ms so the test need not wait long.</summary>
    private sealed class InstanceFactory(FeedSite site, ManualClock clock) : FeedsFactory(site, null, clock, pollingEnabled: false)
    {
        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = base.Settings;
                settings["Caching:ChangePollSeconds"] = "0.2";
                return settings;
            }
        }
    }
}
