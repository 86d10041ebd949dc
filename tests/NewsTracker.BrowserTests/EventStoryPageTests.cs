using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NewsTracker.IntegrationTests.Pages.Stories;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Topics;

namespace NewsTracker.BrowserTests;

/// <summary>Event stories in a real browser: an editor splits a story and merges it back on the story page.</summary>
public sealed class EventStoryPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public async Task An_editor_splits_a_story_and_merges_it_back_on_the_story_page()
    {
        var reports = await EventCoverage.IngestAsync(fixture.App, new DateTime(2026, 8, 3, 9, 0, 0, DateTimeKind.Utc), "browser-split");
        var storyId = reports[0].StoryId;
        Assert.All(reports, r => Assert.Equal(storyId, r.StoryId));
        var editor = await fixture.App.CreateUserAsync(Roles.Editor);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, editor);

        await page.GotoAsync($"/stories/{storyId}");
        await page.Locator($"#split-form input[value='{reports[2].ArticleId.ToString(CultureInfo.InvariantCulture)}']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Split into a new story" }).ClickAsync();

        await Assertions.Expect(page.Locator("main .alert[role=status]")).ToContainTextAsync("Split 1 article into a new story.");
        await Assertions.Expect(page.Locator(".coverage-item")).ToHaveCountAsync(1);
        var newStory = await fixture.App.WithDbAsync(db => db.Articles.Where(a => a.Id == reports[2].ArticleId).Select(a => a.StoryId).SingleAsync());
        Assert.NotEqual(storyId, newStory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "story-split.png"), FullPage = true });

        await page.GotoAsync($"/stories/{storyId}");
        await page.Locator("#other-story").FillAsync(newStory.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "into this story" }).ClickAsync();

        await Assertions.Expect(page.Locator("main .alert[role=status]")).ToContainTextAsync($"Merged story {newStory}");
        await Assertions.Expect(page.Locator(".coverage-item")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator(".story-outlet")).ToHaveCountAsync(3);
    }
}
