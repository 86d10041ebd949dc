using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Pages.Account;

/// <summary>Checks each session on every request, so a test sees an ended session without waiting for the interval; and
/// lets the many sign-ins of one test class through the per-address rate limit.</summary>
public class SessionCheckFactory : NewsTrackerFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [Sessions.CheckSecondsKey] = "0",
        ["RateLimiting:LoginPermitsPerMinute"] = "1000",
    };

    /// <summary>A client whose cookies the test can read and copy, as an attacker who copied a cookie would.</summary>
    public (HttpClient Client, System.Net.CookieContainer Cookies) CreateCookieClient()
    {
        var cookies = new System.Net.CookieContainer();
        return (CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies)), cookies);
    }

    /// <summary>A client carrying only a copy of <paramref name="cookies"/>' sign-in cookie.</summary>
    public HttpClient CopyOfSession(System.Net.CookieContainer cookies)
    {
        var (copy, copied) = CreateCookieClient();
        var session = cookies.GetCookies(new Uri("https://localhost"))["nt.auth"] ?? throw new InvalidOperationException("Not signed in.");
        copied.Add(new Uri("https://localhost"), new System.Net.Cookie(session.Name, session.Value, "/"));
        return copy;
    }

    public async Task<(HttpClient Client, System.Net.CookieContainer Cookies)> SignInWithCookiesAsync(string email, string password = Password)
    {
        var (client, cookies) = CreateCookieClient();
        var response = await Forms.SubmitAsync(client, "/account/login", new() { ["Data.Email"] = email, ["Data.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, cookies);
    }
}

public sealed class SessionEndTests(SessionCheckFactory factory) : IClassFixture<SessionCheckFactory>
{
    [Fact]
    public async Task A_copied_sign_in_cookie_stops_working_once_its_owner_signs_out()
    {
        var email = await factory.CreateUserAsync(Roles.Journalist);
        var (client, cookies) = await factory.SignInWithCookiesAsync(email);
        var copy = factory.CopyOfSession(cookies);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/account/manage")).StatusCode);

        var home = await Forms.GetDocumentAsync(client, "/");
        var logout = (AngleSharp.Html.Dom.IHtmlFormElement)home.QuerySelector("form[action='/account/logout']")!;
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostFormAsync(client, logout, "/", new())).StatusCode);

        var after = await copy.GetAsync("/account/manage");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_that_is_still_valid_keeps_working_when_checked_on_every_request()
    {
        var email = await factory.CreateUserAsync(Roles.Editor);
        var (client, _) = await factory.SignInWithCookiesAsync(email);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/manage")).StatusCode);
        }
    }
}
