using System.Globalization;
using Serilog;
using Serilog.Events;

namespace NewsTracker.Web.Hosting;

/// <summary>Serilog from configuration (levels, console) plus a daily rolling file in the data directory.
/// In command-line mode the console sink writes to stderr so stdout stays machine-readable.</summary>
public static class LoggingSetup
{
    public static void AddNewsTrackerLogging(this WebApplicationBuilder builder, string dataDirectory, bool commandLineMode)
    {
        var logDirectory = Path.Combine(dataDirectory, "logs");
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .WriteTo.File(
                    Path.Combine(logDirectory, "newstracker-.log"),
                    formatProvider: CultureInfo.InvariantCulture,
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: builder.Configuration.GetValue("Logging:RetainedFiles", 14),
                    fileSizeLimitBytes: 50 * 1024 * 1024,
                    rollOnFileSizeLimit: true,
                    shared: true,
                    outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");

            if (commandLineMode)
            {
                logger.WriteTo.Console(formatProvider: CultureInfo.InvariantCulture, restrictedToMinimumLevel: LogEventLevel.Warning, standardErrorFromLevel: LogEventLevel.Verbose);
            }
            else if (builder.Configuration.GetValue("Logging:Console", true))
            {
                logger.WriteTo.Console(formatProvider: CultureInfo.InvariantCulture, outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}");
            }
        }, preserveStaticLogger: true);
    }

    /// <summary>The level of a request's log line. A client that hung up (a closed tab, a load tester stopping)
    /// cancels its request; nobody got a 500, so it is not an error to page someone about. Real failures stay errors.</summary>
    public static LogEventLevel RequestLevel(HttpContext http, Exception? exception) =>
        exception is OperationCanceledException && http.RequestAborted.IsCancellationRequested ? LogEventLevel.Information
        : exception is not null || http.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
        : LogEventLevel.Information;
}
