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

    [ChromiumFact]
    public async Task The_pictures_draw_mentions_over_time_and_who_appears_with_whom_without_javascript()
    {
        var editor = await fixture.App.CreateEditorAsync(NewsTracker.Web.Domain.Roles.Editor);
        var word = "pictures" + Guid.NewGuid().ToString("N")[..8];
        var names = new[] { "Volodymyr Zelensky", "Pete Hegseth", "Keir Starmer" };
        var actorIds = new Dictionary<string, int>();
        for (var i = 0; i < 3; i++)
        {
            var text = $"Report {i} on {word}\n\nVolodymyr Zelensky met Pete Hegseth{(i == 0 ? " and Keir Starmer" : string.Empty)} to discuss {word} and the alliance.";
            var result = await fixture.App.SendAsync(new IngestArticle.Command { Text = text, Origin = "test", PublishedUtc = new DateTime(2025, 1 + i, 10, 9, 0, 0, DateTimeKind.Utc) });
            var plain = (await fixture.App.SendAsync(new NewsTracker.Web.Pages.Articles.DetailsModel.Query(result.ArticleId))).Blocks.Select(b => b.Text);
            var body = string.Join("\n\n", plain);
            foreach (var name in names.Where(n => body.Contains(n, StringComparison.Ordinal)))
            {
                var start = body.IndexOf(name, StringComparison.Ordinal);
                var tag = await fixture.App.SendAsAsync(editor, new NewsTracker.Web.Tagging.Tags.Create(
                    result.ArticleId, null, NewsTracker.Web.Domain.AnnotationKind.ActorMention, start, start + name.Length,
                    ActorId: actorIds.TryGetValue(name, out var known) ? known : null,
                    NewActor: actorIds.ContainsKey(name) ? null : new NewsTracker.Web.Tagging.Actors.NewActor(name, NewsTracker.Web.Domain.ActorKind.Person)));
                actorIds[name] = tag.ActorId!.Value;
            }
        }

        var topic = await fixture.App.SendAsAsync(editor, new TopicEditing.Create(new TopicEditing.TopicFields("Pictures " + word, null, null, word, true)));
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/topics/{topic.Slug}");

        await Assertions.Expect(page.Locator(".topic-pictures svg.chart rect.chart-bar")).ToHaveCountAsync(3 + (3 * 3));
        await Assertions.Expect(page.Locator(".actor-chart")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator(".topic-network svg circle.net-node")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator(".topic-network svg line.net-edge")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator(".topic-network table tbody tr").First).ToContainTextAsync("3");
        await page.Locator(".topic-pictures").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "topic-pictures.png") });
        await page.Locator(".topic-network").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "topic-network.png") });
    }

    [ChromiumFact]
    public async Task An_editor_creates_a_topic_adds_a_milestone_and_includes_an_article_from_the_pages()
    {
        var email = await fixture.App.CreateUserAsync(NewsTracker.Web.Domain.Roles.Editor);
        var article = await fixture.App.SendAsync(new IngestArticle.Command { Text = "Hand-picked report on ferries\n\nA report no saved search would find, added by hand.", Origin = "test" });
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, email);

        await page.GotoAsync("/topics/new");
        await page.GetByLabel("Name").FillAsync("Ferry strikes");
        await page.GetByLabel("Saved search").FillAsync("ferry strike");
        await page.GetByLabel("Published (readers can see and follow it)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create topic" }).ClickAsync();
        await page.WaitForURLAsync("**/topics/ferry-strikes/edit");

        await page.GetByLabel("What happened (one line)").FillAsync("Crews announce a week-long strike");
        await page.Locator("#new-day").FillAsync("2026-06-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add milestone" }).ClickAsync();
        await page.GetByLabel("Article number or address").FillAsync(article.ArticleId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.Locator(".pick-list li")).ToContainTextAsync("Hand-picked report on ferries");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "topic-edit.png"), FullPage = true });

        await page.GotoAsync("/topics/ferry-strikes");
        await Assertions.Expect(page.Locator("#day-2026-06-01 .milestone-text")).ToHaveTextAsync("Crews announce a week-long strike");
        await Assertions.Expect(page.Locator(".entry-article .entry-title")).ToHaveTextAsync("Hand-picked report on ferries");
    }
}
