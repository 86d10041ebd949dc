using System.Net;
using System.Net.Sockets;

namespace NewsTracker.Web.Ingestion.Fetching;

/// <summary>Resolves a host name to its addresses; replaceable so tests can simulate DNS answers.</summary>
public delegate Task<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);

/// <summary>The connect-time half of the SSRF defence: resolves the host itself, refuses it when any
/// resolved address is not public, and opens the socket to the very address it checked, so neither a
/// redirect nor a DNS answer that changes between check and use can reach an internal service.</summary>
public sealed class ConnectGuard
{
    /// <summary>Connections are recycled so a long-lived pool follows DNS changes (re-checked on connect).</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    private const int MaxResponseDrainBytes = 64 * 1024;

    private readonly FetchingOptions _options;
    private readonly IReadOnlyList<IPEndPoint> _allowedPrivateEndpoints;
    private readonly HostResolver _resolve;

    public ConnectGuard(FetchingOptions options, HostResolver? resolve = null)
    {
        _options = options;
        _allowedPrivateEndpoints = options.ParsePrivateEndpoints();
        _resolve = resolve ?? ((host, cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken));
    }

    /// <summary>A handler that connects only through this guard, never follows redirects itself (the
    /// fetcher re-checks each hop), decompresses gzip/deflate/brotli, and ignores any system proxy,
    /// since a proxy would make the connect-time check inspect the proxy instead of the target.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        ConnectCallback = ConnectAsync,
        ConnectTimeout = _options.ConnectTimeout,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        UseProxy = false,
        UseCookies = false,
        PreAuthenticate = false,
        Credentials = null,
        PooledConnectionLifetime = PooledConnectionLifetime,
        MaxResponseDrainSize = MaxResponseDrainBytes,
    };

    /// <summary>Throws <see cref="FetchException"/> (<see cref="FetchErrorKind.BlockedAddress"/>) unless
    /// <paramref name="address"/> may be fetched on <paramref name="port"/>.</summary>
    public void EnsureAllowed(string host, IPAddress address, int port)
    {
        if (_options.AllowPrivateNetworks || NetworkAddressPolicy.IsPublic(address))
        {
            return;
        }

        var unwrapped = NetworkAddressPolicy.Unwrap(address);
        if (_allowedPrivateEndpoints.Any(e => e.Address.Equals(unwrapped) && (e.Port == 0 || e.Port == port)))
        {
            return;
        }

        var description = NetworkAddressPolicy.Describe(NetworkAddressPolicy.Classify(address));
        var finding = IPAddress.TryParse(host.Trim('[', ']'), out _)
            ? $"The address {address} is {description}"
            : $"The address {host} resolves to {description} ({address})";
        throw new FetchException(
            FetchErrorKind.BlockedAddress,
            $"{finding}; NewsTracker only fetches public web pages. If it is your newsroom's own intranet site, an administrator can allow it in the Ingestion settings.");
    }

    /// <summary>Refuses a URL whose host is an IP literal before any request is sent; host names are
    /// judged at connect time, when their addresses are known.</summary>
    public void EnsureLiteralAllowed(Uri url)
    {
        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(url.DnsSafeHost, out var address))
        {
            EnsureAllowed(url.Host, address, url.Port);
        }
    }

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/>: every resolved address is checked
    /// before any is tried, then the socket connects to a checked address.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = await ResolveAsync(host, cancellationToken);
        foreach (var address in addresses)
        {
            EnsureAllowed(host, address, port);
        }

        SocketException? lastFailure = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                lastFailure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new FetchException(
            FetchErrorKind.ConnectionFailed,
            $"Could not connect to {host}: the server did not accept the connection. Check the address, or try again later.",
            lastFailure);
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        IPAddress[] addresses;
        try
        {
            addresses = await _resolve(host, cancellationToken);
        }
        catch (SocketException e)
        {
            throw NotFound(host, e);
        }

        return addresses.Length == 0 ? throw NotFound(host, null) : addresses;
    }

    private static FetchException NotFound(string host, Exception? cause) => new(
        FetchErrorKind.ConnectionFailed,
        $"The site name {host} could not be found. Check the address for typos.",
        cause);
}
