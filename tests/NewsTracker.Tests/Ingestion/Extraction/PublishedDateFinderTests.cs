using System.Globalization;
using AngleSharp.Html.Parser;
using NewsTracker.Web.Ingestion.Extraction;

namespace NewsTracker.Tests.Ingestion.Extraction;

public sealed class PublishedDateFinderTests
{
    private static string? Found(string html, string? url = null) =>
        PublishedDateFinder.Find(new HtmlParser().ParseDocument(html), null, url)?.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    [Fact]
    public void Keeps_the_local_day_a_script_restates_for_a_utc_instant()
    {
        var html = """
            <html><head><meta property="article:published_time" content="2020-02-18T02:18:11Z">
            <script>var publication_date = "2020-02-17 21:18:11";</script></head><body><p>Text</p></body></html>
            """;

        Assert.Equal("2020-02-17T21:18:11-05:00", Found(html));
    }

    [Fact]
    public void Takes_a_restated_instant_with_its_own_offset()
    {
        var html = """
            <html><head><meta property="article:published_time" content="2020-02-25T02:25:54+00:00">
            <script>window.meta = {"date":"2020-02-24T21:25:54-05:00"};</script></head><body><p>Text</p></body></html>
            """;

        Assert.Equal("2020-02-24T21:25:54-05:00", Found(html));
    }

    [Fact]
    public void Leaves_a_utc_instant_in_utc_when_nothing_on_the_page_restates_it()
    {
        var html = """
            <html><head><meta property="article:published_time" content="2020-05-02T02:54:29Z">
            <script>var seen = "2020-05-01 19:00:00";</script></head><body><p>Text</p></body></html>
            """;

        Assert.Equal("2020-05-02T02:54:29+00:00", Found(html));
    }

    [Theory]
    [InlineData("2020-04-24T21:25:06+10:00", "2020-04-25T07:25:06Z", "2020-04-24T21:25:06+10:00")]
    [InlineData("2015-12-11T14:28:34Z", "2015-10-15T02:19:15+02:00", "2015-10-15T02:19:15+02:00")]
    public void Takes_the_first_publication_where_the_meta_tag_and_json_ld_disagree(string meta, string jsonLd, string expected)
    {
        var html = $$"""
            <html><head><meta property="article:published_time" content="{{meta}}">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"{{jsonLd}}"}</script></head>
            <body><p>Text</p></body></html>
            """;

        Assert.Equal(expected, PublishedDateFinder.Find(new HtmlParser().ParseDocument(html), jsonLd, null)?.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
    }
}
