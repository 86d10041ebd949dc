using System.Net;
using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Pages.Account;

public sealed class SignInTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [Fact]
    public async Task Signing_in_sets_a_secure_http_only_same_site_cookie()
    {
        var email = await factory.CreateUserAsync(Roles.Journalist);
        var client = factory.CreateBrowserClient();

        var response = await Forms.SubmitAsync(client, "/account/login", new() { ["Data.Email"] = email, ["Data.Password"] = NewsTrackerFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("nt.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forms_over_https_get_a_secure_strict_antiforgery_cookie()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/account/login");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("nt.csrf=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forms_work_over_plain_http_on_localhost()
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_re_renders_with_a_message()
    {
        var email = await factory.CreateUserAsync(Roles.Journalist);

        var response = await Forms.SubmitAsync(factory.CreateBrowserClient(), "/account/login", new() { ["Data.Email"] = email, ["Data.Password"] = "wrong password entirely" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("do not match", (await Forms.ParseAsync(response)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failed_sign_ins_make_the_next_attempt_from_that_address_wait()
    {
        var email = await factory.CreateUserAsync(Roles.Editor);
        var client = factory.CreateBrowserClient();
        for (var i = 0; i < 5; i++)
        {
            await Forms.SubmitAsync(client, "/account/login", new() { ["Data.Email"] = email, ["Data.Password"] = "wrong password " + i });
        }

        var response = await Forms.SubmitAsync(client, "/account/login", new() { ["Data.Email"] = email, ["Data.Password"] = NewsTrackerFactory.Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("Too many failed sign-ins. Wait", (await Forms.ParseAsync(response)).QuerySelector(".alert-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_needs_a_post_with_the_antiforgery_token()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);
        var home = await Forms.GetDocumentAsync(client, "/");
        var logout = (AngleSharp.Html.Dom.IHtmlFormElement)home.QuerySelector("form[action='/account/logout']")!;

        var forged = await Forms.PostFormAsync(client, logout, "/", new(), includeAntiforgery: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var real = await Forms.PostFormAsync(client, logout, "/", new());
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/account/manage")).StatusCode);
    }
}
