using System.Globalization;
using NewsTracker.IntegrationTests.Ingestion;
using NewsTracker.Web.Feeds;

namespace NewsTracker.IntegrationTests.Soak;

/// <summary>
/// The real app for the soak: background feed polling on with the real clock and a two-second floor on
/// intervals (so the poller writes all the time), fetching allowed only from the <see cref="SoakFeedSite"/>,
/// seeding off, and the sign-in rate limit out of the way of eight editors. The data directory is kept until
/// the test has read the log.
/// </summary>
public sealed class SoakFactory : NewsTrackerFactory, IAsyncLifetime
{
    private static readonly string Fast = TimeSpan.FromSeconds(2).ToString("c", CultureInfo.InvariantCulture);

    public SoakFeedSite Site { get; } = new();

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = HostileSiteFactory.AllowOnly(Site.Port, null);
            settings[$"{FeedsOptions.Section}:{nameof(FeedsOptions.PollingEnabled)}"] = "true";
            settings[$"{FeedsOptions.Section}:{nameof(FeedsOptions.MinInterval)}"] = Fast;
            settings[$"{FeedsOptions.Section}:{nameof(FeedsOptions.DefaultInterval)}"] = Fast;
            settings[$"{FeedsOptions.Section}:{nameof(FeedsOptions.IdleDelay)}"] = Fast;
            settings["Seeding:Enabled"] = "false";
            settings["RateLimiting:LoginPermitsPerMinute"] = "10000";
            settings["RateLimiting:ApiPermitsPerMinutePerToken"] = "0";
            settings["RateLimiting:ApiPermitsPerMinutePerAddress"] = "0";
            return settings;
        }
    }

    // The site must be listening before the app reads its port from Settings.
    public Task InitializeAsync() => Site.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => Site.DisposeAsync();
}
