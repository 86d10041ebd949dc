using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.IntegrationTests.Ingestion;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Pages.Articles;

/// <summary>The Add page's URL mode against a local site the app is allowed to fetch from.</summary>
public sealed class AddFromUrlTests(HostileSiteFactory factory) : IClassFixture<HostileSiteFactory>
{
    [Fact]
    public async Task A_journalist_previews_and_adds_an_article_from_its_address()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);
        var url = factory.Site.Url("/article");

        var page = await Forms.GetDocumentAsync(client, "/articles/add?mode=url");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("main form")!;
        form.Action = "/articles/add?handler=Preview&mode=url";
        var preview = await Forms.PostFormAsync(client, form, "/articles/add?mode=url", new() { ["Data.Url"] = url });

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewed = await Forms.ParseAsync(preview);
        Assert.Equal(HostileSite.ArticleTitle, previewed.QuerySelector(".preview-title")!.TextContent);
        Assert.Contains("Ines Varga", previewed.QuerySelector(".facts")!.TextContent, StringComparison.Ordinal);

        var added = await Forms.PostFormAsync(client, (AngleSharp.Html.Dom.IHtmlFormElement)previewed.QuerySelector("main form")!, "/articles/add?handler=Preview&mode=url", new());
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var article = await Forms.GetDocumentAsync(client, added.Headers.Location!.OriginalString);
        Assert.Equal(HostileSite.ArticleTitle, article.QuerySelector("h1")!.TextContent);
        Assert.Equal("Island Herald", article.QuerySelector(".meta .outlet")!.TextContent);
        Assert.Equal("The first ferry leaves the harbour on Sunday morning", article.QuerySelector("figcaption")!.TextContent);

        var again = await Forms.SubmitAsync(client, "/articles/add?mode=url", new() { ["Data.Url"] = url + "#top" });
        var notice = await Forms.GetDocumentAsync(client, again.Headers.Location!.OriginalString);
        Assert.Contains("already stored", notice.QuerySelector(".alert-info")!.TextContent, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Articles.CountAsync(a => a.Title == HostileSite.ArticleTitle));
    }

    [Fact]
    public async Task A_url_the_app_may_not_fetch_is_refused_beside_the_field()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);

        var response = await Forms.SubmitAsync(client, "/articles/add?mode=url", new() { ["Data.Url"] = "http://169.254.169.254/latest/meta-data/" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("link-local", (await Forms.ParseAsync(response)).QuerySelector("[data-valmsg-for='Data.Url']")!.TextContent, StringComparison.Ordinal);
    }
}
