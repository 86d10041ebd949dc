using System.Net;

namespace NewsTracker.IntegrationTests.Pages.Account;

public sealed class LoginRateLimitTests(LoginRateLimitTests.Factory factory) : IClassFixture<LoginRateLimitTests.Factory>
{
    [Fact]
    public async Task Too_many_sign_in_posts_from_one_address_get_429()
    {
        var client = factory.CreateBrowserClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var response = await Forms.SubmitAsync(client, "/account/login", new() { ["Data.Email"] = "nobody@example.test", ["Data.Password"] = "not the password" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }

    /// <summary>Three sign-in posts a minute, so the test needs few requests.</summary>
    public sealed class Factory : NewsTrackerFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RateLimiting:LoginPermitsPerMinute"] = "3" };
    }
}
