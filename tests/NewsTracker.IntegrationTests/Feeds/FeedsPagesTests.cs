using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Feeds;

namespace NewsTracker.IntegrationTests.Feeds;

/// <summary>The feeds pages through real HTTP: who may see them, the table with each status and the trouble
/// first, subscribing and editing with real form posts, refresh, progress, unsubscribe.</summary>
public sealed class FeedsPagesTests(FeedsFactory factory) : IClassFixture<FeedsFactory>
{
    [Theory]
    [InlineData("/feeds")]
    [InlineData("/feeds/add")]
    [InlineData("/feeds/1")]
    [InlineData("/feeds/opml")]
    [InlineData("/feeds/opml/export")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string path)
    {
        using var response = await factory.CreateBrowserClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readers_without_a_staff_role_are_refused_and_do_not_see_the_link()
    {
        var reader = await factory.SignedInClientAsync(string.Empty);

        using var response = await reader.GetAsync("/feeds");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var home = await Forms.GetDocumentAsync(reader, "/");
        Assert.DoesNotContain(home.QuerySelectorAll(".site-nav a"), a => a.GetAttribute("href") == "/feeds");
    }

    [Fact]
    public async Task The_feeds_page_shows_every_status_with_the_trouble_first()
    {
        var site = factory.Site;
        site.ServeFeed("/page/ok.xml", FeedSite.Rss("Calm Gazette", []));
        site.ServeStatus("/page/busy.xml", 503);
        var ok = await factory.AddFeedAsync("/page/ok.xml", "Calm Gazette");
        var busy = await factory.AddFeedAsync("/page/busy.xml", "Busy Courier");
        var hostile = await factory.AddFeedAsync("/hostile/xxe-file", "Hostile Herald");
        var paused = await factory.AddFeedAsync("/page/paused.xml", "Paused Post");
        await factory.SetFeedAsync(paused, f => f.Paused = true);
        foreach (var id in new[] { ok, busy, hostile })
        {
            await factory.Poller.PollFeedAsync(id, CancellationToken.None);
        }

        var journalist = await factory.SignedInClientAsync(Roles.Journalist);
        var document = await Forms.GetDocumentAsync(journalist, "/feeds");

        var rows = Rows(document);
        var mine = rows.Where(r => r.Title is "Calm Gazette" or "Busy Courier" or "Hostile Herald" or "Paused Post").ToList();
        Assert.Equal(["Hostile Herald", "Busy Courier", "Calm Gazette", "Paused Post"], mine.Select(r => r.Title));
        Assert.Equal(["Error", "Backing off", "OK", "Paused"], mine.Select(r => r.Status));
        Assert.Contains("refuses DTDs", mine[0].Error, StringComparison.Ordinal);
        Assert.Contains("503", mine[1].Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, mine[2].Error);
        Assert.Contains(document.QuerySelectorAll(".site-nav a"), a => a.GetAttribute("href") == "/feeds" && a.ClassList.Contains("active"));
        Assert.Empty(document.QuerySelectorAll("[style]"));
        Assert.All(document.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src"))));

        var byTitle = Rows(await Forms.GetDocumentAsync(journalist, "/feeds?sort=title"));
        var titles = byTitle.Select(r => r.Title).ToList();
        Assert.Equal(titles.Order(StringComparer.CurrentCultureIgnoreCase), titles);
    }

    [Fact]
    public async Task Subscribing_with_the_form_checks_the_address_and_redirects_to_the_feed()
    {
        var journalist = await factory.SignedInClientAsync(Roles.Journalist);
        factory.Site.ServeFeed("/page/form.xml", FeedSite.Rss("Form Feed Daily", []));

        using var invalid = await Forms.SubmitAsync(journalist, "/feeds/add", new() { ["Data.Url"] = "not an address" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var invalidPage = await Forms.ParseAsync(invalid);
        Assert.Contains("absolute http:// or https://", invalidPage.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("not an address", ((IHtmlInputElement)invalidPage.QuerySelector("input[name='Data.Url']")!).Value);

        using var hostile = await Forms.SubmitAsync(journalist, "/feeds/add", new() { ["Data.Url"] = factory.Site.Url("/hostile/billion-laughs") });
        Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);
        Assert.Contains("refuses DTDs", (await Forms.ParseAsync(hostile)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);

        using var added = await Forms.SubmitAsync(journalist, "/feeds/add", new() { ["Data.Url"] = factory.Site.Url("/page/form.xml"), ["Data.Outlet"] = "Form Daily" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var feedPage = await Forms.GetDocumentAsync(journalist, added.Headers.Location!.OriginalString);
        Assert.Equal("Form Feed Daily", feedPage.QuerySelector("h1")!.TextContent);
        Assert.Contains("Subscribed to “Form Feed Daily”", feedPage.QuerySelector(".alert-info")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Form Daily", ((IHtmlInputElement)feedPage.QuerySelector("input[name='Data.Outlet']")!).Value);

        using var again = await Forms.SubmitAsync(journalist, "/feeds/add", new() { ["Data.Url"] = factory.Site.Url("/page/form.xml") });
        Assert.Equal(added.Headers.Location, again.Headers.Location);
    }

    [Fact]
    public async Task Settings_are_saved_and_a_stale_form_is_refused_with_409()
    {
        var journalist = await factory.SignedInClientAsync(Roles.Journalist);
        var id = await factory.AddFeedAsync("/page/settings.xml", "Settings Times");
        var url = $"/feeds/{id}";
        var staleForm = (await Forms.GetDocumentAsync(journalist, url)).QuerySelector("form.form:not([action*='handler'])") as IHtmlFormElement;

        using var invalid = await Forms.SubmitAsync(journalist, url, new() { ["Data.IntervalMinutes"] = "2" }, "main form.form");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("at most every 5 minutes", (await Forms.ParseAsync(invalid)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);

        using var saved = await Forms.SubmitAsync(journalist, url, new()
        {
            ["Data.Title"] = "Settings Times (evening)",
            ["Data.Outlet"] = "Settings Times",
            ["Data.IntervalMinutes"] = "15",
            ["Data.UseFeedContent"] = "true",
            ["Data.Paused"] = "true",
        }, "main form.form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var feed = await factory.FeedAsync(id);
        Assert.Equal(("Settings Times (evening)", "Settings Times", 15, true, true), (feed.Title, feed.Outlet, feed.IntervalOverrideMinutes, feed.UseFeedContent, feed.Paused));
        Assert.NotNull(feed.UpdatedByUserId);

        using var stale = await Forms.PostFormAsync(journalist, staleForm!, url, new() { ["Data.Title"] = "Overwritten" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("changed this feed's settings", (await Forms.ParseAsync(stale)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Settings Times (evening)", (await factory.FeedAsync(id)).Title);
    }

    [Fact]
    public async Task Refresh_now_makes_the_feed_due_and_says_so()
    {
        var journalist = await factory.SignedInClientAsync(Roles.Journalist);
        factory.Site.ServeFeed("/page/refresh.xml", FeedSite.Rss("Refresh Review", []));
        var id = await factory.AddFeedAsync("/page/refresh.xml", "Refresh Review");
        await factory.Poller.PollFeedAsync(id, CancellationToken.None);
        Assert.True((await factory.FeedAsync(id)).NextCheckUtc > factory.Clock.UtcNow);

        var list = await Forms.GetDocumentAsync(journalist, "/feeds");
        var form = (IHtmlFormElement)list.QuerySelector("form.feed-table-panel")!;
        using var response = await Forms.PostFormAsync(journalist, form, "/feeds", new() { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(factory.Clock.UtcNow, (await factory.FeedAsync(id)).NextCheckUtc);
        var after = await Forms.GetDocumentAsync(journalist, response.Headers.Location!.OriginalString);
        Assert.Contains("“Refresh Review” will be checked in a moment", after.QuerySelector(".alert-info")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_feed_page_lists_items_with_their_articles_and_unsubscribing_keeps_the_articles()
    {
        var journalist = await factory.SignedInClientAsync(Roles.Journalist);
        var site = factory.Site;
        site.ServeArticle("/page/item", "Harbour festival draws record crowds", "More than ten thousand people came to the harbour festival on Saturday, the organisers said, a record for the event.");
        site.ServeFeed("/page/items.xml", FeedSite.Rss("Items Weekly", [new FeedEntry("items-1", "Harbour festival draws record crowds", site.Url("/page/item"))]));
        var id = await factory.AddFeedAsync("/page/items.xml", "Items Weekly");
        await factory.Poller.PollFeedAsync(id, CancellationToken.None);

        var page = await Forms.GetDocumentAsync(journalist, $"/feeds/{id}");
        var link = page.QuerySelector(".feed-item-table tbody a")!;
        Assert.Equal("Harbour festival draws record crowds", link.TextContent);
        Assert.StartsWith("/articles/", link.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("Added", page.QuerySelector(".feed-item-table tbody .badge")!.TextContent);
        Assert.Equal(EditDays(), page.QuerySelectorAll("svg.chart rect.chart-bar").Length);

        using var deleted = await Forms.SubmitAsync(journalist, $"/feeds/{id}", new(), "form[action*='handler=Delete']");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await journalist.GetAsync($"/feeds/{id}")).StatusCode);
        Assert.Contains(await factory.SiteArticlesAsync(), a => a.Title == "Harbour festival draws record crowds");
    }

    [Fact]
    public async Task The_progress_of_a_poll_is_available_as_json_for_the_page_script()
    {
        var journalist = await factory.SignedInClientAsync(Roles.Journalist);
        factory.Site.ServeFeed("/page/progress.xml", FeedSite.Rss("Progress Post", []));
        var id = await factory.AddFeedAsync("/page/progress.xml", "Progress Post");
        await factory.Poller.PollFeedAsync(id, CancellationToken.None);

        using var response = await journalist.GetAsync("/feeds?handler=progress");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("current").ValueKind);
        Assert.True(json.RootElement.GetProperty("last").GetProperty("checked").GetInt32() >= 1);
        var panel = (await Forms.GetDocumentAsync(journalist, "/feeds")).QuerySelector("#poll-progress")!;
        Assert.Contains("Last check run finished", panel.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_under_way_shows_on_the_feeds_page_and_in_its_row()
    {
        var journalist = await factory.SignedInClientAsync(Roles.Journalist);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        factory.Site.ServeFeedWhen("/page/held.xml", release.Task, FeedSite.Rss("Held Herald", []));
        var id = await factory.AddFeedAsync("/page/held.xml", "Held Herald");
        var progress = factory.Services.GetRequiredService<PollProgress>();

        var polling = factory.Poller.PollFeedAsync(id, CancellationToken.None);
        try
        {
            while (progress.Read().Current?.InFlight.Contains("Held Herald") != true)
            {
                Assert.False(polling.IsCompleted, "The check ended before it could be seen.");
                await Task.Delay(20);
            }

            var page = await Forms.GetDocumentAsync(journalist, "/feeds");
            var panel = page.QuerySelector("#poll-progress")!;
            Assert.Equal("true", panel.GetAttribute("data-running"));
            Assert.Contains("Checking feeds", panel.TextContent, StringComparison.Ordinal);
            Assert.Equal("Held Herald", panel.QuerySelector("[data-field=inflight]")!.TextContent);
            var row = page.QuerySelectorAll(".feed-table tbody tr").Single(r => r.QuerySelector(".feed-name a")!.TextContent == "Held Herald");
            Assert.Contains(row.QuerySelectorAll(".badge"), b => b.TextContent == "Checking");
        }
        finally
        {
            release.SetResult();
            await polling;
        }

        Assert.Null(progress.Read().Current);
    }

    private static int EditDays() => Web.Pages.Feeds.EditModel.ChartDays;

    private static List<(string Title, string Status, string Error)> Rows(AngleSharp.Dom.IDocument document) =>
        document.QuerySelectorAll(".feed-table tbody tr")
            .Select(r => (
                r.QuerySelector(".feed-name a")!.TextContent.Trim(),
                r.QuerySelector(".badge.status")!.TextContent.Trim(),
                r.QuerySelector(".feed-error")!.TextContent.Trim()))
            .ToList();
}
