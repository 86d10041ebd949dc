using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

using NewsTracker.TestSupport;

namespace NewsTracker.IntegrationTests.Ingestion;

/// <summary>A real Kestrel server on 127.0.0.1 with a random port that serves what a hostile or broken
/// site sends: empty and binary bodies, invalid UTF-8, huge and deep pages, a gzip bomb, a trickle,
/// non-HTML types, redirect chains and redirects to private addresses.</summary>
public sealed class HostileSite : IAsyncLifetime
{
    /// <summary>Over the 15 MiB fetch limit several times.</summary>
    public const int HugePageBytes = 50 * 1024 * 1024;

    public const int DeepNesting = 100_000;

    /// <summary>A title that only appears on the one page with a few invalid bytes.</summary>
    public const string ArticleTitle = "Ferry Service Resumes After Storm";

    private const string ArticlePage = """
        <!DOCTYPE html><html lang="en"><head><title>Ferry Service Resumes After Storm | Island Herald</title>
        <meta property="og:site_name" content="Island Herald">
        <meta name="author" content="Ines Varga">
        <meta property="article:published_time" content="2026-11-22T06:30:00Z"></head>
        <body><article><h1>Ferry Service Resumes After Storm</h1>
        <p>Ferries between the island and the mainland resumed on Sunday after a storm kept boats in harbour for three days, the operator said.</p>
        <figure><img src="ferry.jpg" alt=""><figcaption>The first ferry leaves the harbour on Sunday morning</figcaption></figure>
        <p>Extra sailings were added to clear the backlog of freight, according to a spokesperson for the port.</p>
        </article></body></html>
        """;

    public const string FewBadBytesTitle = "Harbour reopens after storm damage is repaired";

    private static readonly byte[] HugeChunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<p>filler text for a page far too large</p>\n", 1024)));

    private WebApplication? _app;

    public int Port { get; private set; }

    public string Url(string pathAndQuery) => $"http://127.0.0.1:{Port}{pathAndQuery}";

    /// <summary>A page with <paramref name="depth"/> nested <paramref name="element"/> elements around one word.</summary>
    public static string Nested(string element, int depth) =>
        new StringBuilder("<!doctype html><html><head><title>Deep</title></head><body>")
            .Append(string.Concat(Enumerable.Repeat($"<{element}>", depth)))
            .Append("Kyiv")
            .Append(string.Concat(Enumerable.Repeat($"</{element}>", depth)))
            .Append("</body></html>")
            .ToString();

    public async Task InitializeAsync()
    {
        (_app, Port) = await LoopbackSite.StartAsync(MapPages);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static void MapPages(WebApplication app)
    {
        app.MapHostileHandlers(redirectTarget: "/few-bad-bytes");
        app.MapGet("/empty", context => Send(context, "text/html; charset=utf-8", []));
        app.MapGet("/whitespace", context => Send(context, "text/html; charset=utf-8", " \r\n\t  \n "u8.ToArray()));
        app.MapGet("/binary-as-html", context => Send(context, "text/html", PngBytes()));
        app.MapGet("/garbage-utf8", context => Send(context, "text/html; charset=utf-8", GarbageUtf8()));
        app.MapGet("/garbage-utf8-no-charset", context => Send(context, "text/html", GarbageUtf8()));
        app.MapGet("/few-bad-bytes", context => Send(context, "text/html; charset=utf-8", FewBadBytes()));
        app.MapGet("/few-bad-bytes-no-charset", context => Send(context, "text/html", FewBadBytes()));
        app.MapGet("/deep/{element}", context =>
            Send(context, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(Nested((string)context.Request.RouteValues["element"]!, DeepNesting))));
        app.MapGet("/typed", context => Send(context, context.Request.Query["type"].ToString(), PngBytes()));

        // Declares its length, so the fetcher can refuse before reading a byte.
        app.MapGet("/huge", context => SendHuge(context, declareLength: true));

        // Chunked: the limit must hold while streaming.
        app.MapGet("/huge-chunked", context => SendHuge(context, declareLength: false));

        // A well-formed article, for the happy path through the same site.
        app.MapGet("/article", context => Send(context, "text/html; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(ArticlePage)));

    }

    private static byte[] PngBytes() =>
        [0x89, .. "PNG\r\n"u8, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, .. "IHDR"u8, .. new byte[4096]];

    /// <summary>An HTML head, then bytes that are never valid UTF-8 (stray continuation bytes,
    /// overlong leads, 0xFE/0xFF), the way a mislabelled binary file arrives.</summary>
    private static byte[] GarbageUtf8()
    {
        byte[] bad = [0xC0, 0xFF, 0x80, 0xFE, 0xBF, 0xF8];
        var body = Enumerable.Range(0, 6000).Select(i => bad[i % bad.Length]).ToArray();
        return [.. "<html><head><title>Garbage</title></head><body><p>"u8, .. body, .. "</p></body></html>"u8];
    }

    /// <summary>A real article whose text carries three invalid bytes, as an old CMS produces.</summary>
    private static byte[] FewBadBytes()
    {
        var paragraph = "The harbour at Kilmore reopened on Tuesday after engineers finished repairing the sea wall damaged in last month's storm, the port authority said. "
            + "Fishing boats returned to their moorings within hours, and the ferry service to the islands will resume its full timetable next week. ";
        return
        [
            .. Encoding.UTF8.GetBytes($"<!doctype html><html lang=\"en\"><head><title>{FewBadBytesTitle}</title></head><body><article><h1>{FewBadBytesTitle}</h1><p>"),
            .. Encoding.UTF8.GetBytes(paragraph), 0xFF, .. " Local traders welcomed the news. "u8, 0xC3, 0x28, .. "</p><p>"u8,
            .. Encoding.UTF8.GetBytes(paragraph.Replace("Tuesday", "Wednesday", StringComparison.Ordinal) + paragraph),
            .. "</p></article></body></html>"u8,
        ];
    }

    private static async Task SendHuge(HttpContext context, bool declareLength)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        if (declareLength)
        {
            context.Response.ContentLength = HugePageBytes;
        }

        try
        {
            for (var sent = 0; sent < HugePageBytes; sent += HugeChunk.Length)
            {
                await context.Response.Body.WriteAsync(HugeChunk.AsMemory(0, Math.Min(HugeChunk.Length, HugePageBytes - sent)), context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The fetcher stopped reading at its limit.
        }
        catch (IOException)
        {
            // Or closed the connection mid-body.
        }
    }

    private static async Task Send(HttpContext context, string contentType, byte[] body)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
