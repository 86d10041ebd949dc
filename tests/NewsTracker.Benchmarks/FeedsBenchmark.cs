using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsTracker.Web.Data;
using NewsTracker.Web.Feeds;
using NewsTracker.Web.Hosting;

namespace NewsTracker.Benchmarks;

/// <summary>
/// Polls N feeds served by an in-process Kestrel on several loopback addresses (so the one-request-per-host
/// rule spreads over hosts as it would across outlets), through the app's own <see cref="FeedPoller"/>
/// with its services from <c>AddNewsTracker</c>: a first poll that ingests every item (article pages fetched
/// and extracted), a poll where every feed answers 304, and a poll where most answer 304 and a few have one
/// new item. The reference in the same run: raw <see cref="HttpClient"/> conditional GETs of the same URLs
/// at the same concurrency, answered 304 by the same server.
/// </summary>
public static class FeedsBenchmark
{
    public const int DefaultFeedCount = 1000;

    /// <summary>Loopback addresses the feeds are spread over (127.0.0.1 … 127.0.0.N).</summary>
    private const int Hosts = 8;

    private const int ItemsPerFeed = 3;

    /// <summary>One feed in this many gets a new item before the mixed poll.</summary>
    private const int ChangedEvery = 20;

    /// <summary>Set to 1 to keep the database for inspection with sqlite3.</summary>
    private const string KeepVariable = "NEWSTRACKER_BENCHMARK_KEEP";

