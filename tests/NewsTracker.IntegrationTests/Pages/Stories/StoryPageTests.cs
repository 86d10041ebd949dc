using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsTracker.Web.Pages;

namespace NewsTracker.IntegrationTests.Pages.Stories;

public sealed class StoryPageTests(CoverageFactory factory) : IClassFixture<CoverageFactory>
{
    [Fact]
    public void Two_outlets_copies_of_one_report_are_one_story()
    {
        Assert.True(factory.Rewrite.JoinedStory || factory.Wire.JoinedStory);
        Assert.Equal(factory.Wire.StoryId, factory.Rewrite.StoryId);
        Assert.Equal(factory.Wire.StoryId, factory.Copy.StoryId);
        Assert.NotEqual(factory.Wire.StoryId, factory.Museum.StoryId);
    }

    [Fact]
    public async Task The_story_page_lists_coverage_in_order_of_publication_with_the_first_reporter_marked()
    {
        var document = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), $"/stories/{factory.Wire.StoryId}");

        var items = document.QuerySelectorAll(".coverage-item");
        Assert.Equal(
            [CoverageFactory.WireOutlet, CoverageFactory.RewriteOutlet, CoverageFactory.CopyOutlet],
            items.Select(i => i.QuerySelector(".coverage-outlet")!.TextContent.Trim()));
        var first = Assert.Single(document.QuerySelectorAll(".coverage-item.first-report"));
        Assert.Equal("First report", first.QuerySelector(".first-badge")!.TextContent);
        Assert.Contains(CoverageFactory.WireOutlet, first.TextContent, StringComparison.Ordinal);
        Assert.Single(document.QuerySelectorAll(".first-badge"));
        Assert.Contains($"First reported by {CoverageFactory.WireOutlet}", document.QuerySelector(".lede")!.TextContent.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(CoverageFactory.WireTitle, document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_later_version_lists_the_sentences_it_adds_and_counts_those_it_omits()
    {
        var document = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), $"/stories/{factory.Wire.StoryId}");

        var rewrite = document.QuerySelectorAll(".coverage-item")[1];
        Assert.Equal(CoverageFactory.AddedSentences, rewrite.QuerySelectorAll(".added-sentences li").Select(li => li.TextContent));
        var note = string.Join(' ', rewrite.QuerySelector(".diff-note")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("Adds 2 sentences; omits 1 sentence of the first report.", note);
        Assert.DoesNotContain(CoverageFactory.OmittedSentence, rewrite.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_identical_copy_is_said_to_have_the_same_sentences()
    {
        var document = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), $"/stories/{factory.Wire.StoryId}");

        var copy = document.QuerySelectorAll(".coverage-item")[2];
        Assert.Equal("Same sentences as the first report.", copy.QuerySelector(".diff-note")!.TextContent.Trim());
        Assert.Empty(copy.QuerySelectorAll(".added-sentences"));
    }

    [Fact]
    public async Task The_timeline_has_one_mark_per_article_and_a_table_to_fall_back_on_without_inline_styles()
    {
        var document = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), $"/stories/{factory.Wire.StoryId}");

        var chart = document.QuerySelector("svg.chart[role=img]")!;
        Assert.Equal("Timeline of coverage: 3 articles from 3 outlets", chart.QuerySelector("title")!.TextContent);
        Assert.Equal(chart.QuerySelector("title")!.Id, chart.GetAttribute("aria-labelledby"));
        Assert.Equal(3, chart.QuerySelectorAll("circle.chart-mark").Length);
        Assert.Single(chart.QuerySelectorAll("circle.chart-mark-first"));
        var lanes = chart.QuerySelectorAll(".chart-lane text").Select(t => t.TextContent).ToList();
        Assert.Equal([CoverageFactory.WireOutlet, CoverageFactory.RewriteOutlet, CoverageFactory.CopyOutlet], lanes);
        Assert.Contains(chart.QuerySelectorAll("text"), t => t.TextContent == "17 Nov 08:00");
        Assert.Equal(3, document.QuerySelectorAll(".chart-data tbody tr").Length);
        Assert.Empty(document.QuerySelectorAll("[style]"));
        Assert.Empty(document.QuerySelectorAll("style"));
    }

    [Fact]
    public async Task Markup_in_a_title_is_shown_as_text()
    {
        var client = factory.CreateBrowserClient();
        var response = await client.GetAsync($"/stories/{factory.Wire.StoryId}");
        var html = await response.Content.ReadAsStringAsync();
        var document = await Forms.ParseAsync(response);

        Assert.Equal(CoverageFactory.RewriteTitle, document.QuerySelectorAll(".coverage-item h3 a")[1].TextContent);
        Assert.Empty(document.QuerySelectorAll("main b"));
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_story_is_404_on_the_page_and_in_the_api()
    {
        var client = factory.CreateBrowserClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/stories/987654")).StatusCode);
        var api = await client.GetAsync("/api/v1/stories/987654");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_story_api_returns_the_coverage_and_added_sentences_as_json()
    {
        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/stories/{factory.Wire.StoryId}");

        Assert.Equal(factory.Wire.StoryId, json.GetProperty("id").GetInt32());
        Assert.Equal(3, json.GetProperty("outletCount").GetInt32());
        var coverage = json.GetProperty("coverage").EnumerateArray().ToList();
        Assert.Equal(factory.Wire.ArticleId, coverage[0].GetProperty("articleId").GetInt32());
        Assert.True(coverage[0].GetProperty("isFirst").GetBoolean());
        Assert.Equal(CoverageFactory.RewriteTitle, coverage[1].GetProperty("title").GetString());
        Assert.Equal(CoverageFactory.AddedSentences, coverage[1].GetProperty("addedSentences").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(1, coverage[1].GetProperty("omittedSentences").GetInt32());
        Assert.True(coverage[2].GetProperty("sameAsFirst").GetBoolean());
        Assert.False(json.TryGetProperty("firstReport", out _));
    }

    [Fact]
    public async Task An_article_page_shows_the_other_articles_of_its_story_and_links_to_the_story()
    {
        var document = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), $"/articles/{factory.Copy.ArticleId}/{factory.Copy.Slug}");

        var panel = document.QuerySelector("aside.related")!;
        var links = panel.QuerySelectorAll(".related-list > li > a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal(
            [(CoverageFactory.WireTitle, $"/articles/{factory.Wire.ArticleId}/{factory.Wire.Slug}"), (CoverageFactory.RewriteTitle, $"/articles/{factory.Rewrite.ArticleId}/{factory.Rewrite.Slug}")],
            links);
        Assert.Equal([CoverageFactory.WireOutlet, CoverageFactory.RewriteOutlet], panel.QuerySelectorAll(".related-list .outlet").Select(o => o.TextContent));
        Assert.Contains("17 Nov 2026", panel.QuerySelector(".related-list time")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/stories/{factory.Wire.StoryId}", panel.QuerySelector(".related-more a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task An_article_alone_in_its_story_shows_no_related_panel()
    {
        var document = await Forms.GetDocumentAsync(factory.CreateBrowserClient(), $"/articles/{factory.Museum.ArticleId}/{factory.Museum.Slug}");

        Assert.Null(document.QuerySelector("aside.related"));
        Assert.Null(document.QuerySelector($"a[href='/stories/{factory.Museum.StoryId}']"));
    }

    [Fact]
    public async Task The_front_page_lists_articles_by_default_and_stories_when_asked()
    {
        var client = factory.CreateBrowserClient();

        var articles = await Forms.GetDocumentAsync(client, "/");
        Assert.Equal("Articles", articles.QuerySelector(".tabs a[aria-current=page]")!.TextContent);
        Assert.Contains(articles.QuerySelectorAll(".article-card h2 a"), a => a.TextContent == CoverageFactory.RewriteTitle);

        var stories = await Forms.GetDocumentAsync(client, "/?view=stories");
        Assert.Equal("Stories", stories.QuerySelector(".tabs a[aria-current=page]")!.TextContent);
        var card = stories.QuerySelectorAll(".story-card").Single(c => c.QuerySelector("h2 a")!.GetAttribute("href") == $"/stories/{factory.Wire.StoryId}");
        Assert.Equal(CoverageFactory.WireTitle, card.QuerySelector("h2 a")!.TextContent);
        Assert.Contains("3 articles", card.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("3 outlets", card.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Harbour Wire, Coastal Herald, Evening Post", card.QuerySelector(".outlet-names")!.TextContent.Trim());
        Assert.DoesNotContain(stories.QuerySelectorAll("h2 a"), a => a.TextContent == CoverageFactory.RewriteTitle);
    }

    [Fact]
    public async Task Story_mode_pages_by_newest_activity_with_cursors()
    {
        var firstPage = await factory.SendAsync(new IndexModel.StoriesQuery { PageSize = 1 });
        var secondPage = await factory.SendAsync(new IndexModel.StoriesQuery { PageSize = 1, Before = firstPage.OlderCursor });
        var backAgain = await factory.SendAsync(new IndexModel.StoriesQuery { PageSize = 1, After = secondPage.NewerCursor });

        Assert.Equal(factory.Museum.StoryId, Assert.Single(firstPage.Items).Id);
        Assert.Null(firstPage.NewerCursor);
        Assert.Equal(factory.Wire.StoryId, Assert.Single(secondPage.Items).Id);
        Assert.Equal(firstPage.Items[0].Id, Assert.Single(backAgain.Items).Id);
    }

    [Fact]
    public async Task A_bad_story_cursor_is_a_400_with_a_message()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/?view=stories&before=not-a-cursor");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The &#x27;before&#x27; cursor is not valid.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
