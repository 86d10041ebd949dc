using NewsTracker.IntegrationTests.Tagging;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Pages.Outlets;
using NewsTracker.Web.Stories;

namespace NewsTracker.IntegrationTests.Stories;

/// <summary>The outlet and story counts follow each ingest in its transaction, agree with what the articles say,
/// and can be rebuilt when they do not.</summary>
public sealed class ArchiveCountsTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private static string Word() => "zq" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task The_first_report_credit_moves_to_an_outlet_that_turns_out_to_have_reported_earlier()
    {
        var word = Word();
        var title = "Dam inspection " + word;
        var body = $"Engineers found cracks in the {word} dam during a routine inspection on Friday.";
        await factory.ArticleAsync(body, title, new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc), "Wire " + word);
        await factory.ArticleAsync(body, title, new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc), "Herald " + word);
        Assert.Equal((1, 1, 1), await CountsAsync("Wire " + word));
        Assert.Equal((1, 0, 1), await CountsAsync("Herald " + word));

        await factory.ArticleAsync(body, title, new DateTime(2026, 2, 28, 18, 0, 0, DateTimeKind.Utc), "Courier " + word);

        Assert.Equal((1, 0, 1), await CountsAsync("Wire " + word));
        Assert.Equal((1, 1, 1), await CountsAsync("Courier " + word));
        var months = await factory.SendAsync(new DetailsModel.Query { Id = await OutletIdAsync("Courier " + word) });
        Assert.Equal(new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), Assert.Single(months.Months).Month);
        Assert.Equal(3, await factory.WithDbAsync(db => db.Stories.Where(s => s.Title == title).Select(s => s.ArticleCount).SingleAsync()));
        Assert.Empty(await factory.WithDbAsync(db => ArchiveCounts.VerifyAsync(db, CancellationToken.None)));
    }

    [Fact]
    public async Task Check_names_counts_that_disagree_with_the_articles_and_recount_repairs_them()
    {
        var word = Word();
        await factory.ArticleAsync($"The {word} ferry runs on its winter timetable.", published: new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), outlet: "Gazette " + word);
        var outletId = await OutletIdAsync("Gazette " + word);
        await factory.WithDbAsync(db => db.Outlets.Where(o => o.Id == outletId).ExecuteUpdateAsync(s => s.SetProperty(o => o.ArticleCount, 7)));
        await factory.WithDbAsync(db => db.OutletMonths.Where(m => m.OutletId == outletId).ExecuteDeleteAsync());

        var wrong = await factory.WithDbAsync(db => ArchiveCounts.VerifyAsync(db, CancellationToken.None));
        Assert.Contains($"outlet {outletId}: 7 articles and 0 first reports stored, 1 and 0 counted", wrong);
        Assert.Contains($"outlet {outletId}, month 202601: 0 articles stored, 1 counted", wrong);

        await factory.SendAsync(new ArchiveCounts.Rebuild());

        Assert.Empty(await factory.WithDbAsync(db => ArchiveCounts.VerifyAsync(db, CancellationToken.None)));
        Assert.Equal((1, 0, 1), await CountsAsync("Gazette " + word));
    }

    /// <summary>The outlet page's article count, first reports and months with articles.</summary>
    private async Task<(int Articles, int FirstReports, int Months)> CountsAsync(string outlet)
    {
        var page = await factory.SendAsync(new DetailsModel.Query { Id = await OutletIdAsync(outlet) });
        return (page.ArticleCount, page.FirstReports, page.Months.Count(m => m.Articles > 0));
    }

    private async Task<int> OutletIdAsync(string name) =>
        (await factory.SendAsync(new IndexModel.Query())).Single(o => o.Name == name).Id;
}
