using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Pages.Account;

public sealed class ManageTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [Fact]
    public async Task A_token_created_on_the_account_page_works_until_it_is_revoked()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);

        var created = await Forms.SubmitAsync(client, "/account/manage", new() { ["NewToken.Name"] = "importer" }, "form[action*='handler=Create']");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var page = await Forms.ParseAsync(created);
        var token = page.QuerySelector("#created-token")!.TextContent;
        Assert.StartsWith("nt_", token, StringComparison.Ordinal);

        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Created, (await PostArticle(api, "Token Works Headline")).StatusCode);

        var revokeForm = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form[action*='handler=Revoke']")!;
        var revoked = await Forms.PostFormAsync(client, revokeForm, "/account/manage", new());
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostArticle(api, "Token Revoked Headline")).StatusCode);
        var after = await Forms.GetDocumentAsync(client, "/account/manage");
        Assert.Contains("Revoked", after.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(token, after.Body!.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_needs_a_name()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);

        var response = await Forms.SubmitAsync(client, "/account/manage", new() { ["NewToken.Name"] = string.Empty }, "form[action*='handler=Create']");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Name the token", (await Forms.ParseAsync(response)).QuerySelector("[data-valmsg-for='NewToken.Name']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_can_revoke_another_accounts_token()
    {
        var ownerEmail = await factory.CreateUserAsync(Roles.Journalist);
        await factory.CreateTokenAsync(ownerEmail);
        var client = await factory.SignedInClientAsync(Roles.Journalist);
        var page = await Forms.GetDocumentAsync(client, "/account/manage");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form[action*='handler=Create']")!;
        form.Action = "/account/manage?handler=Revoke&tokenId=1";

        var response = await Forms.PostFormAsync(client, form, "/account/manage", new());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Task<HttpResponseMessage> PostArticle(HttpClient api, string title) =>
        api.PostAsJsonAsync("/api/v1/articles", new { text = $"{title}\n\nA body paragraph for {title}." });
}
