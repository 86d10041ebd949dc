using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using NewsTracker.IntegrationTests.Ingestion;
using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Hosting;

/// <summary>Bodies over an endpoint's limit, on Kestrel (whose limits the test server does not apply): the API
/// answers 413 with ProblemDetails naming the limit, whether the body announced its length or came in chunks.</summary>
public sealed class OversizedBodyTests(KestrelFactory factory) : IClassFixture<KestrelFactory>
{
    [Theory]
    [InlineData("/api/v1/articles/1/annotations", 9 * 1024 * 1024, "(8 MiB at most)")]
    [InlineData("/api/v1/claims/1/review", 2 * 1024 * 1024, "(1 MiB at most)")]
    public async Task An_api_body_announced_over_the_limit_is_refused_as_413_problem_details(string endpoint, int bytes, string expected)
    {
        using var client = await factory.CreateJournalistClientWaitingForContinueAsync();
        var json = Encoding.UTF8.GetBytes(new StringBuilder(bytes + 16).Append("{\"x\":\"").Append('x', bytes).Append("\"}").ToString());
        using var body = new ByteArrayContent(json);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(endpoint, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await IngestionApi.AssertHealthyAsync(factory);
    }

    [Theory]
    [InlineData("/api/v1/articles/1/annotations", 8 * 1024 * 1024, "(8 MiB at most)")]
    [InlineData("/api/v1/claims/1/review", 1024 * 1024, "(1 MiB at most)")]
    public async Task An_api_body_sent_in_chunks_past_the_limit_is_refused_as_413_problem_details(string endpoint, int limit, string expected)
    {
        var token = (await factory.CreateJournalistClientAsync()).DefaultRequestHeaders.Authorization!;

        var (status, contentType, body) = await RawHttp.PostOneChunkAsync(factory.CreateClient().BaseAddress!, endpoint, token, limit + 4096);

        Assert.Equal(413, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains(expected, body, StringComparison.Ordinal);
        await IngestionApi.AssertHealthyAsync(factory);
    }
}

/// <summary>A chunked POST written on a bare socket. HttpClient fails the whole exchange when the server answers and
/// closes while the client is still writing (a broken pipe, which a busy machine makes likely), so this sends one
/// chunk only a little past the limit and no closing chunk: the server reads every byte sent, refuses, and closes a
/// connection holding nothing unread, and the answer is then read to its end.</summary>
internal static class RawHttp
{
    public static async Task<(int Status, string? ContentType, string Body)> PostOneChunkAsync(Uri server, string path, AuthenticationHeaderValue authorization, int bytes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, timeout.Token);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: {authorization}\r\n" +
                   $"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{bytes:x}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), timeout.Token);
        var payload = new byte[bytes];
        Array.Fill(payload, (byte)'x');
        await stream.WriteAsync(payload, timeout.Token);

        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token); // the server closes the connection after refusing
        var answer = received.ToArray();
        var headerEnd = answer.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(headerEnd > 0, $"No complete answer came back: {Encoding.UTF8.GetString(answer)}");
        var lines = Encoding.ASCII.GetString(answer, 0, headerEnd).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        string? Header(string name) => lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => p[1].Trim()).FirstOrDefault();
        var body = answer[(headerEnd + 4)..];
        if (string.Equals(Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Unchunk(body);
        }

        return (status, Header("Content-Type")?.Split(';')[0].Trim(), Encoding.UTF8.GetString(body));
    }

    private static byte[] Unchunk(byte[] chunked)
    {
        using var joined = new MemoryStream();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = at + chunked.AsSpan(at).IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(chunked, at, lineEnd - at).Split(';')[0].Trim(), 16);
            if (size == 0)
            {
                break;
            }

            joined.Write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }

        return joined.ToArray();
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
