using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.IntegrationTests.Pages.Articles;

/// <summary>An article whose page gave no publication date: stored as unknown, shown as "date unknown · added …",
/// never a story's first report over a dated article, and in no month of the outlet's chart.</summary>
public sealed class UnknownDateTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private const string Report =
        "The harbour authority closed the northern pier after a crane collapsed during the night shift. " +
        "Two workers were taken to hospital with minor injuries, the authority said in a short statement. " +
        "Engineers will inspect the remaining cranes before the pier reopens to container ships next week.";

    private static string Added(DateTime utc) => "date unknown · added " + utc.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_article_without_a_date_is_stored_without_one_and_says_so_where_its_date_is_shown()
    {
        var outlet = "Undated Gazette " + Guid.NewGuid().ToString("N")[..6];
        var result = await factory.SendAsync(new IngestArticle.Command { Text = "Pier closed " + Guid.NewGuid().ToString("N")[..6] + "\n\n" + Report + " " + Guid.NewGuid().ToString("N"), Outlet = outlet, Origin = "test" });
        var stored = await factory.WithDbAsync(db => db.Articles.Where(a => a.Id == result.ArticleId).Select(a => new { a.PublishedUtc, a.CreatedUtc, a.OutletId }).SingleAsync());
        Assert.Null(stored.PublishedUtc);
        var client = factory.CreateBrowserClient();

        var article = await Forms.GetDocumentAsync(client, $"/articles/{result.ArticleId}/{result.Slug}");
        using var outletAddress = await client.GetAsync($"/outlets/{stored.OutletId}"); // answers 301 to the address with its slug
        var outletPage = await Forms.GetDocumentAsync(client, outletAddress.Headers.Location!.OriginalString);

        Assert.Contains(Added(stored.CreatedUtc), article.QuerySelector(".meta time")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Added(stored.CreatedUtc), outletPage.QuerySelector(".meta time")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.CreatedUtc.ToString("MMMM yyyy", CultureInfo.InvariantCulture), outletPage.QuerySelector(".chart-data")?.TextContent ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_undated_copy_stored_first_is_never_the_first_report_over_a_dated_one()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var undatedOutlet = "Undated Wire " + tag;
        var datedOutlet = "Dated Daily " + tag;
        var body = Report + " Reference " + tag + ".";
        var undated = await factory.SendAsync(new IngestArticle.Command { Text = "Pier closed after crane collapse " + tag + "\n\n" + body, Outlet = undatedOutlet, Origin = "test" });
        var dated = await factory.SendAsync(new IngestArticle.Command
        {
            Text = "Pier closed after crane collapse " + tag + "\n\n" + body,
            Outlet = datedOutlet,
            PublishedUtc = DateTime.UtcNow.AddHours(2), // later than the undated copy was stored
            Origin = "test",
        });
        Assert.Equal(undated.StoryId, dated.StoryId);

        var story = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), $"/stories/{dated.StoryId}");

        var lede = string.Join(' ', story.QuerySelector(".lede")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"First reported by {datedOutlet}", lede, StringComparison.Ordinal);
        var first = Assert.Single(story.QuerySelectorAll(".coverage-item.first-report"));
        Assert.Contains(datedOutlet, first.TextContent, StringComparison.Ordinal);
        var undatedItem = story.QuerySelectorAll(".coverage-item").Single(i => i.TextContent.Contains(undatedOutlet, StringComparison.Ordinal));
        Assert.Contains("date unknown · added", undatedItem.TextContent, StringComparison.Ordinal);
    }
}
