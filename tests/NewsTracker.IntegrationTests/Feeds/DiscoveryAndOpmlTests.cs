using System.Net;
using System.Text;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Feeds;

namespace NewsTracker.IntegrationTests.Feeds;

/// <summary>Subscribing by a page's address (its <c>&lt;link rel="alternate"&gt;</c> feeds) and moving
/// subscription lists in and out as OPML, through the real pages.</summary>
public sealed class DiscoveryAndOpmlTests(FeedsFactory factory) : IClassFixture<FeedsFactory>
{
    [Fact]
    public async Task A_page_that_links_to_one_feed_subscribes_to_that_feed()
    {
        var site = factory.Site;
        site.ServeFeed("/disc/one/rss.xml", FeedSite.Rss("Single Link Chronicle", []));
        site.Serve("/disc/one/", context => Html(context, """<html><head><title>Home</title><link rel="alternate" type="application/rss+xml" title="News" href="rss.xml"></head><body>Home</body></html>"""));

        var result = await factory.SendAsync(new SubscribeFeed.Command { Url = site.Url("/disc/one/") });

        Assert.True(result.Created);
        Assert.Equal("Single Link Chronicle", result.Title);
        Assert.Equal(site.Url("/disc/one/rss.xml"), (await factory.FeedAsync(result.FeedId!.Value)).Url);
    }

