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
/// signed out and signed in, in the light and the dark scheme: no serious or critical violation.</summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>Only violations are asked for: axe then skips listing every passing and inapplicable node, most of
    /// its work on a long page, and this test reads nothing else.</summary>
    private static readonly AxeRunOptions ViolationsOnly = new() { ResultTypes = [ResultType.Violations] };

    [ChromiumFact]
    public async Task Every_main_page_has_no_serious_or_critical_axe_violations_signed_out_or_in_light_or_dark()
    {
        var pages = await PublicPagesAsync();
        var staffPages = pages.Concat(["/articles/add", "/feeds", "/feeds/add", "/feeds/opml", "/account/manage", "/annotations/orphans", "/topics/new", $"/topics/{TopicSeed.Slug}/edit"]).ToList();
        var admin = await fixture.App.CreateUserAsync(Roles.Admin);
        var problems = new List<string>();

        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var signedOut = await fixture.NewPageAsync();
            await signedOut.EmulateMediaAsync(new() { ColorScheme = scheme });
            foreach (var address in pages)
            {
                problems.AddRange(await ViolationsAsync(signedOut, address, $"signed out, {scheme}"));
            }

            var signedIn = await fixture.NewPageAsync();
            await signedIn.EmulateMediaAsync(new() { ColorScheme = scheme });
            await fixture.SignInAsync(signedIn, admin);
            foreach (var address in staffPages)
            {
                problems.AddRange(await ViolationsAsync(signedIn, address, $"signed in, {scheme}"));
            }
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
