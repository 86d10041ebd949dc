using System.Globalization;

namespace NewsTracker.Web.Hosting;

/// <summary>
/// The one place absolute addresses start from: <c>NewsTracker:PublicBaseUrl</c> (e.g. <c>https://news.example.org</c>
/// or <c>https://example.org/newstracker</c>) for every URL the app writes into JSON-LD, feeds, the sitemap and logs,
/// so a forged <c>Host</c> header cannot put someone else's address into them. Unset (development), the request's own
/// scheme and host stand in, which <c>AllowedHosts</c> should then restrict.
/// </summary>
public sealed class PublicUrls
{
    /// <summary>The tag URI date (RFC 4151): any day the installation's host name belonged to its owner works, as long as it never changes.</summary>
    public const string TagDate = "2026";

    public PublicUrls(IConfiguration configuration) => Configured = Parse(configuration["NewsTracker:PublicBaseUrl"]);

    /// <summary>The configured base, always ending in '/', or null when unset.</summary>
    public Uri? Configured { get; }

    /// <summary>The base for this request: the configured one, else the request's scheme, host and path base.</summary>
    public Uri Base(HttpRequest request) =>
        Configured ?? new Uri($"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}/", UriKind.Absolute);

    /// <summary>The public base for <paramref name="request"/>, from the request's services.</summary>
    public static Uri For(HttpRequest request) => request.HttpContext.RequestServices.GetRequiredService<PublicUrls>().Base(request);

    /// <summary><paramref name="path"/> (site-relative, leading '/' optional) under <paramref name="baseUrl"/>, keeping its path base.</summary>
    public static string Absolute(Uri baseUrl, string path) => baseUrl.AbsoluteUri.TrimEnd('/') + "/" + path.TrimStart('/');

    /// <summary>The prefix of tag URIs that are unique to this installation: <c>tag:news.example.org,2026:</c>, plus
    /// the path base when there is one (<c>tag:example.org,2026:newstracker/</c>).</summary>
    public static string TagPrefix(Uri baseUrl)
    {
        var path = baseUrl.AbsolutePath.Trim('/');
        return string.Create(CultureInfo.InvariantCulture, $"tag:{baseUrl.IdnHost},{TagDate}:{(path.Length == 0 ? string.Empty : path + "/")}");
    }

    private static Uri? Parse(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new InvalidOperationException(
                $"NewsTracker:PublicBaseUrl '{configured}' is not a plain http(s) address; give the address readers use, e.g. https://news.example.org or https://example.org/newstracker.");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/", UriKind.Absolute);
    }
}
