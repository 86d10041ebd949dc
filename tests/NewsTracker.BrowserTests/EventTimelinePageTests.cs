using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NewsTracker.IntegrationTests.Pages.Stories;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Topics;

namespace NewsTracker.BrowserTests;

/// <summary>A topic timeline in a real browser shows an event once a day with its outlets and unfolds the other
/// reports. Its own host: the reports share their wording with the split test's, so on one host they would join that
/// test's stories as near-copies.</summary>
public sealed class EventTimelinePageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public async Task A_topic_timeline_shows_an_event_once_a_day_with_its_outlets_and_unfolds_the_other_reports()
    {
        var editor = await fixture.App.CreateEditorAsync(Roles.Editor);
        var topic = await fixture.App.SendAsAsync(editor, new TopicEditing.Create(new TopicEditing.TopicFields("Quarry blast", null, "Grouped timeline", EventCoverage.Place, true)));
        await EventCoverage.IngestAsync(fixture.App, new DateTime(2026, 8, 10, 9, 0, 0, DateTimeKind.Utc), "browser-topic");

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/topics/{topic.Slug}");

        var day = page.Locator("#day-2026-08-10");
        await Assertions.Expect(day.Locator(".entry-article")).ToHaveCountAsync(1);
        var summary = day.Locator(".story-group summary");
        await Assertions.Expect(summary).ToHaveTextAsync("3 outlets: " + string.Join(", ", EventCoverage.Outlets.Select(o => o + " browser-topic")));
        await Assertions.Expect(day.Locator(".story-group-list a").First).Not.ToBeVisibleAsync();

        await summary.ClickAsync();

        await Assertions.Expect(day.Locator(".story-group-list a")).ToHaveCountAsync(2);
        await Assertions.Expect(day.Locator(".story-group-list a").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "topic-grouped-timeline.png"), FullPage = true });
    }
}
