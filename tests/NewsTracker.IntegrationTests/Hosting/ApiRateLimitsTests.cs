using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Hosting;

/// <summary>API requests are limited per token and per address: over the limit, 429 with Retry-After and a problem
/// body; pages and other tokens are not affected.</summary>
public sealed class ApiRateLimitsTests
{
    [Fact]
    public async Task A_token_over_its_limit_gets_429_with_retry_after_while_another_token_goes_on()
    {
        using var factory = new LimitsFactory(perToken: 2, perAddress: 0);
        var first = await ApiClientAsync(factory);
        var second = await ApiClientAsync(factory);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await first.GetAsync("/api/v1/articles"));
        }

        using var other = await second.GetAsync("/api/v1/articles");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        var limited = answers[2];
        Assert.True(int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task An_address_over_its_limit_gets_429_on_the_api_but_pages_still_load()
    {
        using var factory = new LimitsFactory(perToken: 0, perAddress: 2);
        var client = factory.CreateClient();

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await client.GetAsync("/api/v1/articles")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], codes);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    private static async Task<HttpClient> ApiClientAsync(NewsTrackerFactory factory)
    {
        var email = await factory.CreateUserAsync(Roles.Journalist);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await factory.CreateTokenAsync(email));
        return client;
    }

    private sealed class LimitsFactory(int perToken, int perAddress) : NewsTrackerFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Seeding:Enabled"] = "false",
            ["RateLimiting:ApiPermitsPerMinutePerToken"] = perToken.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimiting:ApiPermitsPerMinutePerAddress"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
