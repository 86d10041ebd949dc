using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NewsTracker.Web.Ingestion.Fetching;

using NewsTracker.TestSupport;

namespace NewsTracker.Tests.Ingestion.Fetching;

/// <summary>A real Kestrel server on 127.0.0.1 with a random port, serving the pages, redirects,
/// bombs and slow answers the fetcher must cope with.</summary>
public sealed class LocalSite : IAsyncLifetime
{
    public const string ETag = "\"v1\"";
    public const int LargePageBytes = 64 * 1024;
    public const string LatinTitle = "Café crème à Kyïv";
    public const string CyrillicTitle = "Київ і Крим";
    public const string PolishTitle = "Łódź, Gdańsk, Kraków";
    public const string CurlyQuoteTitle = "Zelensky’s “no retreat”";


    public static readonly DateTimeOffset LastModified = new(2026, 11, 20, 8, 30, 0, TimeSpan.Zero);

    private WebApplication? _app;

    public int Port { get; private set; }

    public Uri Url(string pathAndQuery) => new($"http://127.0.0.1:{Port}{pathAndQuery}");

    /// <summary>Options that let the fetcher reach this server and nothing else private.</summary>
    public FetchingOptions AllowListedOptions()
    {
        var options = new FetchingOptions();
        options.AllowedPrivateEndpoints.Add($"127.0.0.1:{Port}");
        AllowPorts(options);
        return options;
    }

    public FetchingOptions PrivateNetworkOptions()
    {
        var options = new FetchingOptions { AllowPrivateNetworks = true };
        AllowPorts(options);
        return options;
    }

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

    public static Encoding CodePage(int codePage) => CodePagesEncodingProvider.Instance.GetEncoding(codePage)!;

    private void AllowPorts(FetchingOptions options)
    {
        options.AllowedPorts.Add(80);
        options.AllowedPorts.Add(443);
        options.AllowedPorts.Add(Port);
    }

    private static void MapPages(WebApplication app)
    {
        app.MapHostileHandlers(redirectTarget: "/page/utf8");
        app.MapGet("/page/utf8", context => Send(context, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(Html("Membership talks", "Kyiv — “no retreat” 😀"))));
        app.MapGet("/page/xhtml", context => Send(context, "application/xhtml+xml", Encoding.UTF8.GetBytes(Html("XHTML page", "Strict markup"))));
        app.MapGet("/page/latin1-meta", context => Send(context, "text/html",
            Encoding.Latin1.GetBytes($"<html><head><meta charset=\"iso-8859-1\"><title>{LatinTitle}</title></head><body><p>{LatinTitle}</p></body></html>")));
        app.MapGet("/page/http-equiv", context => Send(context, "text/html",
            CodePage(1251).GetBytes($"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><title>{CyrillicTitle}</title></head><body></body></html>")));
        app.MapGet("/page/header-charset", context => Send(context, "text/html; charset=iso-8859-2", CodePage(28592).GetBytes(Html(PolishTitle, PolishTitle))));
        app.MapGet("/page/bom", context => Send(context, "text/html",
            [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes($"<html><head><meta charset=\"windows-1252\"><title>{CurlyQuoteTitle}</title></head></html>")]));
        app.MapGet("/page/no-charset", context => Send(context, "text/html", Encoding.UTF8.GetBytes(Html(CurlyQuoteTitle, "No declaration anywhere"))));
        app.MapGet("/page/invalid-utf8", context => Send(context, "text/html; charset=utf-8", [.. "<p>before "u8, 0xFF, 0xFE, 0xC3, .. " after</p>"u8]));
        app.MapGet("/page/large", context => Send(context, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(Html("Large", new string('x', LargePageBytes)))));
        app.MapGet("/page/user-agent", context => Send(context, "text/html; charset=utf-8",
            Encoding.UTF8.GetBytes(Html("Echo", WebUtility.HtmlEncode(context.Request.Headers.UserAgent.ToString())))));
        app.MapGet("/data.json", context => Send(context, "application/json", "{\"title\":\"not a page\"}"u8.ToArray()));
        app.MapGet("/feed.rss", context => Send(context, "application/rss+xml",
            Encoding.Latin1.GetBytes($"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>{LatinTitle}</title></channel></rss>")));
        app.MapGet("/missing", context => Send(context, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(Html("Not found", "Nothing here")), StatusCodes.Status404NotFound));
        app.MapGet("/busy", context =>
        {
            context.Response.Headers.RetryAfter = "120";
            return Send(context, "text/plain", "busy"u8.ToArray(), StatusCodes.Status503ServiceUnavailable);
        });

        app.MapGet("/brotli", async context =>
        {
            using var compressed = new MemoryStream();
            using (var brotli = new BrotliStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                brotli.Write(Encoding.UTF8.GetBytes(Html("Compressed with brotli", string.Concat(Enumerable.Repeat("Kyiv and Crimea. ", 500)))));
            }

            context.Response.Headers.ContentEncoding = "br";
            await Send(context, "text/html; charset=utf-8", compressed.ToArray());
        });

        app.MapGet("/relative-redirect/start", context =>
        {
            context.Response.Redirect("../page/utf8");
            return Task.CompletedTask;
        });

        app.MapGet("/conditional", context =>
        {
            context.Response.Headers.ETag = ETag;
            context.Response.Headers.CacheControl = "max-age=60";
            context.Response.Headers.LastModified = LastModified.ToString("R");
            var headers = context.Request.GetTypedHeaders();
            var matches = context.Request.Headers.IfNoneMatch.ToString() == ETag
                || (headers.IfModifiedSince is { } since && since >= LastModified);
            if (matches)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            return Send(context, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(Html("Versioned", "Version one")));
        });
    }

    private static string Html(string title, string body) =>
        $"<!doctype html><html><head><title>{title}</title></head><body><p>{body}</p></body></html>";

    private static async Task Send(HttpContext context, string contentType, byte[] body, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