    [Fact]
    public async Task A_page_with_several_feeds_offers_the_choice_on_the_add_page()
    {
        var site = factory.Site;
        site.ServeFeed("/disc/two/news.xml", FeedSite.Rss("Choice News", []));
        site.ServeFeed("/disc/two/sport.json", """{"version":"https://jsonfeed.org/version/1.1","title":"Choice Sport","items":[]}""", contentType: "application/feed+json");
        site.Serve("/disc/two/", context => Html(context, """
            <html><head><base href="/disc/two/">
            <link rel="alternate" type="application/rss+xml" title="All the news" href="news.xml">
            <link rel="alternate feed" type="application/feed+json" title="Sport &amp; games" href="sport.json">
            <link rel="stylesheet" href="site.css"><link rel="alternate" hreflang="fr" href="/fr/">
            </head><body></body></html>
            """));
        var journalist = await factory.SignedInClientAsync(Roles.Journalist);

        using var asked = await Forms.SubmitAsync(journalist, "/feeds/add", new() { ["Data.Url"] = site.Url("/disc/two/") });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var page = await Forms.ParseAsync(asked);
        var choices = page.QuerySelectorAll(".feed-choices input[type=radio]").Cast<IHtmlInputElement>().ToList();
        Assert.Equal([site.Url("/disc/two/news.xml"), site.Url("/disc/two/sport.json")], choices.Select(c => c.Value));
        Assert.Contains("Sport & games", page.QuerySelector(".feed-choices")!.TextContent, StringComparison.Ordinal);

        var form = (IHtmlFormElement)page.QuerySelector(".feed-choices form")!;
        using var chosen = await Forms.PostFormAsync(journalist, form, "/feeds/add", new() { ["Data.Url"] = site.Url("/disc/two/sport.json") });
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var feedPage = await Forms.GetDocumentAsync(journalist, chosen.Headers.Location!.OriginalString);
        Assert.Equal("Choice Sport", feedPage.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_page_without_feed_links_is_refused_with_a_sentence()
    {
        factory.Site.Serve("/disc/none/", context => Html(context, "<html><head><title>No feeds</title></head><body>Nothing</body></html>"));

        var refused = await Assert.ThrowsAsync<Web.Application.ValidationFailedException>(() =>
            factory.SendAsync(new SubscribeFeed.Command { Url = factory.Site.Url("/disc/none/") }));

        Assert.Contains("links to no RSS, Atom or JSON feed", refused.Errors["Url"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_opml_export_imported_into_another_newsroom_subscribes_to_the_same_feeds_with_their_settings()
    {
        var journalist = await factory.SignedInClientAsync(Roles.Journalist);
        var plain = await factory.AddFeedAsync("/opml/plain.xml", "Plain & Simple");
        var tuned = await factory.AddFeedAsync("/opml/tuned.xml", "Tuned <Times>");
        await factory.SetFeedAsync(tuned, f =>
        {
            f.Outlet = "Tuned Times";
            f.IntervalOverrideMinutes = 20;
            f.UseFeedContent = true;
            f.Paused = true;
            f.SiteUrl = "https://tuned.example/";
        });

        using var export = await journalist.GetAsync("/feeds/opml/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/x-opml", export.Content.Headers.ContentType?.MediaType);
        var opml = await export.Content.ReadAsByteArrayAsync();

        await using var other = new SiteSharingFactory(factory.Site, null, factory.Clock);
        var otherJournalist = await other.SignedInClientAsync(Roles.Journalist);
        using var imported = await UploadAsync(otherJournalist, opml);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var results = (await Forms.ParseAsync(imported)).QuerySelectorAll(".opml-results tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(results, r => r.Contains("Plain & Simple", StringComparison.Ordinal) && r.Contains("Subscribed", StringComparison.Ordinal));

        var copies = await other.SendAsync(new Web.Pages.Feeds.IndexModel.Query("title"));
        var copy = copies.Feeds.Single(f => f.Title == "Tuned <Times>");
        var copied = await other.FeedAsync(copy.Id);
        Assert.Equal(
            (factory.Site.Url("/opml/tuned.xml"), "Tuned Times", (int?)20, true, true, "https://tuned.example/"),
            (copied.Url, copied.Outlet, copied.IntervalOverrideMinutes, copied.UseFeedContent, copied.Paused, copied.SiteUrl));
        Assert.Contains(copies.Feeds, f => f.Title == "Plain & Simple" && f.Url == factory.Site.Url("/opml/plain.xml"));

        using var again = await UploadAsync(otherJournalist, opml);
        var second = (await Forms.ParseAsync(again)).QuerySelector("#import-results")!.TextContent;
        Assert.Contains("0 new, 2 already subscribed", second, StringComparison.Ordinal);
        Assert.Equal(plain, (await factory.FeedAsync(plain)).Id);
    }

    [Fact]
    public async Task Opml_from_other_readers_is_read_with_folders_odd_attribute_case_and_bad_entries()
    {
        var journalist = await factory.SignedInClientAsync(Roles.Journalist);
        var opml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="1.0"><head><title>Reader export</title></head><body>
              <outline text="News">
                <outline text="Folder Feed" type="rss" xmlurl="{factory.Site.Url("/opml/folder.xml")}" htmlurl="https://folder.example/"/>
                <outline text="Deeper"><outline title="Deep Feed" xmlUrl="{factory.Site.Url("/opml/deep.xml")}"/></outline>
              </outline>
              <outline text="Not web" xmlUrl="ftp://files.example/feed.xml"/>
              <outline text="Just a folder"/>
            </body></opml>
            """;

        using var imported = await UploadAsync(journalist, Encoding.UTF8.GetBytes(opml));

        var page = await Forms.ParseAsync(imported);
        Assert.Contains("2 new, 0 already subscribed, 1 refused", page.QuerySelector("#import-results")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Not an http:// or https:// address", page.QuerySelector(".opml-results tr.failed")!.TextContent, StringComparison.Ordinal);

        // The folders became feed groups, and the export writes them back as folders.
        var folder = factory.Site.Url("/opml/folder.xml");
        var deep = factory.Site.Url("/opml/deep.xml");
        var groups = await factory.WithDbAsync(db => db.Feeds.Where(f => f.Url == folder || f.Url == deep).ToDictionaryAsync(f => f.Url, f => f.Group));
        Assert.Equal("News", groups[folder]);
        Assert.Equal("News / Deeper", groups[deep]);
        var export = XDocument.Parse(await journalist.GetStringAsync("/feeds/opml/export"));
        var folders = export.Descendants("outline").Where(o => o.Attribute("xmlUrl") is null).ToDictionary(o => (string)o.Attribute("text")!);
        Assert.Contains(folders["News"].Elements("outline"), o => (string?)o.Attribute("xmlUrl") == folder);
        Assert.Contains(folders["News / Deeper"].Elements("outline"), o => (string?)o.Attribute("xmlUrl") == deep);
    }

    [Fact]
    public async Task Opml_with_a_dtd_is_refused_and_subscribes_to_nothing()
    {
        var journalist = await factory.SignedInClientAsync(Roles.Journalist);
        var before = (await factory.SendAsync(new Web.Pages.Feeds.IndexModel.Query(null))).Counts.Total;
        var opml = $"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml version="2.0"><body><outline text="&x;" xmlUrl="{factory.Site.Url("/opml/dtd.xml")}"/></body></opml>""";

        using var refused = await UploadAsync(journalist, Encoding.UTF8.GetBytes(opml));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("declares a DTD", (await Forms.ParseAsync(refused)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, (await factory.SendAsync(new Web.Pages.Feeds.IndexModel.Query(null))).Counts.Total);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] opml)
    {
        var page = await Forms.GetDocumentAsync(client, "/feeds/opml");
        var token = ((IHtmlInputElement)page.QuerySelector("form input[name=__RequestVerificationToken]")!).Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(opml), "file", "feeds.opml" },
        };
        return await client.PostAsync("/feeds/opml", content);
    }

    private static Task Html(HttpContext context, string html)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html);
    }
}
