using System.Globalization;
using NewsTracker.Web.Ingestion.Fetching;

namespace NewsTracker.IntegrationTests.Ingestion;

/// <summary>The real app plus a <see cref="HostileSite"/> it is allowed to fetch from: only
/// 127.0.0.1 on the site's port is allow-listed, so every other private address stays refused.</summary>
public class HostileSiteFactory : NewsTrackerFactory, IAsyncLifetime
{
    private Task<HttpClient>? _journalist;

    public HostileSite Site { get; } = new();

    /// <summary>A bearer-token client for one Journalist account, made once per class.</summary>
    public Task<HttpClient> JournalistClientAsync() => _journalist ??= this.CreateJournalistClientAsync();

    /// <summary>Null keeps the default total fetch timeout.</summary>
    protected virtual TimeSpan? TotalTimeout => null;

    protected override IDictionary<string, string?> Settings => AllowOnly(Site.Port, TotalTimeout);

    /// <summary>Settings that let the app fetch from 127.0.0.1 on <paramref name="port"/> and no other private
    /// address, with an optional total fetch timeout.</summary>
    public static Dictionary<string, string?> AllowOnly(int port, TimeSpan? totalTimeout)
    {
        var text = port.ToString(CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string?>
        {
            [$"{FetchingOptions.Section}:{nameof(FetchingOptions.AllowedPrivateEndpoints)}:0"] = $"127.0.0.1:{text}",
            [$"{FetchingOptions.Section}:{nameof(FetchingOptions.AllowedPorts)}:0"] = "80",
            [$"{FetchingOptions.Section}:{nameof(FetchingOptions.AllowedPorts)}:1"] = "443",
            [$"{FetchingOptions.Section}:{nameof(FetchingOptions.AllowedPorts)}:2"] = text,
        };
        if (totalTimeout is { } timeout)
        {
            settings[$"{FetchingOptions.Section}:{nameof(FetchingOptions.TotalTimeout)}"] = timeout.ToString("c", CultureInfo.InvariantCulture);
        }

        return settings;
    }

    // The site must be listening before the app reads its port from Settings.
    public Task InitializeAsync() => Site.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => Site.DisposeAsync();
}
