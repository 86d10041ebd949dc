using Microsoft.Playwright;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Topics;

namespace NewsTracker.BrowserTests.Topics;

/// <summary>A newcomer follows the seed topic, a matching article arrives, and they see it flagged as new.</summary>
public sealed class TopicPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public async Task A_visitor_follows_the_seed_topic_and_sees_one_new_after_a_matching_article_arrives()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/topics/{TopicSeed.Slug}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Ukraine and NATO membership");
        await Assertions.Expect(page.Locator("#day-2025-02-12 .entry-milestone")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Follow", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Follow", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".following-state")).ToHaveTextAsync("Following");

        await fixture.App.SendAsync(new IngestArticle.Command
        {
            Text = "NATO allies discuss Ukraine's membership timetable\n\nForeign ministers of NATO met to discuss Ukraine's path to membership and the guarantees that could come first.",
            Outlet = "Browser Test Wire",
            Origin = "test",
        });

        await page.GotoAsync("/following");
        await Assertions.Expect(page.Locator(".topic-card .new-badge")).ToHaveTextAsync("1 new");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "following.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Ukraine and NATO membership" }).ClickAsync();
        await Assertions.Expect(page.Locator(".entry-new")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".entry-new .entry-title")).ToHaveTextAsync("NATO allies discuss Ukraine's membership timetable");
        await Assertions.Expect(page.Locator(".following-state")).ToContainTextAsync("1 new since your last visit");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "topic-timeline.png"), FullPage = true });

        var phone = await fixture.NewPageAsync(390, 844);
        await phone.GotoAsync($"/topics/{TopicSeed.Slug}");
        var overflow = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The topic page scrolls sideways on a phone.");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "topic-timeline-phone.png"), FullPage = true });
    }
}
