using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Data;

namespace NewsTracker.IntegrationTests.Pages;

public sealed class HomeAndArticleTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private const string SeedTitle = "U.S. Weighs Instant NATO Membership for Ukraine if Russia Violates Peace Deal";

    [Fact]
    public async Task The_front_page_lists_the_seed_article_anonymously()
    {
        var document = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), "/");

        var titles = document.QuerySelectorAll(".article-card h2 a").Select(a => a.TextContent).ToList();
        Assert.Contains(SeedTitle, titles);
        Assert.Contains("instant entry to NATO", document.QuerySelector(".article-card .excerpt")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seed_article_shows_its_title_once_and_captions_as_captions()
    {
        var client = factory.CreateBrowserClient();
        var home = await Forms.GetDocumentAsync(client, "/");
        var link = home.QuerySelector(".article-card h2 a")!.GetAttribute("href")!;

        var article = await Forms.GetDocumentAsync(client, link);

        var body = article.QuerySelector("article")!.TextContent;
        Assert.Single(article.QuerySelectorAll("h1"));
        Assert.Equal(1, CountOccurrences(body, SeedTitle));
        var captions = article.QuerySelectorAll("figcaption.caption").Select(c => c.TextContent).ToList();
        Assert.Equal(3, captions.Count);
        Assert.StartsWith("Tracers are seen in the night sky", captions[0], StringComparison.Ordinal);
        Assert.Contains("Volodymyr Zelensky has repeatedly called for his country to be admitted to the alliance", captions);
        Assert.DoesNotContain(article.QuerySelectorAll(".article-body > p"), p => p.TextContent.StartsWith("Tracers are seen", StringComparison.Ordinal));
        Assert.Equal(5, article.QuerySelectorAll(".article-body > p").Length);
    }

    [Fact]
    public async Task An_article_address_without_its_slug_redirects_to_the_canonical_one()
    {
        var client = factory.CreateBrowserClient();

        var response = await client.GetAsync("/articles/1");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.StartsWith("/articles/1/u-s-weighs-instant-nato-membership", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_article_is_a_404_page()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/articles/999999/nothing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_start_on_the_same_data_adds_no_duplicate()
    {
        _ = factory.CreateBrowserClient();
        using (var restarted = new SameDataFactory(factory.DataDirectory))
        {
            _ = restarted.CreateBrowserClient();
            await using var scope = restarted.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
            Assert.Equal(1, await db.Articles.CountAsync(a => a.Title == SeedTitle));
            Assert.Equal(1, await db.ArticleVersions.CountAsync());
        }
    }

    [Fact]
    public async Task The_health_check_reports_the_database()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_carry_a_nonce_based_content_security_policy()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/");

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'nonce-", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>A second app instance over an existing data directory: a restart.</summary>
    /// <summary>A second start on the first's database. The class's own host is still running and holds the search
    /// index's write lock (one index per process), so the second keeps its index in a folder of its own.</summary>
    private sealed class SameDataFactory(string dataDirectory) : NewsTrackerFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Search:IndexDirectory"] = Path.Combine(dataDirectory, "search-index-second-start"),
        };
    }
}
