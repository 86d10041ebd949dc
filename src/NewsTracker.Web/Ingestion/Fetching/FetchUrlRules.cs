using System.Buffers;
using System.Globalization;

namespace NewsTracker.Web.Ingestion.Fetching;

/// <summary>The rules an address must pass before any request is sent and again on every redirect
/// hop: http(s) only, no user name or password, allowed ports only, and no disguised numeric hosts.</summary>
public static class FetchUrlRules
{
    /// <summary>Longer addresses are not articles but attempts to smuggle data.</summary>
    public const int MaxUrlLength = 8192;

    private const int DottedQuadParts = 4;
    private const int MaxOctet = 255;

    private static readonly char[] AuthorityTerminators = ['/', '?', '#'];
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>Checks an address a person or feed supplied; returns it parsed.</summary>
    /// <exception cref="FetchException">With <see cref="FetchErrorKind.InvalidUrl"/> when a rule fails.</exception>
    public static Uri Check(string url, FetchingOptions options)
    {
        var text = Clean(url);
        if (text.Length == 0)
        {
            throw Invalid("No address was given. Paste the full address of the page, starting with https://.");
        }

        // On Unix, System.Uri reads "/path" as file:///path; an address must name its scheme itself.
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !text.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid($"'{Shorten(text)}' is not a web address. Paste the full address of the page, starting with https://.");
        }

        return CheckParsed(uri, text, options);
    }

    /// <summary>Resolves a redirect's Location (relative or absolute) against the hop that sent it
    /// and checks the result with the same rules, plus the https → http downgrade rule.</summary>
    public static Uri CheckRedirect(Uri from, string location, FetchingOptions options)
    {
        var text = Clean(location);
        if (text.Length == 0 || !Uri.TryCreate(from, text, out var target))
        {
            throw Invalid($"The site at {from.Host} redirected to an address that cannot be read ('{Shorten(text)}').");
        }

        var checkedTarget = CheckParsed(target, text, options);
        if (from.Scheme == Uri.UriSchemeHttps && checkedTarget.Scheme == Uri.UriSchemeHttp && !options.AllowHttpsToHttpRedirects)
        {
            throw Invalid($"The secure page at {from.Host} redirected to an insecure http:// address ({checkedTarget.Host}); NewsTracker does not follow a redirect that drops encryption.");
        }

        return checkedTarget;
    }

    /// <summary>True for exactly four decimal numbers 0–255 without leading zeros, the one numeric
    /// host spelling every program reads the same way.</summary>
    public static bool IsPlainDottedQuad(string host)
    {
        var parts = host.Split('.');
        return parts.Length == DottedQuadParts && parts.All(IsPlainOctet);
    }

    private static Uri CheckParsed(Uri uri, string originalText, FetchingOptions options)
    {
        if (originalText.Length > MaxUrlLength)
        {
            throw Invalid($"The address is longer than {MaxUrlLength:N0} characters; that is not an ordinary web page address.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw Invalid($"Only http:// and https:// addresses can be fetched, not {uri.Scheme}:.");
        }

        // System.Uri canonicalises the host (0x7f000001 becomes 127.0.0.1), so the rules below look
        // at the text as written: a disguised spelling is refused even when it canonicalises to a
        // harmless address, because its only use is to slip past filters.
        var authority = RawAuthority(originalText);
        if (!string.IsNullOrEmpty(uri.UserInfo) || (authority?.Contains('@', StringComparison.Ordinal) ?? false))
        {
            throw Invalid("The address contains a user name or password (user:password@). NewsTracker does not send credentials; remove them and try again.");
        }

        if (uri.Host.Length == 0)
        {
            throw Invalid("The address has no site name. Paste the full address of the page.");
        }

        var rawHost = authority is null ? null : RawHost(authority);
        if (rawHost is not null)
        {
            CheckHostSpelling(rawHost, uri);
        }

        var ports = options.EffectivePorts;
        if (!ports.Contains(uri.Port))
        {
            throw Invalid($"The address uses port {uri.Port.ToString(CultureInfo.InvariantCulture)}; NewsTracker only fetches from port{(ports.Count == 1 ? string.Empty : "s")} {string.Join(", ", ports)}.");
        }

        return uri;
    }

    private static void CheckHostSpelling(string rawHost, Uri uri)
    {
        if (rawHost.StartsWith('['))
        {
            return;
        }

        // WHATWG URL parsing treats a host whose last label is a number as an IPv4 address in
        // shorthand, octal or hex; only the plain dotted quad is accepted.
        var labels = rawHost.Split('.');
        var last = labels[^1].Length == 0 && labels.Length > 1 ? labels[^2] : labels[^1];
        var looksNumeric = IsNumericLabel(last) || uri.HostNameType == UriHostNameType.IPv4;
        if (looksNumeric && !IsPlainDottedQuad(rawHost))
        {
            throw Invalid($"The address writes its numeric host in an unusual form ('{Shorten(rawHost)}'); write an IP address as four numbers such as 93.184.216.34, or use the site's name.");
        }
    }

    private static bool IsNumericLabel(string label)
    {
        if (label.Length == 0)
        {
            return false;
        }

        if (label.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return !label.AsSpan(2).ContainsAnyExcept(HexDigits);
        }

        return label.All(char.IsAsciiDigit);
    }

    private static bool IsPlainOctet(string part) =>
        part.Length is > 0 and <= 3
        && part.All(char.IsAsciiDigit)
        && (part.Length == 1 || part[0] != '0')
        && int.Parse(part, CultureInfo.InvariantCulture) <= MaxOctet;

    /// <summary>The authority as written, or null for a relative reference that keeps the current host.</summary>
    private static string? RawAuthority(string text)
    {
        // Browsers and System.Uri read a backslash as a slash in http(s) addresses.
        var normalised = text.Replace('\\', '/');
        int start;
        if (normalised.StartsWith("//", StringComparison.Ordinal))
        {
            start = 0;
        }
        else
        {
            var colon = normalised.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !char.IsAsciiLetter(normalised[0]) || !normalised[..colon].All(IsSchemeChar))
            {
                return null;
            }

            start = colon + 1;
        }

        while (start < normalised.Length && normalised[start] == '/')
        {
            start++;
        }

        var end = normalised.IndexOfAny(AuthorityTerminators, start);
        return end < 0 ? normalised[start..] : normalised[start..end];
    }

    private static bool IsSchemeChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.';

    private static string RawHost(string authority)
    {
        var hostAndPort = authority[(authority.LastIndexOf('@') + 1)..];
        if (hostAndPort.StartsWith('['))
        {
            var close = hostAndPort.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? hostAndPort : hostAndPort[..(close + 1)];
        }

        var colon = hostAndPort.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? hostAndPort : hostAndPort[..colon];
    }

    /// <summary>Tabs and line breaks are dropped as browsers do, so the text checked is the text parsed.</summary>
    private static string Clean(string? url) =>
        (url ?? string.Empty).Trim().Replace("\t", string.Empty, StringComparison.Ordinal)
            .Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);

    private static string Shorten(string text)
    {
        const int MaxShown = 80;
        return text.Length <= MaxShown ? text : string.Concat(text.AsSpan(0, MaxShown), "…");
    }

    private static FetchException Invalid(string message) => new(FetchErrorKind.InvalidUrl, message);
}
