using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace NewsTracker.Web.Hosting;

/// <summary>Serilog from configuration (levels, console) plus a daily rolling file in the data directory, as text or,
/// with <c>Logging:Format</c> = <c>json</c>, one compact JSON object per event (CLEF) for log collectors.
/// In command-line mode the console sink writes to stderr so stdout stays machine-readable.</summary>
public static class LoggingSetup
{
    public static void AddNewsTrackerLogging(this WebApplicationBuilder builder, string dataDirectory, bool commandLineMode)
    {
        var logDirectory = Path.Combine(dataDirectory, "logs");
        var json = IsJson(builder.Configuration);
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext();
            var filePath = Path.Combine(logDirectory, json ? "newstracker-.json" : "newstracker-.log");
            var retained = builder.Configuration.GetValue("Logging:RetainedFiles", 14);
            if (json)
            {
                logger.WriteTo.File(new RenderedCompactJsonFormatter(), filePath, rollingInterval: RollingInterval.Day, retainedFileCountLimit: retained,
                    fileSizeLimitBytes: 50 * 1024 * 1024, rollOnFileSizeLimit: true, shared: true);
            }
            else
            {
                logger.WriteTo.File(
                    filePath,
                    formatProvider: CultureInfo.InvariantCulture,
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: retained,
                    fileSizeLimitBytes: 50 * 1024 * 1024,
                    rollOnFileSizeLimit: true,
                    shared: true,
                    outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
            }

            if (commandLineMode)
            {
                logger.WriteTo.Console(formatProvider: CultureInfo.InvariantCulture, restrictedToMinimumLevel: LogEventLevel.Warning, standardErrorFromLevel: LogEventLevel.Verbose);
            }
            else if (builder.Configuration.GetValue("Logging:Console", true))
            {
                if (json)
                {
                    logger.WriteTo.Console(new RenderedCompactJsonFormatter());
                }
                else
                {
                    logger.WriteTo.Console(formatProvider: CultureInfo.InvariantCulture, outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}");
                }
            }
        }, preserveStaticLogger: true);
    }

    /// <summary><c>Logging:Format</c>: <c>text</c> (the default) or <c>json</c>.</summary>
    public static bool IsJson(IConfiguration configuration) => configuration["Logging:Format"]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "text" => false,
        "json" => true,
        var other => throw new InvalidOperationException($"Logging:Format '{other}' is not known; use 'text' (the default) or 'json'."),
    };

    /// <summary>What a request's log event carries besides method, path, status and time: the endpoint's route
    /// template (<c>/articles/{id:int}</c>, so dashboards group by it) and the caller's user id. Never headers, query
    /// strings, cookies or bodies, which can hold tokens and passwords.</summary>
    public static void EnrichRequest(IDiagnosticContext diagnostics, HttpContext http)
    {
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        diagnostics.Set("Route", route is null ? "(none)" : "/" + route.TrimStart('/'));
        diagnostics.Set("UserId", http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "anonymous");
    }

    /// <summary>The level of a request's log line. A client that hung up (a closed tab, a load tester stopping)
    /// cancels its request; nobody got a 500, so it is not an error to page someone about. Real failures stay errors.</summary>
    public static LogEventLevel RequestLevel(HttpContext http, Exception? exception) =>
        exception is OperationCanceledException && http.RequestAborted.IsCancellationRequested ? LogEventLevel.Information
        : exception is not null || http.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
        : LogEventLevel.Information;
}
