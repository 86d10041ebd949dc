using NewsTracker.Web.Feeds;

namespace NewsTracker.Tests.Feeds;

public sealed class FeedDiscoveryTests
{
    private static readonly Uri Page = new("https://news.example/section/index.html");

    [Fact]
    public void Finds_alternate_feed_links_of_every_feed_type_resolved_against_the_page()
    {
        var feeds = FeedDiscovery.Find("""
            <html><head>
            <link rel="alternate" type="application/rss+xml" title="Top stories" href="/rss/top.xml">
            <LINK REL='Alternate' TYPE='application/atom+xml' TITLE='Atom &amp; more' HREF='atom.xml'>
            <link href=feed.json rel=alternate type=application/feed+json>
            <link rel="alternate" type="application/json" title="JSON Feed" href="https://news.example/feed.json2">
            <link rel="alternate" type="application/json" href="/wp-json/">
            <link rel="stylesheet" type="text/css" href="/site.css">
            <link rel="alternate" hreflang="de" href="/de/">
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            <link rel="alternate" type="application/rss+xml" href="/rss/top.xml">
            </head></html>
            """, Page);

        Assert.Equal(
            [
                ("https://news.example/rss/top.xml", "Top stories"),
                ("https://news.example/section/atom.xml", "Atom & more"),
                ("https://news.example/section/feed.json", null),
                ("https://news.example/feed.json2", "JSON Feed"),
            ],
            feeds.Select(f => (f.Url, f.Title)));
    }

    [Fact]
    public void A_base_element_changes_what_relative_links_mean()
    {
        var feeds = FeedDiscovery.Find("""<head><base href="https://cdn.example/news/"><link rel="alternate" type="application/rss+xml" href="rss.xml"></head>""", Page);

        Assert.Equal("https://cdn.example/news/rss.xml", Assert.Single(feeds).Url);
    }

    [Fact]
    public void A_page_without_feeds_or_with_hostile_markup_yields_nothing_quickly()
    {
        Assert.Empty(FeedDiscovery.Find("<html><head><title>x</title></head></html>", Page));
        Assert.Empty(FeedDiscovery.Find(string.Concat(Enumerable.Repeat("<div>", 200_000)) + "<link rel=", Page));
        Assert.Empty(FeedDiscovery.Find("<link rel=\"alternate\" type=\"application/rss+xml\" href=\"" + new string('a', 5000), Page));
    }
}
