using System.Globalization;
using System.Text;

namespace NewsTracker.Web.Topics;

/// <summary>
/// What an anonymous visitor follows, kept in their browser: <c>slug:ticks</c> pairs (the last time they saw
/// each timeline) separated by <c>|</c>. Nothing personal is stored on the server.
/// </summary>
public static class FollowCookie
{
    public const string Name = "nt.follow";

    /// <summary>Most topics one cookie remembers, keeping it well under the 4 KB cookie limit.</summary>
    public const int MaxTopics = 30;

    /// <summary>Followed slugs and when each was last seen (UTC).</summary>
    public static Dictionary<string, DateTime> Read(HttpRequest request)
    {
        var result = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        if (request.Cookies[Name] is not { Length: > 0 and < 4096 } value)
        {
            return result;
        }

        foreach (var pair in value.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.LastIndexOf(':');
            if (colon > 0 && IsSlug(pair[..colon]) && long.TryParse(pair.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks && result.Count < MaxTopics)
            {
                result[pair[..colon]] = new DateTime(ticks, DateTimeKind.Utc);
            }
        }

        return result;
    }

    public static void Write(HttpResponse response, IReadOnlyDictionary<string, DateTime> follows)
    {
        if (follows.Count == 0)
        {
            response.Cookies.Delete(Name);
            return;
        }

        var value = new StringBuilder();
        foreach (var (slug, seen) in follows.OrderByDescending(f => f.Value).Take(MaxTopics))
        {
            value.Append(value.Length == 0 ? string.Empty : "|").Append(slug).Append(':').Append(seen.Ticks.ToString(CultureInfo.InvariantCulture));
        }

        response.Cookies.Append(Name, value.ToString(), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(400),
        });
    }

    /// <summary>Lower-case letters, digits and dashes: the only slugs topics have.</summary>
    public static bool IsSlug(string value) =>
        value.Length is > 0 and <= Data.Configurations.TopicLimits.SlugMaxLength && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
