using System.Net;
using System.Net.Http.Headers;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Topics;

namespace NewsTracker.IntegrationTests.Hosting;

/// <summary>Topic feeds and JSON timelines carry ETag and Last-Modified; a reader that sends them back gets a bodiless
/// 304 until something readers see changes.</summary>
public sealed class ContentValidatorsTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    public static TheoryData<string> Addresses => new() { $"/topics/{TopicSeed.Slug}/feed.atom", $"/api/v1/topics/{TopicSeed.Slug}/timeline" };

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task A_matching_etag_or_date_gets_304_until_the_content_changes(string address)
    {
        var client = factory.CreateClient();
        using var first = await client.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        var lastModified = first.Content.Headers.LastModified;
        Assert.NotNull(etag);
        Assert.NotNull(lastModified);
        Assert.Contains("no-cache", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        using var byTag = await SendAsync(client, address, r => r.Headers.IfNoneMatch.Add(etag));
        using var byDate = await SendAsync(client, address, r => r.Headers.IfModifiedSince = lastModified);
        using var otherTag = await SendAsync(client, address, r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\"", isWeak: true)));

        Assert.Equal(HttpStatusCode.NotModified, byTag.StatusCode);
        Assert.Empty(await byTag.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, byTag.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherTag.StatusCode);

        await factory.SendAsync(new IngestArticle.Command { Text = $"Validator Change {Guid.NewGuid():N}\n\nSomething readers can see changed.", Origin = "test" });
        using var changed = await SendAsync(client, address, r => r.Headers.IfNoneMatch.Add(etag));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.NotEmpty(await changed.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_signed_in_reader_gets_their_own_validator_and_304s_past_the_output_cache()
    {
        var anonymous = await factory.CreateClient().GetAsync($"/topics/{TopicSeed.Slug}/feed.atom");
        var reader = await factory.SignedInClientAsync(Roles.Journalist);
        var address = $"/topics/{TopicSeed.Slug}/feed.atom";

        using var first = await reader.GetAsync(address);
        using var again = await SendAsync(reader, address, r => r.Headers.IfNoneMatch.Add(first.Headers.ETag!));

        Assert.NotEqual(anonymous.Headers.ETag, first.Headers.ETag);
        Assert.Contains("private", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string address, Action<HttpRequestMessage> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        headers(request);
        return await client.SendAsync(request);
    }
}
