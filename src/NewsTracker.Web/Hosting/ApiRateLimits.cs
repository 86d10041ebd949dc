using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace NewsTracker.Web.Hosting;

/// <summary>
/// Limits on <c>/api</c> requests, per minute: every caller's address counts against
/// <c>RateLimiting:ApiPermitsPerMinutePerAddress</c>, and a request with a bearer token also counts against that
/// token's <c>RateLimiting:ApiPermitsPerMinutePerToken</c>. The address limit applies to token holders too, because
/// the limiter runs before the token is checked: made-up tokens must not buy anyone a fresh allowance. 0 turns a limit
/// off. Over a limit the answer is 429 with Retry-After.
/// </summary>
public static class ApiRateLimits
{
    public const int DefaultPerToken = 600;
    public const int DefaultPerAddress = 1200;

    public static PartitionedRateLimiter<HttpContext> Create(IConfiguration configuration, Func<HttpContext, bool> isApi)
    {
        var perToken = configuration.GetValue("RateLimiting:ApiPermitsPerMinutePerToken", DefaultPerToken);
        var perAddress = configuration.GetValue("RateLimiting:ApiPermitsPerMinutePerAddress", DefaultPerAddress);

        var byAddress = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            !isApi(http) || perAddress <= 0
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : RateLimitPartition.GetFixedWindowLimiter("address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => PerMinute(perAddress)));
        var byToken = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            !isApi(http) || perToken <= 0 || BearerToken(http.Request) is not { } token
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : RateLimitPartition.GetFixedWindowLimiter("token:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))), _ => PerMinute(perToken)));
        return PartitionedRateLimiter.CreateChained(byToken, byAddress);
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }
}
