using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NewsTracker.IntegrationTests.Tagging;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;
using NewsTracker.Web.Topics;

namespace NewsTracker.BrowserTests;

/// <summary>axe-core (from the Deque.AxeCore.Playwright package, never fetched at test time) over every main page,
/// signed out and signed in, in the light and the dark scheme: no serious or critical violation. The four passes are
/// four classes, each with its own app and browser, so xunit runs them side by side instead of one after another.</summary>
public abstract class AccessibilityTests(BrowserFixture fixture)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>Only violations are asked for: axe then skips listing every passing and inapplicable node, most of
    /// its work on a long page, and this test reads nothing else.</summary>
    private static readonly AxeRunOptions ViolationsOnly = new() { ResultTypes = [ResultType.Violations] };

    protected async Task AssertNoBlockingViolationsAsync(ColorScheme scheme, bool signedIn)
    {
        var pages = await PublicPagesAsync();
        var page = await fixture.NewPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = scheme });
        if (signedIn)
        {
            pages.AddRange(["/articles/add", "/feeds", "/feeds/add", "/feeds/opml", "/account/manage", "/annotations/orphans", "/topics/new", $"/topics/{TopicSeed.Slug}/edit"]);
            await fixture.SignInAsync(page, await fixture.App.CreateUserAsync(Roles.Admin));
        }

        var problems = new List<string>();
        foreach (var address in pages)
        {
            problems.AddRange(await ViolationsAsync(page, address, $"{(signedIn ? "signed in" : "signed out")}, {scheme}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The pages anyone can open, with an article, story, outlet, actor and published claim to show.</summary>
    private async Task<List<string>> PublicPagesAsync()
    {
        var app = fixture.App;
        var editor = await app.CreateEditorAsync(Roles.Editor);
        var article = await app.ArticleAsync(
            "Vladimir Putin rejected the plan, according to reports. The White House said talks would go on next week.",
            title: "Axe check: the plan was rejected", outlet: "Axe Wire", published: new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc));
        var mention = await app.MentionAsync(editor, article, "Vladimir Putin", newActor: new Actors.NewActor("Vladimir Putin", ActorKind.Person));
        var tag = await app.ClaimTagAsync(editor, article, "Vladimir Putin rejected the plan", newClaim: new Claims.NewClaim("Putin rejected the plan", mention.ActorId));
        await app.PublishAsync(editor, tag.ClaimId!.Value, "unproven", "Only unnamed reports so far.");
        var (storyId, outletId) = await app.WithDbAsync(db => db.Articles.Where(a => a.Id == article.Id).Select(a => new ValueTuple<int, int?>(a.StoryId, a.OutletId)).SingleAsync());

        return
        [
            "/", "/search?q=plan", $"/articles/{article.Id}/{article.Slug}", $"/stories/{storyId}", "/outlets", $"/outlets/{outletId}",
            "/actors", $"/actors/{mention.ActorId}", "/topics", $"/topics/{TopicSeed.Slug}", "/claims", $"/claims/{tag.ClaimId}",
            "/sources", "/following", "/account/login",
        ];
    }

    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string address, string context)
    {
        var response = await page.GotoAsync(address);
        Assert.True(response?.Ok, $"{address} ({context}) answered {response?.Status}.");
        var results = await page.RunAxe(ViolationsOnly);
        return results.Violations
            .Where(v => Blocking.Contains(v.Impact))
            .Select(v => $"{address} ({context}): {v.Impact} {v.Id}: {v.Help} at {string.Join("; ", v.Nodes.Take(3).Select(n => $"{n.Target} {n.Html}"))}");
    }
}

/// <summary>The public pages as a visitor sees them in the light scheme.</summary>
public sealed class AccessibilitySignedOutLightTests(BrowserFixture fixture) : AccessibilityTests(fixture), IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public Task Every_public_page_has_no_serious_or_critical_axe_violations_signed_out_in_the_light_scheme() => AssertNoBlockingViolationsAsync(ColorScheme.Light, signedIn: false);
}

/// <summary>The public pages as a visitor sees them in the dark scheme.</summary>
public sealed class AccessibilitySignedOutDarkTests(BrowserFixture fixture) : AccessibilityTests(fixture), IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public Task Every_public_page_has_no_serious_or_critical_axe_violations_signed_out_in_the_dark_scheme() => AssertNoBlockingViolationsAsync(ColorScheme.Dark, signedIn: false);
}

/// <summary>Every page, staff pages included, as an admin sees them in the light scheme.</summary>
public sealed class AccessibilitySignedInLightTests(BrowserFixture fixture) : AccessibilityTests(fixture), IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public Task Every_page_has_no_serious_or_critical_axe_violations_signed_in_in_the_light_scheme() => AssertNoBlockingViolationsAsync(ColorScheme.Light, signedIn: true);
}

/// <summary>Every page, staff pages included, as an admin sees them in the dark scheme.</summary>
public sealed class AccessibilitySignedInDarkTests(BrowserFixture fixture) : AccessibilityTests(fixture), IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public Task Every_page_has_no_serious_or_critical_axe_violations_signed_in_in_the_dark_scheme() => AssertNoBlockingViolationsAsync(ColorScheme.Dark, signedIn: true);
}
