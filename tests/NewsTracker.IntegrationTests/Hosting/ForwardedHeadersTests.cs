using Microsoft.AspNetCore.Mvc.Testing;

namespace NewsTracker.IntegrationTests.Hosting;

/// <summary>Behind a TLS-terminating proxy (docs/deployment.md) the app learns the scheme from X-Forwarded-Proto
/// once ASPNETCORE_FORWARDEDHEADERS_ENABLED is set, and ignores the header otherwise.</summary>
public sealed class ForwardedHeadersTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_forwarded_scheme_counts_only_when_forwarded_headers_are_enabled(bool enabled)
    {
        using var factory = new ProxiedFactory(enabled);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await client.SendAsync(request);

        // The antiforgery cookie is Secure exactly when the request counts as HTTPS.
        var csrf = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("nt.csrf=", StringComparison.Ordinal));
        Assert.Equal(enabled, csrf.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class ProxiedFactory(bool enabled) : NewsTrackerFactory
    {
        protected override IDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["FORWARDEDHEADERS_ENABLED"] = enabled ? "true" : "false", ["Seeding:Enabled"] = "false" };
    }
}
