using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NewsTracker.IntegrationTests.Ingestion;
using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Hosting;

/// <summary>Bodies over an endpoint's limit, on Kestrel (whose limits the test server does not apply): the API
/// answers 413 with ProblemDetails naming the limit, whether the body announced its length or came in chunks.</summary>
public sealed class OversizedBodyTests(KestrelFactory factory) : IClassFixture<KestrelFactory>
{
    [Theory]
    [InlineData("/api/v1/articles/1/annotations", 9 * 1024 * 1024, false, "(8 MiB at most)")]
    [InlineData("/api/v1/articles/1/annotations", 9 * 1024 * 1024, true, "(8 MiB at most)")]
    [InlineData("/api/v1/claims/1/review", 2 * 1024 * 1024, false, "(1 MiB at most)")]
    [InlineData("/api/v1/claims/1/review", 2 * 1024 * 1024, true, "(1 MiB at most)")]
    public async Task An_api_body_over_the_limit_is_refused_as_413_problem_details(string endpoint, int bytes, bool chunked, string expected)
    {
        var token = (await factory.CreateJournalistClientAsync()).DefaultRequestHeaders.Authorization;
        // The client waits for the server's answer to "Expect: 100-continue" however busy the machine is, so it never
        // writes into a connection the server has already answered and closed.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(2) }) { BaseAddress = factory.CreateClient().BaseAddress };
        client.DefaultRequestHeaders.Authorization = token;
        client.DefaultRequestHeaders.ExpectContinue = true;
        var json = Encoding.UTF8.GetBytes(new StringBuilder(bytes + 16).Append("{\"x\":\"").Append('x', bytes).Append("\"}").ToString());
        HttpContent body = chunked ? new StreamContent(new MemoryStream(json)) : new ByteArrayContent(json);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (chunked)
        {
            body.Headers.ContentLength = null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = body };
        request.Headers.TransferEncodingChunked = chunked;
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await IngestionApi.AssertHealthyAsync(factory);
    }
}

/// <summary>Pages over their limit, on the test server (the length announced is checked against the page's own limit).</summary>
public sealed class OversizedFormTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [Fact]
    public async Task An_opml_upload_over_2_mib_answers_the_too_large_page()
    {
        var client = await factory.SignedInClientAsync(Roles.Journalist);
        client.DefaultRequestHeaders.ExpectContinue = true;
        var page = await Forms.GetDocumentAsync(client, "/feeds/opml");
        var token = page.QuerySelector("main form[enctype] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("<opml>" + new string('x', 3 * 1024 * 1024) + "</opml>"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/x-opml");
        content.Add(file, "file", "feeds.opml");

        using var response = await client.PostAsync("/feeds/opml", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than this page accepts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
