using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsTracker.Web.Ingestion.Fetching;

namespace NewsTracker.Tests.Ingestion.Fetching;

public sealed class FetchingRegistrationTests(LocalSite site) : IClassFixture<LocalSite>
{
    [Fact]
    public void Binds_every_setting_from_the_ingestion_section()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Ingestion:AllowPrivateNetworks"] = "true",
            ["Ingestion:AllowedPorts:0"] = "8080",
            ["Ingestion:AllowedPrivateEndpoints:0"] = "127.0.0.1:54321",
            ["Ingestion:AllowedPrivateEndpoints:1"] = "[::1]:8443",
            ["Ingestion:ConnectTimeout"] = "00:00:03",
            ["Ingestion:TotalTimeout"] = "00:00:07",
            ["Ingestion:MaxResponseBytes"] = "1048576",
            ["Ingestion:MaxRedirects"] = "2",
            ["Ingestion:UserAgent"] = "NewsTracker/1.0 (+https://newsroom.example/bot)",
            ["Ingestion:AllowHttpsToHttpRedirects"] = "true",
        });

        var options = provider.GetRequiredService<IOptions<FetchingOptions>>().Value;

        Assert.True(options.AllowPrivateNetworks);
        Assert.Equal([8080], options.AllowedPorts);
        Assert.Equal(["127.0.0.1:54321", "[::1]:8443"], options.AllowedPrivateEndpoints);
        Assert.Equal(TimeSpan.FromSeconds(3), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(7), options.TotalTimeout);
        Assert.Equal(1_048_576, options.MaxResponseBytes);
        Assert.Equal(2, options.MaxRedirects);
        Assert.Equal("NewsTracker/1.0 (+https://newsroom.example/bot)", options.UserAgent);
        Assert.True(options.AllowHttpsToHttpRedirects);
    }

    [Fact]
    public void Defaults_to_the_safe_limits()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<FetchingOptions>>().Value;

        Assert.False(options.AllowPrivateNetworks);
        Assert.Empty(options.AllowedPrivateEndpoints);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), options.TotalTimeout);
        Assert.Equal(15 * 1024 * 1024, options.MaxResponseBytes);
        Assert.Equal(5, options.MaxRedirects);
        Assert.StartsWith("NewsTracker/", options.UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_host_name_in_the_private_endpoint_allow_list()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Ingestion:AllowedPrivateEndpoints:0"] = "cms.intranet:8080" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FetchingOptions>>().Value);

        Assert.Contains("cms.intranet:8080", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registers_a_fetcher_that_refuses_the_local_server_by_default()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Ingestion:AllowedPorts:0"] = Port() });
        var fetcher = provider.GetRequiredService<SafeFetcher>();

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(site.Url("/page/utf8")));

        Assert.Equal(FetchErrorKind.BlockedAddress, error.Kind);
    }

    [Fact]
    public async Task Registers_a_fetcher_that_reaches_an_allow_listed_intranet_endpoint()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Ingestion:AllowedPorts:0"] = Port(),
            ["Ingestion:AllowedPrivateEndpoints:0"] = $"127.0.0.1:{Port()}",
        });
        var fetcher = provider.GetRequiredService<SafeFetcher>();

        var page = await fetcher.FetchAsync(site.Url("/redirect/2"));

        Assert.Equal(2, page.RedirectCount);
        Assert.Contains("Membership talks", page.Text, StringComparison.Ordinal);
    }

    private string Port() => site.Port.ToString(CultureInfo.InvariantCulture);

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSafeFetching(configuration).BuildServiceProvider();
    }
}
