using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Feeds;

namespace NewsTracker.IntegrationTests.Feeds;

/// <summary>A clock tests move by hand, so schedules can be checked without waiting.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>
/// The real app with a <see cref="FeedSite"/> it may fetch from (only 127.0.0.1 on the site's port is
/// allow-listed, so every other private address stays refused), background polling off (tests poll by
/// calling the <see cref="FeedPoller"/>), seeding off, and a <see cref="ManualClock"/>.
/// </summary>
public class FeedsFactory : NewsTrackerFactory, IAsyncLifetime
{
    private readonly bool _ownsSite;
    private readonly bool _pollingEnabled;
    private readonly string? _reuseDataDirectory;

    public FeedsFactory()
        : this(new FeedSite(), null, null, pollingEnabled: false)
    {
        _ownsSite = true;
    }

    /// <summary>An app on <paramref name="site"/> (started and stopped by the caller), optionally on another
    /// app's data directory (a restart), sharing its clock, with background polling on or off.</summary>
    protected FeedsFactory(FeedSite site, string? reuseDataDirectory, ManualClock? clock, bool pollingEnabled)
    {
        Site = site;
        _reuseDataDirectory = reuseDataDirectory;
        _pollingEnabled = pollingEnabled;
        Clock = clock ?? new ManualClock(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    }

    public FeedSite Site { get; }

    /// <summary>Starts at the real time, in whole seconds as feeds write dates.</summary>
    public ManualClock Clock { get; }

    /// <summary>Null keeps the default total fetch timeout.</summary>
    protected virtual TimeSpan? TotalTimeout => null;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = Ingestion.HostileSiteFactory.AllowOnly(Site.Port, TotalTimeout);
            settings[$"{FeedsOptions.Section}:{nameof(FeedsOptions.PollingEnabled)}"] = _pollingEnabled ? "true" : "false";
            settings["Seeding:Enabled"] = "false";
            if (_reuseDataDirectory is { } directory)
            {
                settings["Storage:DataDirectory"] = directory;
            }

            return settings;
        }
    }

    public Task InitializeAsync() => _ownsSite ? Site.InitializeAsync() : Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _ownsSite ? Site.DisposeAsync() : Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public FeedPoller Poller => Services.GetRequiredService<FeedPoller>();

    public Task<int> PollDueAsync() => Poller.PollDueAsync(CancellationToken.None);

    /// <summary>Subscribes as a journalist would (fetching and reading the feed first).</summary>
    public async Task<int> SubscribeAsync(string path, bool useFeedContent = false, string? outlet = null) =>
        (await SendAsync(new SubscribeFeed.Command { Url = Site.Url(path), UseFeedContent = useFeedContent, Outlet = outlet })).FeedId!.Value;

    /// <summary>Stores a subscription without fetching anything, as an OPML import does.</summary>
    public async Task<int> AddFeedAsync(string path, string? title = null) =>
        (await SendAsync(new AddFeeds.Command([new AddFeeds.Draft(Site.Url(path), title ?? path)], null)))[0].FeedId!.Value;

    public async Task<Feed> FeedAsync(int id)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Feeds.AsNoTracking().SingleAsync(f => f.Id == id);
    }

    public async Task<List<FeedItem>> ItemsAsync(int feedId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().FeedItems.AsNoTracking()
            .Where(i => i.FeedId == feedId).OrderBy(i => i.Id).ToListAsync();
    }

    /// <summary>Articles whose address is on the feed site, by title.</summary>
    public async Task<List<Article>> SiteArticlesAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var prefix = $"http://127.0.0.1:{Site.Port}/";
        return await scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>().Articles.AsNoTracking().Include(a => a.Outlet)
            .Where(a => a.Url != null && a.Url.StartsWith(prefix)).OrderBy(a => a.Id).ToListAsync();
    }

    public async Task SetFeedAsync(int id, Action<Feed> change)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        var feed = await db.Feeds.SingleAsync(f => f.Id == id);
        change(feed);
        await db.SaveChangesAsync();
    }
}

/// <summary>An app a test starts itself on a <see cref="FeedSite"/> it owns: a second newsroom, a restart on
/// <paramref name="reuseDataDirectory"/>, or one with background polling on.</summary>
public sealed class SiteSharingFactory(FeedSite site, string? reuseDataDirectory, ManualClock? clock, bool pollingEnabled = false)
    : FeedsFactory(site, reuseDataDirectory, clock, pollingEnabled);
