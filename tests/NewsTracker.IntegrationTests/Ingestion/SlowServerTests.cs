using System.Net.Http.Json;
using static NewsTracker.IntegrationTests.Ingestion.IngestionApi;

namespace NewsTracker.IntegrationTests.Ingestion;

/// <summary>A <see cref="HostileSiteFactory"/> whose fetches give up after one second, so a trickling
/// server is cut off quickly.</summary>
public sealed class ShortTimeoutSiteFactory : HostileSiteFactory
{
    protected override TimeSpan? TotalTimeout => TimeSpan.FromSeconds(1);
}

/// <summary>A server that sends one byte a second never finishes its page: the total timeout ends the fetch.</summary>
public sealed class SlowServerTests(ShortTimeoutSiteFactory factory) : IClassFixture<ShortTimeoutSiteFactory>
{
    [Theory]
    [InlineData(Articles)]
    [InlineData(Extract)]
    public async Task A_server_sending_one_byte_a_second_is_cut_off_with_a_clear_message_and_stores_nothing(string endpoint)
    {
        var client = await factory.JournalistClientAsync();
        var before = await StoredRows.CountAsync(factory);

        using var response = await client.PostAsJsonAsync(endpoint, new { url = factory.Site.Url("/slow") });

        await AssertValidationProblemAsync(response, "did not deliver the page within 1 second.");
        Assert.Equal(before, await StoredRows.CountAsync(factory));
        await AssertHealthyAsync(factory);
    }
}
