using System.Net;
using NewsTracker.Web.Ingestion.Fetching;

namespace NewsTracker.Tests.Ingestion.Fetching;

public sealed class ConnectGuardTests(LocalSite site) : IClassFixture<LocalSite>
{
    [Theory]
    [InlineData("10.20.0.15", "10.20.0.15", 8080, true)]
    [InlineData("10.20.0.15", "10.20.0.15", 443, true)]
    [InlineData("10.20.0.15:8080", "10.20.0.15", 8080, true)]
    [InlineData("10.20.0.15:8080", "10.20.0.15", 8081, false)]
    [InlineData("10.20.0.15:8080", "10.20.0.16", 8080, false)]
    [InlineData("10.20.0.15:8080", "::ffff:10.20.0.15", 8080, true)]
    [InlineData("[fd00::5]:8443", "fd00::5", 8443, true)]
    [InlineData("[fd00::5]:8443", "fd00::6", 8443, false)]
    public void Allows_a_private_address_only_as_far_as_the_allow_list_says(string entry, string address, int port, bool allowed)
    {
        var options = new FetchingOptions();
        options.AllowedPrivateEndpoints.Add(entry);
        var guard = new ConnectGuard(options);

        var error = Record.Exception(() => guard.EnsureAllowed("cms.intranet", IPAddress.Parse(address), port));

        if (allowed)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Equal(FetchErrorKind.BlockedAddress, Assert.IsType<FetchException>(error).Kind);
        }
    }

    [Fact]
    public void Allows_every_address_when_private_networks_are_allowed()
    {
        var guard = new ConnectGuard(new FetchingOptions { AllowPrivateNetworks = true });

        Assert.Null(Record.Exception(() => guard.EnsureAllowed("metadata", IPAddress.Parse("169.254.169.254"), 80)));
        Assert.Null(Record.Exception(() => guard.EnsureAllowed("loopback", IPAddress.IPv6Loopback, 443)));
    }

    [Fact]
    public void Refuses_a_host_name_in_the_allow_list()
    {
        var options = new FetchingOptions();
        options.AllowedPrivateEndpoints.Add("cms.intranet:8080");

        Assert.Contains("cms.intranet:8080", Assert.Single(options.Validate()), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new ConnectGuard(options));
    }

    [Fact]
    public async Task Guards_any_client_built_on_its_handler_not_only_the_fetcher()
    {
        // A plain HttpClient skips the fetcher's early IP-literal check, so the refusal can only come
        // from the connect callback.
        var options = site.AllowListedOptions();
        using var client = new HttpClient(new ConnectGuard(options).CreateHandler());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://127.0.0.2:{site.Port}/page/utf8")));

        var refusal = Assert.IsType<FetchException>(error.InnerException);
        Assert.Equal(FetchErrorKind.BlockedAddress, refusal.Kind);
        Assert.Contains("127.0.0.2 is a loopback address", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Never_follows_a_redirect_by_itself()
    {
        using var client = new HttpClient(new ConnectGuard(site.AllowListedOptions()).CreateHandler());

        using var response = await client.GetAsync(site.Url("/redirect/1"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
