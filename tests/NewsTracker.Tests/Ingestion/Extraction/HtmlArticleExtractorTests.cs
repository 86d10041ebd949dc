using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion.Extraction;

namespace NewsTracker.Tests.Ingestion.Extraction;

public sealed class HtmlArticleExtractorTests
{
    private readonly HtmlArticleExtractor _extractor = new();

    public static TheoryData<string, string> Titles => new()
    {
        { "jsonld-graph.html", "Ukraine weighs NATO offer as talks resume" },
        { "jsonld-array-string-author.html", "Le port de Marseille en grève pour la troisième journée" },
        { "opengraph-only.html", "Council approves new flood barrier after decade of delays" },
        { "meta-names.html", "Rail strike ends after workers accept pay deal" },
        { "title-suffix.html", "Scientists map the ocean floor off Antarctica" },
        { "figure-quote-list.html", "What the minister said about the budget" },
    };

    public static TheoryData<string, string?> Bylines => new()
    {
        { "jsonld-graph.html", "Olena Kovalenko, James Hart" },
        { "jsonld-array-string-author.html", "Claire Dubois" },
        { "jsonld-article-body.html", "Ana Lima" },
        { "opengraph-only.html", "Priya Raman" },
        { "meta-names.html", "Tom Becker" },
        { "title-suffix.html", null },
    };

    public static TheoryData<string, string?> PublishedDates => new()
    {
        { "jsonld-graph.html", "2025-03-15T03:30:00" },
        { "jsonld-array-string-author.html", "2024-06-02T05:15:00" },
        { "opengraph-only.html", "2026-01-09T06:00:00" },
        { "meta-names.html", "2025-11-30T18:45:00" },
        { "jsonld-article-body.html", "2025-08-20T00:00:00" },
        { "title-suffix.html", null },
    };

    public static TheoryData<string, string?, string?, string?> SiteLanguageAndCanonical => new()
    {
        { "jsonld-graph.html", "The Daily Ledger", "en-GB", "https://ledger.example/world/ukraine-nato-offer" },
        { "jsonld-array-string-author.html", "Le Quotidien du Sud", "fr", null },
        { "opengraph-only.html", "Riverside Gazette", "en-US", "https://gazette.example/news/flood-barrier" },
        // No declared outlet name: the registrable domain of the page's address stands in.
        { "meta-names.html", "news.example", "de", null },
    };

    [Theory]
    [MemberData(nameof(Titles))]
    public void Takes_the_real_headline_without_the_site_name(string fixture, string expected) =>
        Assert.Equal(expected, Extract(fixture).Title);

    [Theory]
    [MemberData(nameof(Bylines))]
    public void Takes_the_byline_from_json_ld_author_objects_strings_and_meta_tags(string fixture, string? expected) =>
        Assert.Equal(expected, Extract(fixture).Byline);

    [Theory]
    [MemberData(nameof(PublishedDates))]
    public void Reads_the_published_time_as_utc(string fixture, string? expected)
    {
        var published = Extract(fixture).PublishedUtc;
        Assert.Equal(expected, published?.ToString("s", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(published is null || published.Value.Kind == DateTimeKind.Utc);
    }

    [Theory]
    [MemberData(nameof(SiteLanguageAndCanonical))]
    public void Reads_site_name_language_and_canonical_address(string fixture, string? site, string? language, string? canonical)
    {
        var article = Extract(fixture);
        Assert.Equal(site, article.SiteName);
        Assert.Equal(language, article.Language);
        Assert.Equal(canonical, article.CanonicalUrl);
    }

    [Fact]
    public void Writes_captions_headings_list_items_and_quotes_as_their_own_blocks_in_order()
    {
        var blocks = Extract("figure-quote-list.html").Article.Blocks;

        Assert.Equal(
            [BlockKind.Paragraph, BlockKind.Caption, BlockKind.Heading, BlockKind.ListItem, BlockKind.ListItem, BlockKind.Quote, BlockKind.Paragraph, BlockKind.Paragraph],
            blocks.Select(b => b.Kind));
        Assert.Equal("The finance minister arriving at parliament on Wednesday.", blocks[1].Text);
        Assert.Equal("A freeze on fuel duty for another year.", blocks[3].Text);
        Assert.All(blocks, b => Assert.False(string.IsNullOrWhiteSpace(b.Text)));
    }

    [Fact]
    public void Joins_blocks_with_blank_lines_for_the_body_text()
    {
        var article = Extract("title-suffix.html");

        Assert.Equal(3, article.Article.Blocks.Count);
        Assert.Equal(string.Join("\n\n", article.Article.Blocks.Where(b => b.Kind != BlockKind.Caption).Select(b => b.Text)), article.Body);
    }

    [Theory]
    [InlineData("Share on Facebook")]
    [InlineData("Copy link")]
    [InlineData("Sign up for our morning newsletter")]
    [InlineData("Related stories")]
    [InlineData("Welders in short supply")]
    [InlineData("Photo: Agency")]
    public void Removes_page_furniture_that_readability_keeps(string furniture) =>
        Assert.DoesNotContain(furniture, Extract("boilerplate.html").Body, StringComparison.Ordinal);

    [Fact]
    public void Keeps_the_article_text_around_removed_furniture()
    {
        var article = Extract("boilerplate.html");
        var body = article.Body;

        Assert.Contains("The harbour bridge reopened", body, StringComparison.Ordinal);
        Assert.Contains(article.Article.Blocks, b => b.Kind == BlockKind.Caption && b.Text == "Cars crossing the bridge on Monday.");
        Assert.Contains("monitor the deck with sensors", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Falls_back_to_the_json_ld_article_body_when_the_markup_holds_little_text()
    {
        var article = Extract("jsonld-article-body.html");

        Assert.Equal(3, article.Article.Blocks.Count);
        Assert.StartsWith("Port workers voted on Tuesday", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Loading", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Uses_the_page_description_when_there_is_one_and_the_first_paragraph_otherwise()
    {
        Assert.Equal("The barrier will protect 4,000 homes.", Extract("opengraph-only.html").Description);
        Assert.StartsWith("An international team of scientists", Extract("title-suffix.html").Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_post_kept_only_in_noscript_for_readers_without_scripts()
    {
        var body = Extract("noscript-post.html").Body;

        Assert.Contains("lists that are updated in real time", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Give us feedback", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Takes_the_named_article_body_over_a_longer_author_box_elsewhere_on_the_page()
    {
        var body = Extract("short-article-beside-bio.html").Body;

        Assert.Contains("haben wir live gepodcastet", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Leiter der Beispiel Akademie", body, StringComparison.Ordinal);
    }

    private ExtractedArticle Extract(string fixture) =>
        _extractor.Extract(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Html", fixture)), "https://news.example/story");
}
