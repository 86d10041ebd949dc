using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using NewsTracker.Web.Data;

namespace NewsTracker.Web.Hosting;

/// <summary>
/// HTTP validators for responses built from published content (topic feeds, JSON timelines). Every save that changes
/// what readers see writes a <c>ContentChanges</c> row, so the newest row's id and time stand for "the content as it
/// is now": one indexed lookup, no rendering. The ETag also covers the address, who asks (staff see unpublished topics)
/// and this build, so a new version of the app never answers 304 for output it would now write differently.
/// </summary>
public static class ContentValidators
{
    private static readonly string BuildId = typeof(ContentValidators).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>Adds ETag and Last-Modified to the endpoint's answers and answers a matching
    /// <c>If-None-Match</c> (or, without one, a not-older <c>If-Modified-Since</c>) with 304 before the handler runs.</summary>
    public static RouteHandlerBuilder WithContentValidators(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            {
                return await next(context);
            }

            var db = http.RequestServices.GetRequiredService<NewsTrackerDbContext>();
            var latest = await db.ContentChanges.AsNoTracking().OrderByDescending(c => c.Id)
                .Select(c => new { c.Id, c.ChangedUtc }).FirstOrDefaultAsync(http.RequestAborted);
            var lastModified = latest is null ? (DateTimeOffset?)null : TruncateToSeconds(latest.ChangedUtc);
            var etag = new EntityTagHeaderValue(Tag(http, latest?.Id ?? 0, latest?.ChangedUtc.Ticks ?? 0), isWeak: true);

            var headers = http.Response.GetTypedHeaders();
            headers.ETag = etag;
            headers.LastModified = lastModified;
            // Readers revalidate every time; the answer to that is a cheap 304.
            http.Response.Headers.CacheControl = http.User.Identity?.IsAuthenticated == true ? "private, no-cache" : "public, no-cache";

            return IsNotModified(http.Request, etag, lastModified) ? Results.StatusCode(StatusCodes.Status304NotModified) : await next(context);
        });

    private static bool IsNotModified(HttpRequest request, EntityTagHeaderValue current, DateTimeOffset? lastModified)
    {
        var typed = request.GetTypedHeaders();
        if (typed.IfNoneMatch is { Count: > 0 } ifNoneMatch)
        {
            // RFC 9110 13.1.2: weak comparison; If-Modified-Since is ignored when If-None-Match is present.
            return ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
        }

        return lastModified is { } modified && typed.IfModifiedSince is { } since && modified <= since;
    }

    private static string Tag(HttpContext http, long changeId, long changedTicks)
    {
        var viewer = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
        var key = string.Create(CultureInfo.InvariantCulture, $"{BuildId}|{changeId}|{changedTicks}|{viewer}|{http.Request.Path}{http.Request.QueryString}|{PublicUrls.For(http.Request)}");
        return "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 12)) + "\"";
    }

    private static DateTimeOffset TruncateToSeconds(DateTime utc) =>
        new(DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond)));
}
