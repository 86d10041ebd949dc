using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace NewsTracker.IntegrationTests.Hosting;

/// <summary>Strict-Transport-Security in production on HTTPS, directly or behind a TLS proxy, never on plain HTTP.</summary>
public sealed class HstsTests
{
    [Theory]
    [InlineData("https://news.example.test", false, true)]
    [InlineData("http://news.example.test", false, false)]
    [InlineData("http://news.example.test", true, true)]
    public async Task Hsts_is_sent_exactly_when_the_request_counts_as_https(string address, bool forwardedHttps, bool expected)
    {
        using var factory = new ProxyFactory();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(address), AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz/live");
        if (forwardedHttps)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Headers.TryGetValues("Strict-Transport-Security", out var values));
        if (expected)
        {
            Assert.Equal("max-age=31536000", Assert.Single(values!));
        }
    }

    private sealed class ProxyFactory : NewsTrackerFactory
    {
        protected override IDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["FORWARDEDHEADERS_ENABLED"] = "true", ["Seeding:Enabled"] = "false" };
    }
}
