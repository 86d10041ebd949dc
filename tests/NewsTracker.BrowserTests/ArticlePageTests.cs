using Microsoft.Playwright;

namespace NewsTracker.BrowserTests;

public sealed class ArticlePageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string SeedTitle = "U.S. Weighs Instant NATO Membership for Ukraine if Russia Violates Peace Deal";

    [ChromiumFact]
    public async Task The_seed_article_shows_its_title_once_and_styles_captions_as_captions()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = SeedTitle }).ClickAsync();
        await page.WaitForURLAsync("**/articles/*/u-s-weighs-instant-nato-membership-**");

        Assert.Equal(1, await page.GetByText(SeedTitle, new() { Exact = true }).CountAsync());
        Assert.Equal(SeedTitle, await page.Locator("h1").InnerTextAsync());
        var captions = page.Locator("figcaption.caption");
        Assert.Equal(3, await captions.CountAsync());

        var captionStyle = await captions.First.EvaluateAsync<string[]>(
            "e => { const s = getComputedStyle(e); return [s.fontStyle, s.fontSize, getComputedStyle(e.closest('figure')).borderLeftStyle]; }");
        var paragraphSize = await page.Locator(".article-body > p").First.EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        Assert.Equal("italic", captionStyle[0]);
        Assert.True(ParsePixels(captionStyle[1]) < ParsePixels(paragraphSize), $"caption {captionStyle[1]} should be smaller than body {paragraphSize}");
        Assert.Equal("solid", captionStyle[2]);

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "seed-article.png"), FullPage = true });
    }

    [ChromiumFact]
    public async Task The_front_page_reads_well_on_a_phone()
    {
        var page = await fixture.NewPageAsync(390, 844);

        await page.GotoAsync("/");

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The page scrolls sideways on a phone.");
        await Microsoft.Playwright.Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = SeedTitle })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "front-page-phone.png"), FullPage = true });
    }

    [ChromiumFact]
    public async Task A_journalist_signs_in_and_adds_an_article_in_the_browser()
    {
        var email = await fixture.App.CreateUserAsync(NewsTracker.Web.Domain.Roles.Journalist);
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/articles/add");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(NewsTracker.IntegrationTests.NewsTrackerFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/articles/add");

        await page.GetByLabel("Text").FillAsync("Browser Added Headline\n\nA paragraph typed in a real browser, officials said.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add article" }).ClickAsync();

        await page.WaitForURLAsync("**/articles/*/browser-added-headline");
        Assert.Equal("Browser Added Headline", await page.Locator("h1").InnerTextAsync());
        await Microsoft.Playwright.Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Article added.");
    }

    [ChromiumFact]
    public async Task Pasted_html_is_previewed_then_added()
    {
        var email = await fixture.App.CreateUserAsync(NewsTracker.Web.Domain.Roles.Journalist);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, email);

        await page.GotoAsync("/articles/add?mode=html");
        await page.GetByLabel("Page HTML").FillAsync(
            "<html lang=\"en\"><head><title>Floods Close Schools | Valley Times</title><meta property=\"og:site_name\" content=\"Valley Times\"></head><body><article>" +
            "<h1>Floods Close Schools</h1><p>Schools across the valley closed on Thursday after overnight flooding, the council said.</p>" +
            "<figure><img src=\"a.jpg\" alt=\"\"><figcaption>Water covers the road outside the primary school on Thursday</figcaption></figure>" +
            "<p>Officials expect classes to resume next week once buildings have been inspected, according to a statement.</p></article></body></html>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        await Microsoft.Playwright.Assertions.Expect(page.Locator(".preview-title")).ToHaveTextAsync("Floods Close Schools");
        await Microsoft.Playwright.Assertions.Expect(page.Locator(".preview figcaption")).ToHaveTextAsync("Water covers the road outside the primary school on Thursday");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "add-html-preview.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Add article" }).ClickAsync();
        await page.WaitForURLAsync("**/articles/*/floods-close-schools");
        Assert.Equal("Valley Times", await page.Locator(".meta .outlet").InnerTextAsync());
    }

    private static double ParsePixels(string value) =>
        double.Parse(value.Replace("px", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
