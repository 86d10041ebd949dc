using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Data;
using NewsTracker.Web.Ingestion;
using static NewsTracker.IntegrationTests.Ingestion.IngestionApi;

namespace NewsTracker.IntegrationTests.Ingestion;

/// <summary>What ingestion treats as the same article, a new version, or another outlet's copy of one
/// report, through the command and the API.</summary>
public sealed class DedupeTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private const string WireTitle = "Dockers strike at Valmora port after pay talks collapse";

    private static readonly string[] WireReport =
    [
        "Dock workers at the port of Valmora walked off the job on Monday, halting container traffic at the country's busiest harbour after talks over pay and automation broke down late on Sunday night, union leaders said.",
        "The strike, the first at Valmora in more than a decade, left dozens of cargo ships waiting at anchor outside the breakwater and forced two shipping lines to divert vessels to smaller ports along the coast.",
        "\"We did not want this, but the company left us no choice,\" said Marta Keller, who leads the dockers' union. \"They want to replace half the crane operators with remote-controlled machines and offer nothing to the people who lose their jobs.\"",
        "The port operator, Valmora Terminals, said in a statement that it had offered a four percent pay rise over two years and a retraining programme for workers affected by new equipment, and called the walkout unnecessary and damaging to the regional economy.",
        "The transport ministry said it was monitoring the situation closely and urged both sides to return to the negotiating table. A spokesperson declined to say whether the government would intervene if the strike lasted beyond the end of the week.",
        "Business groups warned that a long stoppage could disrupt supplies of fuel, grain and car parts ahead of the winter. Valmora handles roughly a third of the country's container imports, according to figures published by the port authority last year.",
        "Truck drivers queued for several kilometres on the motorway leading to the terminal before police turned them back, and a logistics firm said it had started moving urgent freight by rail through a neighbouring country at considerably higher cost.",
        "Union officials said pickets would remain at the main gates around the clock and that a mass meeting of members was planned for Thursday to decide on further action. No new talks had been scheduled as of Monday evening.",
    ];

    /// <summary>How another outlet rewrites the wire lede; the rest is the wire copy, plus its own sign-off.</summary>
    private const string RewrittenLede = "Thousands of dockers at Valmora, the nation's largest container port, began an open-ended strike on Monday morning after overnight negotiations on wages and the introduction of automated cranes collapsed, leaving ships stranded offshore.";

    private const string SignOff = "Reporting by Anna Lind in Valmora; additional reporting by Tomas Berg; editing by Clare Hughes and Mark Dean.";

    private static readonly string[] UnrelatedReport =
    [
        "The national museum will reopen its medieval galleries in the spring after a three-year renovation that replaced the roof, the lighting and most of the display cases, its director announced on Tuesday.",
        "More than four hundred objects that have not been shown in public for decades will go on display, including a carved ivory chess set, a set of illuminated prayer books and fragments of a painted ceiling rescued from a demolished chapel.",
        "\"We wanted visitors to see how people actually lived, not only how kings and bishops wanted to be remembered,\" said the director, Paula Ferrand. \"There is a whole room of kitchen tools and children's toys that has never been on view.\"",
        "The renovation cost about thirty million euros, most of it from the culture ministry, with the rest raised from private donors and a campaign that asked members of the public to sponsor individual objects in return for their names on a wall.",
        "Conservators spent two years cleaning and repairing the most fragile pieces. Some textiles were so delicate that they will be shown only for a few months at a time and then rested in darkness to protect their colours.",
        "The museum expects the galleries to draw large crowds and will sell timed tickets for the first six weeks. School groups will be admitted free of charge on weekday mornings, and a new entrance for wheelchair users opens on the same day.",
        "Critics have complained for years that the old galleries were dark and confusing, with labels written for specialists. The new displays include short texts in three languages, audio guides for children and a room where visitors can handle copies of the objects.",
        "The museum said the rest of the building would stay open throughout the final stage of the work, although the café and the shop will close for two weeks in February while the new exhibition spaces are connected to the main hall.",
    ];

    /// <summary>Used by one test only, so nothing else can share its story.</summary>
    private static readonly string[] HarvestReport =
    [
        "Winemakers in the southern valleys began picking grapes almost three weeks earlier than usual this year after a hot, dry summer, and growers' associations said on Friday that the harvest was likely to be small but of high quality.",
        "Many vineyards lost part of their crop to hail in June, and the long heatwave that followed left the surviving grapes with thick skins and high sugar levels. Some producers said they had picked at night to keep the fruit cool.",
        "\"We have never started this early in forty years,\" said Jordi Ferrer, whose family has farmed the same hillside since the nineteenth century. \"The grapes are beautiful, but there are simply fewer of them, and the workers were not ready.\"",
        "The regional agriculture office estimated that production would fall by about a fifth compared with last year. Prices for bulk wine have already risen, and several cooperatives said they would ration sales to their regular buyers.",
        "Scientists at the local university said the early harvests fit a pattern seen across Europe over the past two decades, as rising temperatures push the ripening of grapes into the hottest weeks of the summer and change the character of the wines.",
        "Some growers have begun planting varieties from hotter countries or moving vines to higher ground, where nights are cooler. Others are experimenting with shade nets and with leaving more leaves on the vines to protect the bunches from the sun.",
        "Seasonal workers, many of whom travel from abroad for the harvest, said the sudden start had left them scrambling to find places to stay. Town halls in two villages opened sports centres as temporary dormitories for the pickers.",
        "The growers' association said it would ask the government for help to buy hail nets and irrigation equipment, and warned that smaller family vineyards could not survive many more seasons like this one without support.",
    ];

    public static TheoryData<string> AddressVariants => new()
    {
        "https://coastal-herald.example/world/{slug}?utm_source=newsletter&utm_medium=email",
        "https://coastal-herald.example/world/{slug}#comments",
        "HTTPS://Coastal-Herald.EXAMPLE/world/{slug}/",
        "https://coastal-herald.example:443/world/{slug}?fbclid=IwAR0abc&gclid=xyz",
    };

    [Theory]
    [MemberData(nameof(AddressVariants))]
    public async Task The_same_address_with_tracking_parameters_a_fragment_or_different_case_is_one_article(string variant)
    {
        // A slug of its own per case, so the rows of this theory do not meet each other.
        var slug = "harbour-" + Guid.NewGuid().ToString("N")[..8];
        var address = $"https://coastal-herald.example/world/{slug}";
        var original = await factory.SendAsync(new IngestArticle.Command { Text = Text($"Harbour reopens {slug}", WireReport), Url = address });

        var again = await factory.SendAsync(new IngestArticle.Command { Text = Text($"Harbour reopens {slug}", WireReport), Url = variant.Replace("{slug}", slug, StringComparison.Ordinal) });
        var corrected = await factory.SendAsync(new IngestArticle.Command
        {
            Text = Text($"Harbour reopens {slug}", [.. WireReport, "This article was corrected to give the union leader's full name."]),
            Url = variant.Replace("{slug}", slug, StringComparison.Ordinal),
        });

        Assert.Equal(IngestArticle.Outcome.Added, original.Outcome);
        Assert.Equal((IngestArticle.Outcome.Duplicate, original.ArticleId), (again.Outcome, again.ArticleId));
        Assert.Equal((IngestArticle.Outcome.NewVersion, original.ArticleId, 2), (corrected.Outcome, corrected.ArticleId, corrected.Version));
        Assert.Equal(1, await QueryAsync(db => db.Articles.CountAsync(a => a.CanonicalUrl == address)));
    }

    [Fact]
    public async Task Changed_text_at_a_known_address_becomes_version_2_and_keeps_both_versions()
    {
        var client = await factory.CreateJournalistClientAsync();
        var address = "https://northern-post.example/news/museum-galleries-reopen";

        using var first = await client.PostAsJsonAsync(Articles, new { text = Text("Museum galleries to reopen", UnrelatedReport), url = address });
        using var second = await client.PostAsJsonAsync(Articles, new
        {
            text = Text("Museum galleries to reopen in spring", [.. UnrelatedReport[..^1], "The museum said on Wednesday that the café would stay open after all."]),
            url = address + "?utm_campaign=update#top",
        });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var added = await ReadJsonAsync(first);
        var updated = await ReadJsonAsync(second);
        var id = added.GetProperty("id").GetInt32();
        Assert.Equal(("newversion", id, 2), (updated.GetProperty("outcome").GetString(), updated.GetProperty("id").GetInt32(), updated.GetProperty("version").GetInt32()));

        var article = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"{Articles}/{id}");
        Assert.Equal(2, article.GetProperty("version").GetInt32());
        Assert.Equal("Museum galleries to reopen in spring", article.GetProperty("title").GetString());

        var page = await Forms.GetDocumentAsync(factory.CreateClient(), updated.GetProperty("url").GetString()!);
        Assert.Equal("Updated · v2", page.QuerySelector(".meta .badge")?.TextContent.Trim());

        var versions = await QueryAsync(db => db.ArticleVersions.Where(v => v.ArticleId == id).OrderBy(v => v.Number)
            .Select(v => new { v.Number, v.Title, v.PlainText }).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Equal(["Museum galleries to reopen", "Museum galleries to reopen in spring"], versions.Select(v => v.Title));
        Assert.Contains("the shop will close for two weeks", versions[0].PlainText, StringComparison.Ordinal);
        Assert.Contains("the café would stay open after all", versions[1].PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_text_pasted_twice_for_one_outlet_is_a_duplicate()
    {
        var client = await factory.CreateJournalistClientAsync();
        var text = Text("Ferry timetable restored after storm", [.. UnrelatedReport[2..5]]);
        var before = await StoredRows.CountAsync(factory);

        var first = await factory.SendAsync(new IngestArticle.Command { Text = text, Outlet = "Harbour Gazette" });
        var second = await factory.SendAsync(new IngestArticle.Command { Text = text, Outlet = "Harbour Gazette" });
        using var third = await client.PostAsJsonAsync(Articles, new { text, outlet = "harbour gazette" });

        Assert.Equal(IngestArticle.Outcome.Added, first.Outcome);
        Assert.Equal((IngestArticle.Outcome.Duplicate, first.ArticleId), (second.Outcome, second.ArticleId));
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        var json = await ReadJsonAsync(third);
        Assert.Equal(("duplicate", first.ArticleId), (json.GetProperty("outcome").GetString(), json.GetProperty("id").GetInt32()));
        var after = await StoredRows.CountAsync(factory);
        Assert.Equal((before.Articles + 1, before.Versions + 1, before.Stories + 1), (after.Articles, after.Versions, after.Stories));
    }

    [Fact]
    public async Task The_same_wire_report_from_two_outlets_is_two_articles_in_one_story()
    {
        var text = Text(WireTitle + " (identical copies)", WireReport);

        var herald = await factory.SendAsync(new IngestArticle.Command { Text = text, Outlet = "Coastal Herald (wire)" });
        var post = await factory.SendAsync(new IngestArticle.Command { Text = text, Outlet = "Northern Post (wire)" });

        Assert.Equal((IngestArticle.Outcome.Added, false), (herald.Outcome, herald.JoinedStory));
        Assert.Equal((IngestArticle.Outcome.Added, true), (post.Outcome, post.JoinedStory));
        Assert.NotEqual(herald.ArticleId, post.ArticleId);
        Assert.Equal(herald.StoryId, post.StoryId);
        Assert.Equal(2, await QueryAsync(db => db.Articles.CountAsync(a => a.StoryId == herald.StoryId)));
    }

    [Fact]
    public async Task A_wire_copy_with_a_rewritten_lede_and_a_sign_off_from_another_outlet_joins_the_story()
    {
        var wire = await factory.SendAsync(new IngestArticle.Command { Text = Text(WireTitle, WireReport), Outlet = "Wire Service (rewrite test)" });

        var copy = await factory.SendAsync(new IngestArticle.Command
        {
            Text = Text("Valmora dockers begin open-ended strike", [RewrittenLede, .. WireReport[1..], SignOff]),
            Outlet = "Coastal Herald (rewrite test)",
        });

        Assert.True(Words(WireReport) >= 300, "the wire report is article length");
        Assert.Equal((IngestArticle.Outcome.Added, true, wire.StoryId), (copy.Outcome, copy.JoinedStory, copy.StoryId));
    }

    [Fact]
    public async Task An_unrelated_article_of_similar_length_starts_its_own_story()
    {
        var wire = await factory.SendAsync(new IngestArticle.Command { Text = Text(WireTitle, WireReport), Outlet = "Wire Service (unrelated test)" });

        var unrelated = await factory.SendAsync(new IngestArticle.Command { Text = Text("Vineyards report early harvest", HarvestReport), Outlet = "Northern Post (unrelated test)" });

        Assert.InRange(Words(HarvestReport), Words(WireReport) - 40, Words(WireReport) + 40);
        Assert.Equal((IngestArticle.Outcome.Added, false), (unrelated.Outcome, unrelated.JoinedStory));
        Assert.NotEqual(wire.StoryId, unrelated.StoryId);
        Assert.Equal(1, await QueryAsync(db => db.Articles.CountAsync(a => a.StoryId == unrelated.StoryId)));
    }

    [Fact]
    public async Task A_page_whose_canonical_link_names_another_site_does_not_merge_into_that_sites_article()
    {
        const string original = "https://coastal-herald.example/world/valmora-strike-syndication";
        var herald = await factory.SendAsync(new IngestArticle.Command { Html = Page("Coastal Herald", original, WireReport), Url = original });

        var syndicated = await factory.SendAsync(new IngestArticle.Command
        {
            Html = Page("Syndicate Daily", original, WireReport),
            Url = "https://syndicate-daily.example/2026/11/valmora-strike",
        });

        Assert.Equal(IngestArticle.Outcome.Added, syndicated.Outcome);
        Assert.NotEqual(herald.ArticleId, syndicated.ArticleId);
        Assert.Equal((true, herald.StoryId), (syndicated.JoinedStory, syndicated.StoryId));
        var stored = await QueryAsync(db => db.Articles.Where(a => a.Id == herald.ArticleId || a.Id == syndicated.ArticleId)
            .OrderBy(a => a.Id).Select(a => new { a.CanonicalUrl, a.CurrentVersion, Outlet = a.Outlet!.Name }).ToListAsync());
        Assert.Equal((original, 1, "Coastal Herald"), (stored[0].CanonicalUrl, stored[0].CurrentVersion, stored[0].Outlet));
        Assert.Equal(("https://syndicate-daily.example/2026/11/valmora-strike", "Syndicate Daily"), (stored[1].CanonicalUrl, stored[1].Outlet));
    }

    [Fact]
    public async Task A_page_whose_canonical_link_stays_on_its_site_dedupes_against_that_address()
    {
        const string canonical = "https://coastal-herald.example/culture/museum-galleries";
        var amp = await factory.SendAsync(new IngestArticle.Command
        {
            Html = Page("Coastal Herald", canonical, UnrelatedReport),
            Url = "https://coastal-herald.example/amp/culture/museum-galleries?outputType=amp",
        });

        var main = await factory.SendAsync(new IngestArticle.Command
        {
            Html = Page("Coastal Herald", canonical, [.. UnrelatedReport, "An earlier version of this article misstated the cost of the renovation."]),
            Url = canonical + "?utm_source=rss",
        });

        Assert.Equal((IngestArticle.Outcome.NewVersion, amp.ArticleId, 2), (main.Outcome, main.ArticleId, main.Version));
        Assert.Equal(canonical, await QueryAsync(db => db.Articles.Where(a => a.Id == amp.ArticleId).Select(a => a.CanonicalUrl).SingleAsync()));
    }

    private static string Text(string title, IEnumerable<string> paragraphs) => title + "\n\n" + string.Join("\n\n", paragraphs);

    private static int Words(IEnumerable<string> paragraphs) => paragraphs.Sum(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);

    private static string Page(string siteName, string canonical, IEnumerable<string> paragraphs) =>
        $"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{WireTitle} | {siteName}</title>
        <meta property="og:site_name" content="{siteName}"><link rel="canonical" href="{canonical}"></head>
        <body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
        <main><article><h1>{WireTitle}</h1>{string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>"))}</article></main>
        <footer>© {siteName}</footer></body></html>
        """;

    private async Task<T> QueryAsync<T>(Func<NewsTrackerDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>());
    }
}
