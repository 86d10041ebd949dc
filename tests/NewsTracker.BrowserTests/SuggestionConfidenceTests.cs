using Microsoft.Playwright;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using static Microsoft.Playwright.Assertions;

namespace NewsTracker.BrowserTests;

/// <summary>The suggestion confidence toggle and the tag shortcut without a selection, in a real browser.</summary>
public sealed class SuggestionConfidenceTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> OpenArticleAsEditorAsync()
    {
        var result = await fixture.App.SendAsync(new IngestArticle.Command
        {
            Text = "Envoys meet in Minsk " + Guid.NewGuid().ToString("N")[..8] + "\n\nVladimir Putin met the envoy in Minsk on Monday, by the Zubrowski fountain. Talks ended early, officials said.",
            Origin = "test",
        });
        var editor = await fixture.App.CreateEditorAsync(Roles.Editor);
        var page = await fixture.NewPageAsync(1360, 900);
        await fixture.SignInAsync(page, editor.UserName!);
        await page.GotoAsync($"/articles/{result.ArticleId}/{result.Slug}");
        await Expect(page.Locator("#tag-panel [data-action=passage]")).ToBeVisibleAsync(); // the script is running
        return page;
    }

    [ChromiumFact]
    public async Task Less_certain_suggestions_appear_on_request_in_place_and_go_again()
    {
        var page = await OpenArticleAsEditorAsync();
        var entries = page.Locator(".sugg-entry");
        await Expect(page.Locator(".sugg-entry", new() { HasText = "Vladimir Putin" })).ToHaveCountAsync(1);
        await Expect(page.Locator(".sugg-entry", new() { HasText = "Zubrowski" })).ToHaveCountAsync(0);
        var confident = await entries.CountAsync();
        await page.Locator("#suggestions").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "suggestions-confident.png") });

        await page.Locator("[data-action=all-suggestions]").ClickAsync();

        await Expect(page.Locator(".sugg-entry.sugg-uncertain", new() { HasText = "Zubrowski" })).ToBeVisibleAsync();
        Assert.True(await entries.CountAsync() > confident);
        Assert.Contains("suggestions=all", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#article-body .sugg", new() { HasText = "Zubrowski" }).First).ToBeVisibleAsync();
        await page.Locator("#suggestions").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "suggestions-all.png") });

        await page.Locator("[data-action=confident-suggestions]").ClickAsync();

        await Expect(page.Locator(".sugg-entry", new() { HasText = "Zubrowski" })).ToHaveCountAsync(0);
        Assert.DoesNotContain("suggestions=all", page.Url, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task The_tag_shortcut_without_a_selection_says_so_and_tags_nothing()
    {
        var page = await OpenArticleAsEditorAsync();
        await page.Locator("h1").ClickAsync();
        await page.EvaluateAsync("() => getSelection().removeAllRanges()");

        await page.Keyboard.PressAsync("a");

        await Expect(page.Locator("#selection-gone")).ToContainTextAsync("Nothing is selected, so nothing was tagged");
        await Expect(page.Locator("#tag-dialog")).Not.ToBeVisibleAsync();
        await Expect(page.Locator("#tag-panel .tag-entry")).ToHaveCountAsync(0);
    }
}
