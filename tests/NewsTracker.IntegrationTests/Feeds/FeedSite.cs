using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NewsTracker.TestSupport;

namespace NewsTracker.IntegrationTests.Feeds;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a random port, serving what a test puts on it (feeds with
/// validators, article pages, error statuses) plus the shared hostile handlers and the hostile feeds
/// (XXE, billion laughs, a million items, a non-XML body). It records every request, the validators it
/// carried and how many requests were in flight at once.
/// </summary>
public sealed class FeedSite : IAsyncLifetime
{
    /// <summary>Items in the huge feed: each is a bare <c>&lt;item/&gt;</c>, so the whole stays under the byte limit and only the item limit stops it.</summary>
    public const int MillionItems = 1_000_000;

    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _inFlight;
    private int _maxInFlight;

    public int Port { get; private set; }

    /// <summary>Every request, in the order they finished.</summary>
    public ConcurrentQueue<Hit> Hits { get; } = new();

    /// <summary>The most requests the site was serving at one moment.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>How long each request is held before it is answered (to make overlapping requests visible).</summary>
    public TimeSpan Latency { get; set; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public IReadOnlyList<Hit> HitsFor(string path) => Hits.Where(h => h.Path == path).ToList();

    public void Serve(string path, Func<HttpContext, Task> handler) => _routes[path] = handler;

    /// <summary>Serves <paramref name="body"/> with an ETag and/or a Last-Modified (304 when the request's
    /// If-None-Match or If-Modified-Since matches) and any extra headers.</summary>
    public void ServeFeed(
        string path, string body, string? etag = null, string contentType = "application/rss+xml; charset=utf-8",
        Action<HttpResponse>? headers = null, DateTimeOffset? lastModified = null) =>
        Serve(path, context =>
        {
            headers?.Invoke(context.Response);
            if (etag is not null)
            {
                context.Response.Headers.ETag = etag;
                if (context.Request.Headers.IfNoneMatch.ToString() == etag)
                {
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    return Task.CompletedTask;
                }
            }

            if (lastModified is { } modified)
            {
                context.Response.Headers.LastModified = modified.ToString("r", CultureInfo.InvariantCulture);
                if (context.Request.GetTypedHeaders().IfModifiedSince is { } since && since >= modified)
                {
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    return Task.CompletedTask;
                }
            }

            return Send(context, contentType, Encoding.UTF8.GetBytes(body));
        });

    /// <summary>Serves a feed only once <paramref name="release"/> completes, so a test can look at a check under way.</summary>
    public void ServeFeedWhen(string path, Task release, string body) =>
        Serve(path, async context =>
        {
            await release.WaitAsync(context.RequestAborted);
            await Send(context, "application/rss+xml; charset=utf-8", Encoding.UTF8.GetBytes(body));
        });

    public void ServeArticle(string path, string title, string text) =>
        Serve(path, context => Send(context, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(ArticlePage(title, text))));

    public void ServeStatus(string path, int status, string? retryAfter = null) =>
        Serve(path, context =>
        {
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            return Send(context, "text/plain", "unavailable"u8.ToArray(), status);
        });

    /// <summary>An RSS 2.0 document with these items.</summary>
    public static string Rss(string title, IEnumerable<FeedEntry> items, string? extraChannel = null)
    {
        var xml = new StringBuilder($"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{WebUtility.HtmlEncode(title)}</title><link>https://feeds.example/</link>{extraChannel}");
        foreach (var item in items)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<item><title>{WebUtility.HtmlEncode(item.Title)}</title><link>{WebUtility.HtmlEncode(item.Link)}</link><guid isPermaLink=\"false\">{WebUtility.HtmlEncode(item.Id)}</guid>");
            if (item.Published is { } published)
            {
                xml.Append(CultureInfo.InvariantCulture, $"<pubDate>{published.ToString("r", CultureInfo.InvariantCulture)}</pubDate>");
            }

            if (item.Html is not null)
            {
                xml.Append(CultureInfo.InvariantCulture, $"<description><![CDATA[{item.Html}]]></description>");
            }

            xml.Append("</item>");
        }

        return xml.Append("</channel></rss>").ToString();
    }

    /// <summary>An article page the extractor reads as <paramref name="title"/> with <paramref name="text"/> in three paragraphs.</summary>
    public static string ArticlePage(string title, string text) =>
        $"""
        <!DOCTYPE html><html lang="en"><head><title>{WebUtility.HtmlEncode(title)}</title>
        <meta property="og:site_name" content="Harbour Wire"></head>
        <body><article><h1>{WebUtility.HtmlEncode(title)}</h1>
        <p>{WebUtility.HtmlEncode(text)}</p>
        <p>Officials said the work would continue through the week, and that residents would be kept informed as it went on.</p>
        <p>Local businesses said they welcomed the news, though several asked for clearer timetables in future.</p>
        </article></body></html>
        """;

    public async Task InitializeAsync() => (_app, Port) = await LoopbackSite.StartAsync(app =>
    {
        app.Use(async (context, next) =>
        {
            InterlockedMax(ref _maxInFlight, Interlocked.Increment(ref _inFlight));
            try
            {
                if (Latency > TimeSpan.Zero)
                {
                    await Task.Delay(Latency, context.RequestAborted);
                }

                await next();
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
                Hits.Enqueue(new Hit(context.Request.Path.Value ?? string.Empty, NullIfEmpty(context.Request.Headers.IfNoneMatch), NullIfEmpty(context.Request.Headers.IfModifiedSince), context.Response.StatusCode));
            }
        });
        app.MapHostileHandlers(redirectTarget: "/redirect-end");
        MapHostileFeeds(app);
        app.MapFallback("{**path}", context => _routes.TryGetValue(context.Request.Path.Value ?? string.Empty, out var handler)
            ? handler(context)
            : Send(context, "text/plain", "not here"u8.ToArray(), StatusCodes.Status404NotFound));
    });

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private void MapHostileFeeds(WebApplication app)
    {
        app.MapGet("/hostile/xxe-file", context => SendXml(context,
            """<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title><guid>x</guid></item></channel></rss>"""));
        app.MapGet("/hostile/xxe-http", context => SendXml(context,
            $"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "http://127.0.0.1:{Port}/secret">]><rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title><guid>x</guid></item></channel></rss>"""));
        app.MapGet("/hostile/billion-laughs", context => SendXml(context,
            """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><guid>l</guid></item></channel></rss>
            """));
        app.MapGet("/hostile/million-items", async context =>
        {
            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            var item = "<item/>"u8.ToArray();
            var chunk = new byte[item.Length * 10_000];
            for (var i = 0; i < 10_000; i++)
            {
                item.CopyTo(chunk, i * item.Length);
            }

            try
            {
                await context.Response.Body.WriteAsync("<rss version=\"2.0\"><channel><title>Endless</title>"u8.ToArray(), context.RequestAborted);
                for (var sent = 0; sent < MillionItems; sent += 10_000)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                }

                await context.Response.Body.WriteAsync("</channel></rss>"u8.ToArray(), context.RequestAborted);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The reader stopped early.
            }
        });
        app.MapGet("/hostile/not-xml", context => Send(context, "application/rss+xml", [0x89, .. "PNG\r\n"u8, 0x1A, 0x0A, 0, 0, 0, 0x0D, .. "IHDR"u8, .. new byte[2048]]));
        app.MapGet("/hostile/html", context => Send(context, "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>"u8.ToArray()));
        app.MapGet("/secret", context => Send(context, "text/plain", "root:x:0:0"u8.ToArray()));
    }

    private static Task SendXml(HttpContext context, string xml) => Send(context, "application/rss+xml; charset=utf-8", Encoding.UTF8.GetBytes(xml));

    private static async Task Send(HttpContext context, string contentType, byte[] body, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 0 ? null : values.ToString();

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    /// <summary>One request the site answered.</summary>
    public sealed record Hit(string Path, string? IfNoneMatch, string? IfModifiedSince, int Status);
}

/// <summary>An item for <see cref="FeedSite.Rss"/>.</summary>
public sealed record FeedEntry(string Id, string Title, string Link, DateTime? Published = null, string? Html = null);
