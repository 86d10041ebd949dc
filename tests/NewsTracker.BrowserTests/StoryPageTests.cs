using Microsoft.Playwright;
using NewsTracker.IntegrationTests.Pages;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.BrowserTests;

public sealed class StoryPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public async Task A_story_page_shows_the_first_report_the_timeline_and_what_later_copies_add_on_a_desktop_and_a_phone()
    {
        var rewrite = await fixture.App.SendAsync(new IngestArticle.Command
        {
            Text = CoverageFactory.RewriteText, Title = CoverageFactory.RewriteTitle, Outlet = CoverageFactory.RewriteOutlet,
            PublishedUtc = new DateTime(2026, 11, 17, 10, 30, 0, DateTimeKind.Utc),
        });
        await fixture.App.SendAsync(new IngestArticle.Command
        {
            Text = CoverageFactory.WireText, Title = CoverageFactory.WireTitle, Outlet = CoverageFactory.WireOutlet,
            PublishedUtc = new DateTime(2026, 11, 17, 8, 0, 0, DateTimeKind.Utc),
        });
        await fixture.App.SendAsync(new IngestArticle.Command
        {
            Text = CoverageFactory.WireText, Title = CoverageFactory.WireTitle, Outlet = "The Northern Islands Evening Post and Chronicle",
            PublishedUtc = new DateTime(2026, 11, 18, 6, 45, 0, DateTimeKind.Utc),
        });

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/stories/{rewrite.StoryId}");

        await Assertions.Expect(page.Locator(".first-report .coverage-outlet")).ToHaveTextAsync(CoverageFactory.WireOutlet);
        await Assertions.Expect(page.Locator("svg.chart circle.chart-mark")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator(".added-sentences li").First).ToBeVisibleAsync();
        var markColours = await page.Locator("svg.chart circle.chart-mark").EvaluateAllAsync<string[]>("marks => marks.map(m => getComputedStyle(m).fill)");
        Assert.Equal(2, markColours.Distinct().Count());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "story-page.png"), FullPage = true });

        var phone = await fixture.NewPageAsync(390, 844);
        await phone.GotoAsync($"/stories/{rewrite.StoryId}");
        var overflow = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The story page scrolls sideways on a phone.");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "story-page-phone.png"), FullPage = true });
    }

    [ChromiumFact]
    public async Task An_outlet_page_draws_articles_per_month_and_fits_a_phone()
    {
        var result = await fixture.App.SendAsync(new IngestArticle.Command
        {
            Text = CoverageFactory.WireText, Title = "Ferry crews strike again on the Kestrel Sound route", Outlet = "Sound Monthly",
            PublishedUtc = new DateTime(2026, 6, 2, 9, 0, 0, DateTimeKind.Utc),
        });
        var outletId = (await fixture.App.SendAsync(new NewsTracker.Web.Pages.Articles.DetailsModel.Query(result.ArticleId))).OutletId;

        var page = await fixture.NewPageAsync(390, 844);
        await page.GotoAsync($"/outlets/{outletId}");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sound Monthly");
        await Assertions.Expect(page.Locator("svg.chart rect.chart-bar")).ToHaveCountAsync(1);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The outlet page scrolls sideways on a phone.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "outlet-page-phone.png"), FullPage = true });
    }
}
