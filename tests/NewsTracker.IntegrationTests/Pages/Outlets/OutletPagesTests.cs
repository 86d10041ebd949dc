using System.Net;
using AngleSharp.Dom;
using NewsTracker.Web.Pages.Outlets;

namespace NewsTracker.IntegrationTests.Pages.Outlets;

public sealed class OutletPagesTests(CoverageFactory factory) : IClassFixture<CoverageFactory>
{
    [Fact]
    public async Task The_outlet_index_lists_outlets_by_article_count_with_their_first_reports()
    {
        var document = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), "/outlets");

        var rows = document.QuerySelectorAll(".outlet-table tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList())
            .ToList();
        Assert.Equal([CoverageFactory.WireOutlet, "harbour-wire.example", "2", "1"], rows[0]);
        var herald = rows.Single(r => r[0] == CoverageFactory.RewriteOutlet);
        Assert.Equal(["1", "0"], herald[2..]);
        var articleCounts = rows.Select(r => int.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(articleCounts.OrderDescending(), articleCounts);
    }

    [Fact]
    public async Task An_outlet_page_counts_articles_and_first_reports_but_not_stories_nobody_else_covered()
    {
        var document = await OutletPageAsync(CoverageFactory.WireOutlet);

        Assert.Equal(CoverageFactory.WireOutlet, document.QuerySelector("h1")!.TextContent);
        Assert.Equal(["2", "1"], document.QuerySelectorAll(".stats dd").Select(d => d.TextContent));
        Assert.Equal(
            [CoverageFactory.WireTitle, CoverageFactory.MuseumTitle],
            document.QuerySelectorAll(".article-card h2 a").Select(a => a.TextContent));

        var follower = await OutletPageAsync(CoverageFactory.CopyOutlet);
        Assert.Equal(["1", "0"], follower.QuerySelectorAll(".stats dd").Select(d => d.TextContent));
    }

    [Fact]
    public async Task The_monthly_chart_has_a_bar_per_month_and_a_table()
    {
        var document = await OutletPageAsync(CoverageFactory.WireOutlet);

        var chart = document.QuerySelector("svg.chart[role=img]")!;
        Assert.Equal($"Articles per month from {CoverageFactory.WireOutlet}", chart.QuerySelector("title")!.TextContent);
        Assert.Equal(["Oct 2026: 1 article", "Nov 2026: 1 article"], chart.QuerySelectorAll("rect.chart-bar title").Select(t => t.TextContent));
        Assert.Equal(
            ["October 2026 1", "November 2026 1"],
            document.QuerySelectorAll(".chart-data tbody tr").Select(r => string.Join(' ', r.QuerySelectorAll("td").Select(c => c.TextContent))));
        Assert.Empty(document.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task Outlet_articles_page_newest_first_with_cursors()
    {
        var outletId = await OutletIdAsync(CoverageFactory.WireOutlet);

        var first = await factory.SendAsync(new DetailsModel.Query { Id = outletId, PageSize = 1 });
        var second = await factory.SendAsync(new DetailsModel.Query { Id = outletId, PageSize = 1, Before = first.OlderCursor });

        Assert.Equal(factory.Wire.ArticleId, Assert.Single(first.Items).Id);
        Assert.Equal(factory.Museum.ArticleId, Assert.Single(second.Items).Id);
        Assert.Null(second.OlderCursor);
        Assert.NotNull(second.NewerCursor);
    }

    [Fact]
    public async Task An_outlet_address_without_its_slug_redirects_and_an_unknown_outlet_is_404()
    {
        var client = factory.CreateBrowserClient();
        var outletId = await OutletIdAsync(CoverageFactory.WireOutlet);

        var response = await client.GetAsync($"/outlets/{outletId}");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/outlets/{outletId}/harbour-wire", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/outlets/987654/nobody")).StatusCode);
    }

    [Fact]
    public async Task A_bad_cursor_on_an_outlet_page_is_a_400_with_a_message()
    {
        var outletId = await OutletIdAsync(CoverageFactory.WireOutlet);

        var response = await factory.CreateBrowserClient().GetAsync($"/outlets/{outletId}/harbour-wire?before=zzz");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cursor is not valid", (await Forms.ParseAsync(response)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_meta_line_links_the_outlet_name_to_its_page()
    {
        var document = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), $"/articles/{factory.Rewrite.ArticleId}/{factory.Rewrite.Slug}");

        var outlet = document.QuerySelector(".article-header .meta a.outlet")!;
        Assert.Equal(CoverageFactory.RewriteOutlet, outlet.TextContent);
        Assert.Equal($"/outlets/{await OutletIdAsync(CoverageFactory.RewriteOutlet)}", outlet.GetAttribute("href"));
    }

    private async Task<int> OutletIdAsync(string name) =>
        (await factory.SendAsync(new IndexModel.Query())).Single(o => o.Name == name).Id;

    private async Task<IDocument> OutletPageAsync(string name)
    {
        var outlet = (await factory.SendAsync(new IndexModel.Query())).Single(o => o.Name == name);
        return await Forms.GetDocumentAsync(factory.CreateBrowserClient(), $"/outlets/{outlet.Id}/{outlet.Slug}");
    }
}
