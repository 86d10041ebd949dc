using System.Security.Cryptography;

namespace NewsTracker.Web.Hosting;

/// <summary>Content-Security-Policy with a fresh script nonce per response, plus the usual hardening headers.</summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    /// <summary>The nonce for this request's inline scripts: <c>&lt;script nonce="@Context.CspNonce()"&gt;</c>.</summary>
    public static string CspNonce(this HttpContext context)
    {
        if (context.Items[NonceKey] is string nonce)
        {
            return nonce;
        }

        nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var nonce = context.CspNonce();
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy =
                        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data: https:; " +
                        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
                }

                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                // A page that sets its own frame-ancestors (a topic embed) decides who may frame it; X-Frame-Options would overrule it.
                var policy = headers.ContentSecurityPolicy.ToString();
                var framingAllowed = policy.Contains("frame-ancestors", StringComparison.Ordinal) && !policy.Contains("frame-ancestors 'none'", StringComparison.Ordinal);
                if (!headers.ContainsKey("X-Frame-Options") && !framingAllowed)
                {
                    headers.XFrameOptions = "DENY";
                }

                return Task.CompletedTask;
            });
            await next();
        });
}
