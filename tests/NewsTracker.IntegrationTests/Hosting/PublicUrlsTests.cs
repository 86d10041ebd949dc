using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using NewsTracker.IntegrationTests.Tagging;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Tagging;
using NewsTracker.Web.Topics;

namespace NewsTracker.IntegrationTests.Hosting;

/// <summary>With <c>NewsTracker:PublicBaseUrl</c> set, every absolute address the app writes starts there, whatever
/// Host header a request carries; and what crawlers read (robots.txt, the sitemap, the favicon).</summary>
public sealed class PublicUrlsTests(PublicUrlsTests.PublicBaseFactory factory) : IClassFixture<PublicUrlsTests.PublicBaseFactory>
{
    private const string Base = "https://news.example.org/desk";

    /// <summary>The app published under <see cref="Base"/>, with a small sitemap part size.</summary>
    public sealed class PublicBaseFactory : NewsTrackerFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["NewsTracker:PublicBaseUrl"] = Base + "/",
            ["Sitemap:MaxUrlsPerFile"] = "2",
        };
    }

    /// <summary>A client whose requests name a host that is not the newsroom's.</summary>
    private HttpClient ForgedHostClient() =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://attacker.example") });

    [Fact]
    public async Task ClaimReview_web_annotations_and_the_atom_feed_use_the_public_base_not_the_host_header()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var article = await factory.ArticleAsync("The minister said the plan was dead, according to reports. Nothing else happened.", outlet: "Base Wire");
        var tag = await factory.ClaimTagAsync(editor, article, "the plan was dead", newClaim: new Claims.NewClaim("The plan is dead " + Guid.NewGuid().ToString("N")[..6]));
        var claimId = tag.ClaimId!.Value;
        await factory.PublishAsync(editor, claimId);
        var client = ForgedHostClient();

        using var review = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/claims/{claimId}.jsonld"));
        using var annotations = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/articles/{article.Id}/annotations"));
        using var feedReader = XmlReader.Create(await client.GetStreamAsync($"/topics/{TopicSeed.Slug}/feed.atom"));
        var feed = SyndicationFeed.Load(feedReader);

        Assert.Equal($"{Base}/claims/{claimId}", review.RootElement.GetProperty("url").GetString());
        Assert.DoesNotContain("attacker.example", review.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.StartsWith($"{Base}/api/v1/articles/{article.Id}/annotations", annotations.RootElement.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", annotations.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Equal($"tag:news.example.org,2026:desk/topic/{TopicSeed.Slug}", feed.Id);
        Assert.All(feed.Items, item => Assert.StartsWith("tag:news.example.org,2026:desk/", item.Id, StringComparison.Ordinal));
        Assert.Contains(feed.Links, l => l.RelationshipType == "self" && l.Uri.AbsoluteUri == $"{Base}/topics/{TopicSeed.Slug}/feed.atom");
        Assert.All(feed.Items.SelectMany(i => i.Links).Where(l => l.Uri.Host != "news.example.org"), l => Assert.DoesNotContain("attacker", l.Uri.Host, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_setup_link_logged_at_start_is_under_the_public_base()
    {
        var logged = await factory.WithDbAsync(_ => Task.FromResult(LoggingTests.ReadLogs(factory.DataDirectory)));

        Assert.Contains($"{Base}/setup?token=", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Robots_txt_keeps_crawlers_off_forms_and_the_api_and_points_at_the_sitemap()
    {
        var robots = await ForgedHostClient().GetStringAsync("/robots.txt");

        Assert.StartsWith("User-agent: *\n", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /account/\n", robots, StringComparison.Ordinal);
        Assert.Contains("Disallow: /api/\n", robots, StringComparison.Ordinal);
        Assert.Contains($"Sitemap: {Base}/sitemap.xml\n", robots, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_the_per_file_limit_the_sitemap_is_an_index_whose_parts_list_every_article_published_topic_and_claim_once()
    {
        for (var i = 0; i < 3; i++)
        {
            await factory.ArticleAsync($"Sitemap body number {i} {Guid.NewGuid():N}.");
        }

        var client = ForgedHostClient();
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";

        var index = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));

        Assert.Equal(sm + "sitemapindex", index.Root!.Name);
        var parts = index.Root.Elements(sm + "sitemap").Select(s => s.Element(sm + "loc")!.Value).ToList();
        Assert.True(parts.Count >= 2);
        Assert.All(parts, p => Assert.StartsWith($"{Base}/sitemaps/", p, StringComparison.Ordinal));
        var urls = new List<string>();
        foreach (var part in parts)
        {
            var set = XDocument.Parse(await client.GetStringAsync(new Uri(part).AbsolutePath.Replace("/desk", string.Empty, StringComparison.Ordinal)));
            Assert.Equal(sm + "urlset", set.Root!.Name);
            var locs = set.Root.Elements(sm + "url").Select(u => u.Element(sm + "loc")!.Value).ToList();
            Assert.InRange(locs.Count, 1, 2);
            Assert.All(set.Root.Elements(sm + "url"), u => Assert.NotNull(u.Element(sm + "lastmod")));
            urls.AddRange(locs);
        }

        Assert.Equal(urls.Count, urls.Distinct(StringComparer.Ordinal).Count());
        Assert.All(urls, u => Assert.StartsWith(Base + "/", u, StringComparison.Ordinal));
        var articles = await factory.WithDbAsync(db => Task.FromResult(db.Articles.Select(a => a.Id).ToList()));
        Assert.All(articles, id => Assert.Contains(urls, u => u.StartsWith($"{Base}/articles/{id}/", StringComparison.Ordinal)));
        Assert.Contains($"{Base}/topics/{TopicSeed.Slug}", urls);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/sitemaps/{parts.Count + 1}.xml")).StatusCode);
    }

    [Fact]
    public async Task A_favicon_is_served_and_linked_from_every_page()
    {
        var client = ForgedHostClient();

        using var ico = await client.GetAsync("/favicon.ico");
        using var svg = await client.GetAsync("/favicon.svg");
        var page = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), "/");

        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, (await ico.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(page.QuerySelector("link[rel=icon][href='/favicon.svg']"));
    }
}
