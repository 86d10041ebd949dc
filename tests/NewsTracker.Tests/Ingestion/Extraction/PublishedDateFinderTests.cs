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

    [Fact]
    public void Takes_the_day_the_page_witnesses_where_the_meta_tag_and_json_ld_disagree()
    {
        var html = """
            <html><head><meta property="article:published_time" content="2023-11-06T14:25:00+00:00">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-03T10:25:56+00:00"}</script></head>
            <body><h1>Title</h1><p class="meta"><time datetime="2023-11-06T15:25:00+01:00">6. November 2023</time></p></body></html>
            """;

        Assert.Equal("2023-11-06T15:25:00+01:00", PublishedDateFinder.Find(new HtmlParser().ParseDocument(html), "2023-11-03T10:25:56+00:00", null)?.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void States_a_utc_instant_on_the_neighbouring_day_its_address_names()
    {
        var html = """<html><head><meta property="article:published_time" content="2018-12-31T23:11:59+00:00"></head><body><p>Text</p></body></html>""";

        Assert.Equal("2019-01-01T00:11:59+01:00", Found(html, "https://blog.example.com/2019/01/01/new-year/"));
    }

    [Fact]
    public void Leaves_a_utc_instant_alone_when_its_address_names_a_day_no_newsroom_clock_reaches()
    {
        var html = """<html><head><meta property="article:published_time" content="2020-07-09T10:04:04Z"></head><body><p>Text</p></body></html>""";

        Assert.Equal("2020-07-09T10:04:04+00:00", Found(html, "https://news.example.com/politics/2020/07/08/a-story.html"));
    }

    [Fact]
    public void Prefers_a_marked_up_publication_date_to_a_generic_date_meta_tag()
    {
        var html = """
            <html><head><meta name="date" content="2022-01-21T15:38:44+01:00"></head>
            <body><h1>Title</h1><time itemprop="datePublished" datetime="2022-01-27">27.01.2022</time><p>Text</p></body></html>
            """;

        Assert.Equal("2022-01-27T00:00:00+00:00", Found(html));
    }

    [Fact]
    public void Reads_the_day_a_time_element_shows_when_its_machine_value_names_another()
    {
        var html = """<html><body><h1>Title</h1><div class="time"><time datetime="2019-07-03T10:18:46Z">Publié le 29 juin 2019</time></div><p>Text</p></body></html>""";

        Assert.Equal("2019-06-29", Found(html)?[..10]);
    }

    [Fact]
    public void Reads_slashed_dates_day_first_on_a_page_that_declares_british_english_in_xml_lang()
    {
        var html = """<html xml:lang="en-GB"><body><h1>Title</h1><span class="time">02/10/2020</span><p>Text</p></body></html>""";

        Assert.Equal("2020-10-02", Found(html)?[..10]);
    }

    [Fact]
    public void Reads_a_two_digit_year_in_the_line_by_the_headline()
    {
        var html = """<html><body><h1>Der neue Trend</h1><p><a rel="author">Klaus-Peter Schöppner</a>, 8.5.12</p><p>Die Lage ist neu.</p></body></html>""";

        Assert.Equal("2012-05-08", Found(html)?[..10]);
    }

    [Fact]
    public void Prefers_the_dateline_by_the_headline_to_a_generic_date_meta_tag()
    {
        var html = """
            <html><head><meta name="date" content="2020-04-29T11:52:23"></head>
            <body><h1>Daten gehackt</h1><p class="text"><span class="stand">Stand: 28.04.2020 18:00 Uhr</span></p><p>Text</p></body></html>
            """;

        Assert.Equal("2020-04-28", Found(html)?[..10]);
    }

    [Fact]
    public void Keeps_a_generic_date_meta_tag_that_the_page_shows_on_the_same_day()
    {
        var html = """
            <html><head><meta name="date" content="2020-04-29T11:52:23+02:00"></head>
            <body><h1>Title</h1><p><span class="date">29.04.2020</span></p><p>Text</p></body></html>
            """;

        Assert.Equal("2020-04-29T11:52:23+02:00", Found(html));
    }

    [Fact]
    public void Skips_the_date_of_the_site_header_and_its_navigation()
    {
        var html = """
            <html><body><header><div id="navwrap"><div class="navtop"><span class="mod_datetime"><time datetime="2023-11-01T13:56:20+01:00">Mittwoch, 01. November 2023</time></span></div></div></header>
            <header class="header"><a class="logo" href="/"><span class="date-edition">lun. 5 août 2019</span></a></header>
            <h1>Im Schlepptau</h1><div class="intro"><span class="text_datum">31. Oktober 2023.</span> Dragqueens sind Kunstfiguren.</div></body></html>
            """;

        Assert.Equal("2023-10-31", Found(html)?[..10]);
    }

    [Fact]
    public void Skips_the_date_of_an_embedded_post()
    {
        var html = """
            <html><body><h1>Influencer</h1><blockquote class="instagram-media"><p>am <time datetime="2018-03-12T19:30:12+00:00">Mär 12, 2018</time></p></blockquote>
            <div class="PublishDate"><span class="PublishDate_date">29. Januar 2019</span></div><p>Text</p></body></html>
            """;

        Assert.Equal("2019-01-29", Found(html)?[..10]);
    }

    [Fact]
    public void Reads_the_dateline_by_the_headline_rather_than_by_a_logo_in_a_heading()
    {
        var html = """
            <html><head><meta name="date" content="2017-05-01T17:05:00+0200"></head>
            <body><div><h1><a href="/" class="logo">Radio</a></h1><span class="today">Mittwoch, 26.02.2020</span></div>
            <h1>Wir dekorieren die Liegestühle um</h1><p>Text</p></body></html>
            """;

        Assert.Equal("2017-05-01", Found(html)?[..10]);
    }
}
