using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Pages.Articles;

public sealed class AddPageModesTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en-GB"><head>
        <title>Port Strike Halts Exports | Harbour Gazette</title>
        <meta property="og:site_name" content="Harbour Gazette">
        <link rel="canonical" href="https://gazette.example.com/news/port-strike">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Port Strike Halts Exports","author":{"@type":"Person","name":"Mara Quist"},"datePublished":"2026-11-24T07:15:00Z"}</script>
        </head><body>
        <nav><a href="/">Home</a> <a href="/news">News</a></nav>
        <article>
          <h1>Port Strike Halts Exports</h1>
          <p>Dock workers walked out at dawn on Monday, halting container exports from the country's largest port, union leaders said.</p>
          <figure><img src="/cranes.jpg" alt=""><figcaption>Idle cranes at the container terminal on Monday morning</figcaption></figure>
          <p>The strike follows months of stalled talks over pay and shift patterns, according to a statement from the dockers' union.</p>
          <p>Port authorities said perishable cargo would be prioritised once work resumes, and that talks were scheduled for Wednesday.</p>
        </article>
        <footer>© Harbour Gazette</footer>
        </body></html>
        """;

    [Fact]
    public async Task Pasted_html_is_previewed_without_storing_then_added()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);
        var before = await CountArticlesAsync();

        var previewed = await PostWithHandler(client, "/articles/add?mode=html", "Preview", new() { ["Data.Html"] = Page });

        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        var document = await Forms.ParseAsync(previewed);
        Assert.Equal("Port Strike Halts Exports", document.QuerySelector(".preview-title")!.TextContent);
        var facts = document.QuerySelector(".facts")!.TextContent;
        Assert.Contains("Harbour Gazette", facts, StringComparison.Ordinal);
        Assert.Contains("Mara Quist", facts, StringComparison.Ordinal);
        Assert.Contains("24 Nov 2026", facts, StringComparison.Ordinal);
        Assert.Contains("https://gazette.example.com/news/port-strike", facts, StringComparison.Ordinal);
        Assert.Equal("Idle cranes at the container terminal on Monday morning", document.QuerySelector(".preview figcaption")!.TextContent);
        Assert.Contains("<h1>Port Strike Halts Exports</h1>", document.QuerySelector("textarea[name='Data.Html']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await CountArticlesAsync());

        // The preview page's own form, posted to its own action, as the "Add article" button would.
        var added = await Forms.PostFormAsync(client, (AngleSharp.Html.Dom.IHtmlFormElement)document.QuerySelector("main form")!, "/articles/add?handler=Preview", new());

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(before + 1, await CountArticlesAsync());
        var article = await Forms.GetDocumentAsync(client, added.Headers.Location!.OriginalString);
        Assert.Equal("Port Strike Halts Exports", article.QuerySelector("h1")!.TextContent);
        Assert.Equal("Harbour Gazette", article.QuerySelector(".meta .outlet")!.TextContent);
        Assert.Equal("Mara Quist", article.QuerySelector(".meta .byline")!.TextContent);
        Assert.DoesNotContain("Home", article.QuerySelector(".article-body")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_html_is_refused_with_a_message_beside_the_field()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);

        var response = await Forms.SubmitAsync(client, "/articles/add?mode=html", new() { ["Data.Html"] = string.Empty, ["Data.Url"] = "https://example.com/x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Paste the page's HTML.", (await Forms.ParseAsync(response)).QuerySelector("[data-valmsg-for='Data.Html']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploading_several_files_reports_each_one()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);
        var upload = await Forms.GetDocumentAsync(client, "/articles/add?mode=files");
        var token = upload.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("files"), "Mode" },
            { new StringContent("Upload Desk"), "Data.Outlet" },
            { File("story.html", Page.Replace("Port Strike", "Rail Strike", StringComparison.Ordinal)), "files", "story.html" },
            { File("plain.txt", "Bridge Reopens After Repairs\n\nThe bridge reopened to traffic on Friday after six weeks of repairs, officials said."), "files", "plain.txt" },
            { File("again.txt", "Bridge Reopens After Repairs\n\nThe bridge reopened to traffic on Friday after six weeks of repairs, officials said."), "files", "again.txt" },
            { new ByteArrayContent([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]), "files", "binary.html" },
            { new ByteArrayContent([]), "files", "empty.txt" },
            { File("notes.pdf", "%PDF-1.7"), "files", "notes.pdf" },
        };

        var response = await client.PostAsync("/articles/add?handler=Files", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await Forms.ParseAsync(response)).QuerySelectorAll(".table tbody tr")
            .ToDictionary(r => r.Children[0].TextContent, r => r.Children[1].TextContent.Trim());
        Assert.StartsWith("Rail Strike Halts Exports", rows["story.html"], StringComparison.Ordinal);
        Assert.Contains("Article added.", rows["plain.txt"], StringComparison.Ordinal);
        Assert.Contains("already stored", rows["again.txt"], StringComparison.Ordinal);
        Assert.Contains("looks like a binary file", rows["binary.html"], StringComparison.Ordinal);
        Assert.Contains("empty", rows["empty.txt"], StringComparison.Ordinal);
        Assert.Contains("only .html, .htm and .txt", rows["notes.pdf"], StringComparison.Ordinal);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var bridge = await db.Articles.Include(a => a.Outlet).SingleAsync(a => a.Title == "Bridge Reopens After Repairs");
        Assert.Equal("Upload Desk", bridge.Outlet!.Name);
    }

    [Fact]
    public async Task An_upload_without_files_says_what_to_do()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);

        var response = await Forms.SubmitAsync(client, "/articles/add?mode=files", new(), "main form[enctype]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose one or more", (await Forms.ParseAsync(response)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_text_at_the_same_address_is_a_new_version_and_old_versions_stay_readable()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);
        const string Url = "https://wire.example.com/markets/close";
        await Forms.SubmitAsync(client, "/articles/add", new() { ["Data.Url"] = Url, ["Data.Text"] = "Markets Close Higher\n\nShares rose on Tuesday." });

        var second = await Forms.SubmitAsync(client, "/articles/add", new() { ["Data.Url"] = Url + "?utm_source=x", ["Data.Text"] = "Markets Close Higher\n\nShares rose on Tuesday, led by banks." });

        var latest = await Forms.GetDocumentAsync(client, second.Headers.Location!.OriginalString);
        Assert.Contains("Updated · v2", latest.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("led by banks", latest.QuerySelector(".article-body")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("stored as version 2", latest.QuerySelector(".alert-info")!.TextContent, StringComparison.Ordinal);
        var firstLink = latest.QuerySelector(".versions a")!.GetAttribute("href")!;
        var first = await Forms.GetDocumentAsync(client, firstLink);
        Assert.DoesNotContain("led by banks", first.QuerySelector(".article-body")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("version 1 of 2", first.QuerySelector(".version-note")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(second.Headers.Location!.OriginalString + "?version=9")).StatusCode);
    }

    private static ByteArrayContent File(string name, string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new(name.EndsWith(".html", StringComparison.Ordinal) ? "text/html" : "text/plain");
        return content;
    }

    private static async Task<HttpResponseMessage> PostWithHandler(HttpClient client, string url, string handler, Dictionary<string, string> values)
    {
        var page = await Forms.GetDocumentAsync(client, url);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("main form")!;
        form.Action = url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
        return await Forms.PostFormAsync(client, form, url, values);
    }

    private async Task<int> CountArticlesAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Articles.CountAsync();
    }
}
