using System.Net;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NewsTracker.Web.Hosting;

/// <summary>
/// OpenTelemetry: metrics always (ASP.NET Core's request durations, HttpClient, and <see cref="NewsTrackerMetrics"/>),
/// scraped at <c>/metrics</c> from the addresses in <c>Metrics:AllowedAddresses</c>; traces and an OTLP push of both
/// only when <c>OpenTelemetry:Endpoint</c> is set, so a default install sends nothing anywhere.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    /// <summary>Loopback only, so an instance exposed directly to the internet does not publish its figures.</summary>
    public static readonly IReadOnlyList<string> DefaultAllowedAddresses = ["127.0.0.0/8", "::1/128"];

    public static void AddNewsTrackerTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OpenTelemetry:ServiceName"] ?? "newstracker"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(NewsTrackerMetrics.MeterName)
                .AddPrometheusExporter());

        if (Endpoint(configuration) is { } endpoint)
        {
            otel.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath) && !http.Request.Path.StartsWithSegments("/healthz"))
                .AddHttpClientInstrumentation());
            otel.UseOtlpExporter(Protocol(configuration), endpoint);
        }
    }

    /// <summary><c>OpenTelemetry:Endpoint</c>, the collector's base address (the exporter adds <c>/v1/traces</c>,
    /// <c>/v1/metrics</c> for HTTP); null when unset.</summary>
    public static Uri? Endpoint(IConfiguration configuration)
    {
        var configured = configuration["OpenTelemetry:Endpoint"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        return Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"OpenTelemetry:Endpoint '{configured}' is not an http:// or https:// address, e.g. http://otel-collector:4317.");
    }

    private static OtlpExportProtocol Protocol(ConfigurationManager configuration) => configuration["OpenTelemetry:Protocol"]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
        var other => throw new InvalidOperationException($"OpenTelemetry:Protocol '{other}' is not known; use 'grpc' (the default) or 'http/protobuf'."),
    };

    /// <summary>Maps <c>/metrics</c> (Prometheus text). Callers outside <c>Metrics:AllowedAddresses</c> get a 404, as
    /// if it were not there.</summary>
    public static void MapNewsTrackerMetrics(this WebApplication app)
    {
        var allowed = AllowedNetworks(app.Configuration);
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
            {
                if (!IsAllowed(context.Connection.RemoteIpAddress, allowed))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await next(context);
            }), optionsName: null)
            .DisableRateLimiting();
    }

    public static IReadOnlyList<IPNetwork> AllowedNetworks(IConfiguration configuration)
    {
        var configured = configuration.GetSection("Metrics:AllowedAddresses").Get<string[]>();
        var entries = configured is { Length: > 0 } ? configured : DefaultAllowedAddresses;
        return entries.Select(entry =>
        {
            var text = entry.Trim();
            if (IPAddress.TryParse(text, out var single))
            {
                return new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            }

            return IPNetwork.TryParse(text, out var network)
                ? network
                : throw new InvalidOperationException($"Metrics:AllowedAddresses entry '{entry}' is neither an IP address nor a network such as 10.0.0.0/8.");
        }).ToList();
    }

    public static bool IsAllowed(IPAddress? remote, IReadOnlyList<IPNetwork> allowed)
    {
        if (remote is null)
        {
            return false;
        }

        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        return allowed.Any(network => network.Contains(address));
    }
}