    public static async Task RunAsync(int count)
    {
        var root = Path.Combine(Path.GetTempPath(), "newstracker-feeds-benchmark", Guid.NewGuid().ToString("N"));
        var site = new Site(count);
        await using var server = await site.StartAsync();
        try
        {
            await using var host = await StartHostAsync(root, site.Port);
            var poller = host.Services.GetRequiredService<FeedPoller>();
            var concurrency = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FeedsOptions>>().Value.MaxConcurrency;
            await SubscribeAsync(host, site);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count} feeds on {Hosts} loopback hosts, {ItemsPerFeed} items each, poller concurrency {concurrency}; database under {root}"));

            var rows = new List<Row>
            {
                await MeasureAsync("First poll: every feed read, every item's page fetched, extracted and stored", count, host, () => PollAllAsync(host, poller)),
                await MeasureAsync("Poll, every feed unchanged (warm-up of the 304 path)", count, host, () => PollAllAsync(host, poller)),
                await MeasureAsync("Poll, every feed unchanged (304, nothing parsed)", count, host, () => PollAllAsync(host, poller)),
            };

            site.AddOneItemToEvery(ChangedEvery);
            rows.Add(await MeasureAsync($"Poll, 1 in {ChangedEvery} feeds with one new item, the rest 304", count, host, () => PollAllAsync(host, poller)));

            using var reference = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.All });
            await MeasureAsync("reference warm-up", count, host, () => RawConditionalGetsAsync(reference, site, concurrency));
            rows.Add(await MeasureAsync($"Reference: raw HttpClient conditional GETs of the same URLs (304), {concurrency} at a time", count, host, () => RawConditionalGetsAsync(reference, site, concurrency)));
            Report(rows);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(root) && Environment.GetEnvironmentVariable(KeepVariable) is not "1")
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task<WebApplication> StartHostAsync(string dataDirectory, int port)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration["Storage:DataDirectory"] = dataDirectory;
        builder.Configuration["Ingestion:AllowPrivateNetworks"] = "true";
        builder.Configuration["Ingestion:AllowedPorts:0"] = port.ToString(CultureInfo.InvariantCulture);
        builder.Configuration["Feeds:PollingEnabled"] = "false";
        builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        builder.AddNewsTracker(commandLineMode: true);
        var app = builder.Build();
        await app.Services.MigrateDatabaseAsync();
        return app;
    }

    private static async Task SubscribeAsync(WebApplication host, Site site)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var drafts = Enumerable.Range(0, site.Count).Select(i => new AddFeeds.Draft(site.FeedUrl(i), $"Feed {i}")).ToList();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new AddFeeds.Command(drafts, null));
    }

    /// <summary>Makes every feed due, then polls until none is.</summary>
    private static async Task<int> PollAllAsync(WebApplication host, FeedPoller poller)
    {
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var due = DateTime.UtcNow.AddSeconds(-1);
            await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Feeds
                .ExecuteUpdateAsync(f => f.SetProperty(x => x.NextCheckUtc, due));
        }

        var checkedCount = await poller.PollDueAsync(CancellationToken.None);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var failed = await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Feeds.CountAsync(f => f.ErrorCount > 0);
            if (failed > 0 || checkedCount != await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Feeds.CountAsync())
            {
                throw new InvalidOperationException($"{checkedCount} feeds checked, {failed} failed: the benchmark measures healthy feeds only.");
            }
        }

        return checkedCount;
    }

    private static async Task<int> RawConditionalGetsAsync(HttpClient client, Site site, int concurrency)
    {
        var notModified = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, site.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, cancellationToken) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, site.FeedUrl(i));
            request.Headers.TryAddWithoutValidation("If-None-Match", site.ETag(i));
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                Interlocked.Increment(ref notModified);
            }
        });
        return notModified;
    }

    private static async Task<Row> MeasureAsync(string name, int feeds, WebApplication host, Func<Task<int>> run)
    {
        var articlesBefore = await ArticleCountAsync(host);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await run();
        var elapsed = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var articles = await ArticleCountAsync(host) - articlesBefore;
        return new Row(name, feeds, elapsed, cpu, articles);
    }

    private static async Task<int> ArticleCountAsync(WebApplication host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Articles.CountAsync();
    }

    private static void Report(List<Row> rows)
    {
        var reference = rows[^1];
        Console.WriteLine();
        Console.WriteLine("| Run | Time | Feeds/s | CPU ms per feed | Articles added | Articles/s | Feeds/s ÷ reference |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            // Only a poll of unchanged feeds does what the reference does; the others also ingest articles.
            var ratio = ReferenceEquals(row, reference) ? "reference"
                : row.Articles == 0 ? (row.FeedsPerSecond / reference.FeedsPerSecond).ToString("0.000", CultureInfo.InvariantCulture)
                : "—";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.Elapsed.TotalSeconds:0.00} s | {row.FeedsPerSecond:0} | {row.Cpu.TotalMilliseconds / row.Feeds:0.00} | {row.Articles} | {(row.Articles == 0 ? "—" : (row.Articles / row.Elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture))} | {ratio} |"));
        }
    }

    private sealed record Row(string Name, int Feeds, TimeSpan Elapsed, TimeSpan Cpu, int Articles)
    {
        public double FeedsPerSecond => Feeds / Elapsed.TotalSeconds;
    }

    /// <summary>The feeds and their article pages, served on 127.0.0.1 … 127.0.0.<see cref="Hosts"/> (one port).</summary>
    private sealed class Site(int count)
    {
        private readonly int[] _items = Enumerable.Repeat(ItemsPerFeed, count).ToArray();

        public int Count => count;

        public int Port { get; private set; }

        public string FeedUrl(int feed) => $"http://{HostOf(feed)}:{Port}/feeds/{feed}.xml";

        public string ETag(int feed) => $"\"{feed}-{Volatile.Read(ref _items[feed])}\"";

        public void AddOneItemToEvery(int every)
        {
            for (var feed = 0; feed < count; feed += every)
            {
                Interlocked.Increment(ref _items[feed]);
            }
        }

        public async Task<WebApplication> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.ClearProviders();
            var first = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            first.Start();
            Port = ((IPEndPoint)first.LocalEndpoint).Port;
            first.Stop();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                for (var host = 1; host <= Hosts; host++)
                {
                    kestrel.Listen(IPAddress.Parse($"127.0.0.{host}"), Port);
                }
            });
            var app = builder.Build();
            app.MapGet("/feeds/{feed:int}.xml", (HttpContext context, int feed) => ServeFeed(context, feed));
            app.MapGet("/articles/{feed:int}/{item:int}", (HttpContext context, int feed, int item) => ServeArticle(context, feed, item));
            await app.StartAsync();
            return app;
        }

        private static string HostOf(int feed) => $"127.0.0.{1 + (feed % Hosts)}";

        private Task ServeFeed(HttpContext context, int feed)
        {
            var etag = ETag(feed);
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>");
            xml.Append(CultureInfo.InvariantCulture, $"<title>Feed {feed}</title><link>http://{HostOf(feed)}:{Port}/</link>");
            for (var item = Volatile.Read(ref _items[feed]) - 1; item >= 0; item--)
            {
                var published = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes((feed * 7) + (item * 90));
                xml.Append(CultureInfo.InvariantCulture,
                    $"<item><title>{Title(feed, item)}</title><link>http://{HostOf(feed)}:{Port}/articles/{feed}/{item}</link><guid isPermaLink=\"false\">{feed}-{item}</guid><pubDate>{published:r}</pubDate><description>First lines of item {item}.</description></item>");
            }

            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            return context.Response.WriteAsync(xml.Append("</channel></rss>").ToString());
        }

        private static Task ServeArticle(HttpContext context, int feed, int item)
        {
            // Distinct text per article, so none is taken for another's copy.
            var words = string.Join(' ', Enumerable.Range(0, 60).Select(w => $"w{(feed * 131) + (item * 17) + (w * 7919) % 100_003}"));
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(
                $"<!DOCTYPE html><html lang=\"en\"><head><title>{Title(feed, item)}</title><meta property=\"og:site_name\" content=\"Outlet {feed % Hosts}\"></head>" +
                $"<body><article><h1>{Title(feed, item)}</h1><p>Report {feed}-{item} opens: {words}.</p><p>It continues: {words.ToUpperInvariant()}.</p><p>Feed {feed} item {item} ends here, said the desk.</p></article></body></html>");
        }

        private static string Title(int feed, int item) => $"Report {item} from feed {feed}";
    }
}
