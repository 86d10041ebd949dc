using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;
using static Microsoft.Playwright.Assertions;

namespace NewsTracker.BrowserTests;

/// <summary>Tagging the seed article in a real browser: by keyboard, by mouse, accepting suggestions.</summary>
public sealed class ArticleTaggingTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string SeedTitle = "U.S. Weighs Instant NATO Membership for Ukraine if Russia Violates Peace Deal";
    private const string ClaimSentence = "The White House is reportedly considering granting Ukraine membership should Russia violate a potential peace deal.";

    private static string Screenshot(string name) => Path.Combine(BrowserFixture.ScreenshotDirectory, name);

    /// <summary>Signs in a new editor in a fresh browser context and opens the seed article.</summary>
    private async Task<(IPage Page, Editor Editor)> OpenSeedArticleAsEditorAsync()
    {
        var editor = await fixture.App.CreateEditorAsync(Roles.Editor);
        var page = await fixture.NewPageAsync(1360, 900);
        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce }); // no smooth scrolling under the mouse
        await fixture.SignInAsync(page, editor.UserName!);
        await page.GetByRole(AriaRole.Link, new() { Name = SeedTitle }).ClickAsync();
        await page.WaitForURLAsync("**/articles/*/u-s-weighs-instant-nato-membership-**");
        await Expect(page.Locator("#tag-panel [data-action=passage]")).ToBeVisibleAsync(); // the script is running
        return (page, editor);
    }

    private async Task<T> WithDbAsync<T>(Func<NewsTrackerDbContext, Task<T>> read)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>());
    }

    /// <summary>Selects <paramref name="phrase"/> in the article body with a mouse drag from its first character to its last.</summary>
    private static async Task DragSelectAsync(IPage page, string phrase)
    {
        var box = await page.EvaluateAsync<JsonElement>(
            """
            phrase => {
                for (const block of document.querySelectorAll('#article-body [data-start]')) {
                    const index = block.textContent.indexOf(phrase);
                    if (index < 0) continue;
                    block.scrollIntoView({ block: 'center' });
                    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
                    let at = 0, start, end;
                    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                        if (!start && index < at + node.data.length) start = [node, index - at];
                        if (!end && index + phrase.length <= at + node.data.length) end = [node, index + phrase.length - at];
                        at += node.data.length;
                    }
                    const first = document.createRange(); first.setStart(start[0], start[1]); first.setEnd(start[0], start[1] + 1);
                    const last = document.createRange(); last.setStart(end[0], end[1] - 1); last.setEnd(end[0], end[1]);
                    const a = first.getBoundingClientRect(), b = last.getBoundingClientRect();
                    return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
                }
                return null;
            }
            """, phrase);
        await page.Mouse.MoveAsync(box.GetProperty("x1").GetSingle(), box.GetProperty("y1").GetSingle());
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.GetProperty("x2").GetSingle(), box.GetProperty("y2").GetSingle(), new() { Steps = 8 });
        await page.Mouse.UpAsync();
        Assert.Equal(phrase, await page.EvaluateAsync<string>("() => getSelection().toString()"));
    }

    [ChromiumFact]
    public async Task An_editor_tags_an_actor_by_keyboard_alone_and_the_highlight_survives_a_reload()
    {
        var (page, _) = await OpenSeedArticleAsEditorAsync();

        // Passage mode: T, then the arrow keys move a word selection; Shift extends it.
        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("t");
        await Expect(page.Locator("#passage-help")).ToBeVisibleAsync();
        for (var i = 0; i < 400 && await page.EvaluateAsync<string>("() => getSelection().toString()") != "Vladimir"; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await page.Keyboard.PressAsync("Shift+ArrowRight");
        Assert.Equal("Vladimir Putin", await page.EvaluateAsync<string>("() => getSelection().toString()"));
        var toolbar = page.GetByRole(AriaRole.Toolbar, new() { Name = "Tag the selected text" });
        await Expect(toolbar).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("tagging-toolbar.png") });

        await page.Keyboard.PressAsync("a");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Tag as actor" });
        await Expect(dialog).ToBeVisibleAsync();
        var name = dialog.GetByRole(AriaRole.Combobox, new() { Name = "Actor", Exact = true });
        await Expect(name).ToBeFocusedAsync();
        await Expect(name).ToHaveValueAsync("Vladimir Putin");
        await Expect(dialog.GetByRole(AriaRole.Option).First).ToContainTextAsync("Vladimir Putin");
        await page.ScreenshotAsync(new() { Path = Screenshot("tagging-dialog.png") });
        await page.Keyboard.PressAsync("Enter"); // picks the highlighted option: the registry's actor, or a new one
        await Expect(dialog.GetByRole(AriaRole.Listbox)).ToBeHiddenAsync();
        await page.Keyboard.PressAsync("Enter"); // saves

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator("mark.tag-actor.tag-start", new() { HasText = "Vladimir Putin" })).ToBeFocusedAsync();
        await Expect(page.Locator("#tag-panel .tag-entry-actor", new() { HasText = "Vladimir Putin" })).ToBeVisibleAsync();

        await page.ReloadAsync();
        var putin = page.Locator("mark.tag-actor.tag-start", new() { HasText = "Vladimir Putin" });
        await Expect(putin).ToHaveCountAsync(1);
        var entry = page.Locator("#tag-panel .tag-entry-actor", new() { HasText = "Vladimir Putin" });
        Assert.Equal("Actor: Vladimir Putin", (await entry.Locator(".tag-entry-label").TextContentAsync())?.Trim());
        Assert.Equal(await entry.Locator(".tag-entry-label").GetAttributeAsync("id"), await putin.GetAttributeAsync("aria-describedby"));

        // The highlight and its panel entry find each other both ways.
        await putin.ClickAsync();
        await Expect(entry).ToBeFocusedAsync();
        await Expect(entry).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-selected"));
        await entry.Locator(".tag-quote").ClickAsync();
        await Expect(putin).ToBeFocusedAsync();
    }

    [ChromiumFact]
    public async Task An_editor_accepts_a_suggestion_with_one_key()
    {
        var (page, _) = await OpenSeedArticleAsEditorAsync();
        await page.Locator("h1").ClickAsync();

        // J moves through the dashed suggestions; claims open the dialog, so go on to an actor.
        ILocator current;
        string? key;
        var tries = 0;
        do
        {
            await page.Keyboard.PressAsync("j");
            current = page.Locator(".sugg:focus");
            await Expect(current).ToHaveCountAsync(1);
            key = await current.GetAttributeAsync("data-sugg");
        }
        while (!key!.StartsWith("ActorMention-", StringComparison.Ordinal) && ++tries < 20);

        var text = await current.TextContentAsync();
        await Expect(page.Locator("#sugg-bar")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("tagging-suggestion.png") });
        await page.Keyboard.PressAsync("y");

        await Expect(page.Locator($".sugg[data-sugg='{key}']")).ToHaveCountAsync(0);
        await Expect(page.Locator(".sugg:focus")).ToHaveCountAsync(1); // on to the next suggestion
        var parts = key.Split('-');
        var (start, end) = (int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        var tag = await WithDbAsync(db => db.Annotations.Where(a => a.Start == start && a.End == end && a.Kind == AnnotationKind.ActorMention)
            .Select(a => new { a.Id, a.Status, a.Exact }).SingleAsync());
        Assert.Equal(AnnotationStatus.Approved, tag.Status);
        Assert.Equal(text, tag.Exact);
        await Expect(page.Locator($"#mark-{tag.Id}")).ToHaveTextAsync(text!);
    }

    [ChromiumFact]
    public async Task An_editor_tags_a_source_then_a_claim_resting_on_it()
    {
        var (page, editor) = await OpenSeedArticleAsEditorAsync();

        await DragSelectAsync(page, "according to reports");
        await page.Keyboard.PressAsync("s");
        var sourceDialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Tag as source" });
        await Expect(sourceDialog.GetByLabel("Kind of source")).ToHaveValueAsync("UnspecifiedReports");
        await Expect(sourceDialog.GetByLabel("Description")).ToHaveValueAsync("according to reports");
        await page.Keyboard.PressAsync("Enter");
        await Expect(sourceDialog).ToBeHiddenAsync();
        await Expect(page.Locator("mark.tag-source", new() { HasText = "according to reports" }).First).ToBeVisibleAsync();

        await DragSelectAsync(page, ClaimSentence);
        await Expect(page.GetByRole(AriaRole.Toolbar, new() { Name = "Tag the selected text" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("c");
        var claimDialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Tag as claim" });
        var statement = claimDialog.GetByLabel("Statement");
        await Expect(statement).ToBeFocusedAsync();
        await Expect(statement).ToHaveValueAsync(ClaimSentence);
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.TypeAsync("The White House is considering NATO membership for Ukraine if Russia breaks a peace deal");
        var reports = claimDialog.GetByRole(AriaRole.Checkbox, new() { Name = "according to reports" });
        if (!await reports.IsCheckedAsync())
        {
            await reports.CheckAsync();
        }

        await page.ScreenshotAsync(new() { Path = Screenshot("tagging-claim-dialog.png") });
        await statement.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(claimDialog).ToBeHiddenAsync();
        var claimMark = page.Locator("mark.tag-claim.tag-start").First;
        await Expect(claimMark).ToBeFocusedAsync();
        await Expect(page.Locator("#tag-panel .tag-entry-claim")).ToContainTextAsync("The White House is considering NATO membership");
        await page.ScreenshotAsync(new() { Path = Screenshot("tagging-marks.png"), FullPage = true });

        var claim = await WithDbAsync(db => db.Claims.Include(c => c.Sources).ThenInclude(s => s.Source)
            .SingleAsync(c => c.Statement == "The White House is considering NATO membership for Ukraine if Russia breaks a peace deal"));
        Assert.Equal(["according to reports"], claim.Sources.Select(s => s.Source!.Description));
        Assert.Equal(ReviewState.Draft, claim.State);

        // The editor publishes it on the claim's own page, with a verdict.
        var articleUrl = page.Url;
        await page.GotoAsync($"/claims/{claim.Id}");
        await page.Locator("#publish-verdict").SelectOptionAsync("unproven");
        await page.Locator("form.review-form button[type=submit]", new() { HasTextString = "Publish" }).ClickAsync();
        await Expect(page.Locator(".verdict-panel")).ToContainTextAsync("Unproven");
        await page.GotoAsync(articleUrl);
        await Expect(page.Locator($"#tag-panel .tag-entry-claim")).ToContainTextAsync("Published");

        await AssertClaimReviewOnClaimPageAsync(page, claim.Id);
    }

    /// <summary>The published claim's page carries schema.org ClaimReview JSON-LD (the claim page is another slice).</summary>
    internal static async Task AssertClaimReviewOnClaimPageAsync(IPage page, int claimId)
    {
        var response = await page.GotoAsync($"/claims/{claimId}");
        Assert.Equal(200, response!.Status);
        var scripts = await page.Locator("script[type='application/ld+json']").AllTextContentsAsync();
        Assert.Contains(scripts, s => s.Contains("ClaimReview", StringComparison.Ordinal));
    }
}
