using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NewsTracker.IntegrationTests;
using NewsTracker.IntegrationTests.Feeds;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Feeds;

namespace NewsTracker.BrowserTests;

/// <summary>The browser over an app that may fetch from a local <see cref="FeedSite"/>.</summary>
public sealed class FeedsBrowserFixture : BrowserFixture, IAsyncLifetime
{
    public FeedsBrowserFixture()
        : this(new FeedSite())
    {
    }

    private FeedsBrowserFixture(FeedSite site)
        : base(new SiteSharingFactory(site, null, null))
    {
        Site = site;
    }

    public FeedSite Site { get; }

    public SiteSharingFactory Feeds => (SiteSharingFactory)App;

    // The site must be listening before the app reads its port.
    public new async Task InitializeAsync()
    {
        await Site.InitializeAsync();
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Site.DisposeAsync();
    }
}

public sealed class FeedsPageTests(FeedsBrowserFixture fixture) : IClassFixture<FeedsBrowserFixture>
{
    [ChromiumFact]
    public async Task A_journalist_subscribes_in_the_browser_and_the_feeds_page_shows_statuses_on_a_desktop_and_a_phone()
    {
        var site = fixture.Site;
        var now = fixture.Feeds.Clock.UtcNow;
        site.ServeArticle("/b/ferry", "Ferry service resumes after the storm", "Ferries between the island and the mainland resumed on Sunday after a storm kept boats in harbour for three days.");
        site.ServeArticle("/b/wall", "Council approves harbour wall repairs", "The council voted nine to two on Tuesday to pay for repairs to the sea wall damaged in last month's storm.");
        site.ServeFeed("/b/feed.xml", FeedSite.Rss("Harbour Wire: Top stories", [
            new FeedEntry("b-2", "Council approves harbour wall repairs", site.Url("/b/wall"), now.AddHours(-2)),
            new FeedEntry("b-1", "Ferry service resumes after the storm", site.Url("/b/ferry"), now.AddHours(-5)),
        ]));
        site.ServeStatus("/b/busy.xml", 503);
        await fixture.Feeds.AddFeedAsync("/b/busy.xml", "Island Courier");
        await fixture.Feeds.AddFeedAsync("/hostile/billion-laughs", "Laughing Gazette");
        var paused = await fixture.Feeds.AddFeedAsync("/b/paused.xml", "Coast Weekly");
        await fixture.Feeds.SetFeedAsync(paused, f => f.Paused = true);

        var page = await fixture.NewPageAsync();
        var policyViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                policyViolations.Add(message.Text);
            }
        };
        await SignInAsync(page, await fixture.Feeds.CreateUserAsync(Roles.Journalist));

        await page.GotoAsync("/feeds/add");
        await page.GetByLabel("Feed or page address").FillAsync(site.Url("/b/feed.xml"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await page.WaitForURLAsync("**/feeds/*");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Harbour Wire: Top stories");

        await fixture.Feeds.PollDueAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".feed-item-table tbody tr")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "feed-page.png"), FullPage = true });

        await page.GotoAsync("/feeds");
        await Assertions.Expect(page.Locator(".feed-table tbody tr .badge.status")).ToHaveTextAsync(["Error", "Backing off", "OK", "Paused"]);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "feeds-page.png"), FullPage = true });

        // While a check runs, the page's script follows it, then reloads when the run is over.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        site.ServeFeedWhen("/b/held.xml", release.Task, FeedSite.Rss("Held Herald", []));
        var held = await fixture.Feeds.AddFeedAsync("/b/held.xml", "Held Herald");
        var polling = fixture.Feeds.Poller.PollFeedAsync(held, CancellationToken.None);
        try
        {
            var progress = fixture.Feeds.Services.GetRequiredService<PollProgress>();
            while (progress.Read().Current?.InFlight.Contains("Held Herald") != true)
            {
                Assert.False(polling.IsCompleted, "The check ended before it could be seen.");
                await Task.Delay(20);
            }

            await page.GotoAsync("/feeds");
            await Assertions.Expect(page.Locator("#poll-progress")).ToContainTextAsync("Checking feeds");
            await Assertions.Expect(page.Locator("#poll-progress [data-field=inflight]")).ToHaveTextAsync("Held Herald");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "feeds-page-checking.png"), FullPage = true });
        }
        finally
        {
            release.SetResult();
            await polling;
        }

        await Assertions.Expect(page.Locator("#poll-progress")).ToContainTextAsync("Last check run finished", new() { Timeout = 30_000 });

        await page.GotoAsync("/feeds/add");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "feeds-add.png"), FullPage = true });
        await page.GotoAsync("/feeds/opml");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "feeds-opml.png"), FullPage = true });

        var phone = await fixture.NewPageAsync(390, 844);
        await SignInAsync(phone, await fixture.Feeds.CreateUserAsync(Roles.Journalist));
        await phone.GotoAsync("/feeds");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "feeds-page-phone.png"), FullPage = true });
        var overflow = await phone.EvaluateAsync<string?>(
            "() => document.documentElement.scrollWidth > window.innerWidth ? [...document.querySelectorAll('body *')].filter(e => !e.closest('.table-wrap') && e.getBoundingClientRect().right > window.innerWidth).map(e => e.tagName + '.' + e.className).slice(0, 5).join(', ') : null");
        Assert.True(overflow is null, $"The feeds page scrolls sideways on a phone: {overflow}");
        Assert.Empty(policyViolations);
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("input[name='Data.Email']").FillAsync(email);
        await page.Locator("input[name='Data.Password']").FillAsync(NewsTrackerFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }
}
