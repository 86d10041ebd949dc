using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace NewsTracker.Web.Hosting;

/// <summary>What a request whose body is over its endpoint's limit gets, in one place: 413 with ProblemDetails (API)
/// or the "too large" page, never 500. A body that announces its length is refused before anything reads it; one sent
/// in chunks is stopped by Kestrel with a <see cref="BadHttpRequestException"/> wherever the app happens to read it
/// (a form, a JSON body, an import), and the exception handlers answer with that exception's status.</summary>
public static class RequestBodyLimits
{
    /// <summary>After routing (the endpoint's limit is known), before anything reads the body.</summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var reExecuted = context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;
        if (!reExecuted && context.Request.ContentLength is { } length && LimitOf(context) is { } limit && length > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        await next(context);
    });

    /// <summary>The endpoint's own limit, else the server's; null when there is none (the test server).</summary>
    private static long? LimitOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata
            ? metadata.MaxRequestBodySize
            : context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;

    /// <summary>The status a failed request answers: the client's fault when the server refused to read its body.</summary>
    public static int StatusOf(Exception exception) =>
        exception is BadHttpRequestException { StatusCode: >= 400 and < 500 } bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    /// <summary>The endpoint's limit in MiB as text ("8", "2.1"), or null when the server sets none (the test server).</summary>
    public static string? LimitInMiB(HttpContext context) =>
        LimitOf(context) is { } bytes
            ? (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture)
            : null;

    /// <summary>The API's explanation of a 413.</summary>
    public static string ApiDetail(HttpContext context) =>
        $"The request body is larger than this endpoint accepts{(LimitInMiB(context) is { } mib ? $" ({mib} MiB at most)" : string.Empty)}. " +
        "Split an import into smaller ones; for a large page, send the article's URL instead.";
}
