using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NewsTracker.IntegrationTests.Feeds;
using NewsTracker.TestSupport;

namespace NewsTracker.IntegrationTests.Soak;

/// <summary>
/// A local news site whose feeds never stop changing: <c>/feeds/{n}.xml</c> lists the newest
/// <see cref="ItemsPerFeed"/> items, and a new item appears on every feed every <see cref="ItemEvery"/>, so each
/// poll of a running soak finds something to ingest. Each item links to an article page the site also serves.
/// </summary>
public sealed class SoakFeedSite : IAsyncLifetime
{
    public const int Feeds = 4;

    private const int ItemsPerFeed = 10;

    private static readonly TimeSpan ItemEvery = TimeSpan.FromSeconds(3);

    private readonly DateTime _startUtc = DateTime.UtcNow;
    private WebApplication? _app;
    private int _feedRequests;
    private int _pageRequests;

    public int Port { get; private set; }

    public int FeedRequests => Volatile.Read(ref _feedRequests);

    public int PageRequests => Volatile.Read(ref _pageRequests);

    public string FeedUrl(int feed) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/feeds/{feed}.xml");

    public async Task InitializeAsync() => (_app, Port) = await LoopbackSite.StartAsync(app =>
    {
        app.MapGet("/feeds/{feed:int}.xml", (int feed) =>
        {
            Interlocked.Increment(ref _feedRequests);
            var newest = (int)((DateTime.UtcNow - _startUtc) / ItemEvery);
            var items = Enumerable.Range(Math.Max(0, newest - ItemsPerFeed + 1), Math.Min(ItemsPerFeed, newest + 1)).Reverse()
                .Select(n => new FeedEntry(Id(feed, n), Title(feed, n), Url(feed, n), _startUtc + (ItemEvery * n)));
            return Results.Text(FeedSite.Rss(string.Create(CultureInfo.InvariantCulture, $"Soak Wire {feed}"), items), "application/rss+xml", Encoding.UTF8);
        });
        app.MapGet("/articles/{feed:int}/{item:int}", (int feed, int item) =>
        {
            Interlocked.Increment(ref _pageRequests);
            return Results.Text(FeedSite.ArticlePage(Title(feed, item), Text(feed, item)), "text/html", Encoding.UTF8);
        });
    });

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static string Id(int feed, int item) => string.Create(CultureInfo.InvariantCulture, $"soak-{feed}-{item}");

    private static string Title(int feed, int item) => string.Create(CultureInfo.InvariantCulture, $"Harbour bulletin {feed}-{item}: ferry timetable update");

    private static string Text(int feed, int item) =>
        string.Create(CultureInfo.InvariantCulture, $"Bulletin {feed}-{item} from the harbour office. ") + SoakText.Paragraph((feed * 1_000_000) + item, 6);

    private string Url(int feed, int item) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/articles/{feed}/{item}");
}
