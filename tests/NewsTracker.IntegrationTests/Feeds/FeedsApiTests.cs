using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using NewsTracker.Web.Domain;
using static NewsTracker.IntegrationTests.Ingestion.IngestionApi;

namespace NewsTracker.IntegrationTests.Feeds;

/// <summary>The feeds API with bearer tokens: subscribe, list, read one, refresh; refusals as ProblemDetails.</summary>
public sealed class FeedsApiTests(FeedsFactory factory) : IClassFixture<FeedsFactory>
{
    [Fact]
    public async Task A_tool_subscribes_lists_reads_and_refreshes_a_feed()
    {
        factory.Site.ServeFeed("/api/feed.xml", FeedSite.Rss("Api Argus", []));
        var client = await factory.CreateJournalistClientAsync();

        using var created = await client.PostAsJsonAsync("/api/v1/feeds", new { url = factory.Site.Url("/api/feed.xml"), outlet = "Argus" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await ReadJsonAsync(created);
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal(("Api Argus", true), (body.GetProperty("title").GetString(), body.GetProperty("created").GetBoolean()));
        Assert.Equal($"/api/v1/feeds/{id}", created.Headers.Location!.OriginalString);

        using var again = await client.PostAsJsonAsync("/api/v1/feeds", new { url = factory.Site.Url("/api/feed.xml") });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var list = await ReadJsonAsync(await client.GetAsync("/api/v1/feeds"));
        var row = list.GetProperty("feeds").EnumerateArray().Single(f => f.GetProperty("id").GetInt32() == id);
        Assert.Equal("New", row.GetProperty("status").GetString());

        await factory.Poller.PollFeedAsync(id, CancellationToken.None);
        var one = await ReadJsonAsync(await client.GetAsync($"/api/v1/feeds/{id}"));
        Assert.Equal(("Ok", "Argus", "Rss"), (one.GetProperty("status").GetString(), one.GetProperty("outlet").GetString(), one.GetProperty("format").GetString()));

        using var refreshed = await client.PostAsync($"/api/v1/feeds/{id}/refresh", null);
        Assert.Equal(HttpStatusCode.Accepted, refreshed.StatusCode);
        Assert.Equal(factory.Clock.UtcNow, (await factory.FeedAsync(id)).NextCheckUtc);
    }

    [Fact]
    public async Task Refusals_are_problem_details_and_the_endpoints_need_a_journalist_token()
    {
        var client = await factory.CreateJournalistClientAsync();

        using var invalid = await client.PostAsJsonAsync("/api/v1/feeds", new { url = factory.Site.Url("/hostile/xxe-http") });
        await AssertValidationProblemAsync(invalid, "refuses DTDs");
        Assert.Empty(factory.Site.HitsFor("/secret"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/v1/feeds/987654/refresh", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/v1/feeds")).StatusCode);
        var reader = factory.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await factory.CreateTokenAsync(await factory.CreateUserAsync(string.Empty)));
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("/api/v1/feeds", new { url = factory.Site.Url("/api/feed.xml") })).StatusCode);
    }
}
