using System.Net;
using System.Text;
using static NewsTracker.IntegrationTests.Ingestion.IngestionApi;

namespace NewsTracker.IntegrationTests.Ingestion;

/// <summary>The real app on Kestrel (not the in-memory test server), so Kestrel's own request body
/// limit applies as it does in production.</summary>
public sealed class KestrelFactory : NewsTrackerFactory
{
    public KestrelFactory()
    {
        UseKestrel(0);
    }

    /// <summary>A journalist's client that sends "Expect: 100-continue" and waits for the server's answer however busy
    /// the machine is (HttpClient's own wait is one second, after which it sends the body anyway), so it never writes
    /// a large body into a connection the server has already refused and closed.</summary>
    public async Task<HttpClient> CreateJournalistClientWaitingForContinueAsync()
    {
        var token = (await this.CreateJournalistClientAsync()).DefaultRequestHeaders.Authorization;
        var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(2) }) { BaseAddress = CreateClient().BaseAddress };
        client.DefaultRequestHeaders.Authorization = token;
        client.DefaultRequestHeaders.ExpectContinue = true;
        return client;
    }
}

/// <summary>A 50 MB page posted as JSON: far over both the app's 15 MiB limit and Kestrel's ~28.6 MiB body
/// limit. Kestrel refuses it before the app binds anything; the API pipeline turns the bare 413 into
/// ProblemDetails with a sentence saying what to do.</summary>
public sealed class OversizedRequestTests(KestrelFactory factory) : IClassFixture<KestrelFactory>
{
    private const int PostedBytes = 50 * 1024 * 1024;

    [Theory]
    [InlineData(Articles)]
    [InlineData(Extract)]
    public async Task A_50_MB_posted_page_is_refused_as_413_content_too_large_and_stores_nothing(string endpoint)
    {
        // As curl does for large bodies: the server can refuse before the body is sent; without it,
        // Kestrel answers and closes the connection while the client is still writing.
        using var client = await factory.CreateJournalistClientWaitingForContinueAsync();
        var before = await StoredRows.CountAsync(factory);
        var json = new StringBuilder(PostedBytes + 16).Append("{\"html\":\"").Append('x', PostedBytes).Append("\"}").ToString();

        using var response = await client.PostAsync(endpoint, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("send the article's URL instead", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await StoredRows.CountAsync(factory));
        await AssertHealthyAsync(factory);
    }
}
