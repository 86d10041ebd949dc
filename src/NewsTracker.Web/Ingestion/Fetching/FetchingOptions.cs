using System.Net;

namespace NewsTracker.Web.Ingestion.Fetching;

/// <summary>Limits for every server-side fetch, bound from the <c>Ingestion</c> configuration section.</summary>
public sealed class FetchingOptions
{
    public const string Section = "Ingestion";

    public const int DefaultMaxRedirects = 5;

    public const long DefaultMaxResponseBytes = 15L * 1024 * 1024;

    public const string DefaultUserAgent = "NewsTracker/1.0 (+newsroom article fetcher)";

    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan DefaultTotalTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The ports fetched from when <see cref="AllowedPorts"/> is empty.</summary>
    public static readonly IReadOnlyList<int> DefaultPorts = [80, 443];

    /// <summary>True lifts the address rule entirely: for tests and for intranet deployments that
    /// fetch only trusted internal sites. The URL rules still apply.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Private addresses fetched even though <see cref="AllowPrivateNetworks"/> is false, as
    /// <c>ip</c> (any allowed port) or <c>ip:port</c> / <c>[ipv6]:port</c>, e.g. a newsroom's intranet CMS.</summary>
    public IList<string> AllowedPrivateEndpoints { get; } = [];

    /// <summary>The ports a URL may name. Empty means 80 and 443; when set it replaces them.</summary>
    public IList<int> AllowedPorts { get; } = [];

    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>Covers the whole fetch: every redirect hop and reading the body.</summary>
    public TimeSpan TotalTimeout { get; set; } = DefaultTotalTimeout;

    /// <summary>Counted after decompression, so a small compressed body cannot expand without bound.</summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    public int MaxRedirects { get; set; } = DefaultMaxRedirects;

    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>False refuses a redirect from https to http, so what a journalist archives from a
    /// secure page cannot be swapped in transit.</summary>
    public bool AllowHttpsToHttpRedirects { get; set; }

    internal IReadOnlyCollection<int> EffectivePorts => AllowedPorts.Count == 0 ? DefaultPorts : [.. AllowedPorts];

    /// <summary>Parses <see cref="AllowedPrivateEndpoints"/>; port 0 stands for any allowed port.</summary>
    internal IReadOnlyList<IPEndPoint> ParsePrivateEndpoints()
    {
        var endpoints = new List<IPEndPoint>(AllowedPrivateEndpoints.Count);
        foreach (var entry in AllowedPrivateEndpoints)
        {
            if (!IPEndPoint.TryParse(entry.Trim(), out var endpoint))
            {
                throw new InvalidOperationException(
                    $"{Section}:{nameof(AllowedPrivateEndpoints)} entry '{entry}' is not an IP address or IP:port (host names are not accepted, since they could be re-pointed).");
            }

            endpoints.Add(new IPEndPoint(NetworkAddressPolicy.Unwrap(endpoint.Address), endpoint.Port));
        }

        return endpoints;
    }

    /// <summary>Problems a person must fix in configuration; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ConnectTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:{nameof(ConnectTimeout)} must be positive.");
        }

        if (TotalTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:{nameof(TotalTimeout)} must be positive.");
        }

        if (MaxResponseBytes <= 0)
        {
            problems.Add($"{Section}:{nameof(MaxResponseBytes)} must be positive.");
        }

        if (MaxRedirects < 0)
        {
            problems.Add($"{Section}:{nameof(MaxRedirects)} cannot be negative.");
        }

        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            problems.Add($"{Section}:{nameof(UserAgent)} must name NewsTracker honestly; it cannot be empty.");
        }

        if (AllowedPorts.Any(p => p is <= 0 or > IPEndPoint.MaxPort))
        {
            problems.Add($"{Section}:{nameof(AllowedPorts)} must hold port numbers between 1 and {IPEndPoint.MaxPort}.");
        }

        try
        {
            ParsePrivateEndpoints();
        }
        catch (InvalidOperationException e)
        {
            problems.Add(e.Message);
        }

        return problems;
    }
}
