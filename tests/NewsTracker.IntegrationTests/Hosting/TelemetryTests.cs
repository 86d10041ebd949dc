using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Domain;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace NewsTracker.IntegrationTests.Hosting;

/// <summary><c>/metrics</c> over real Kestrel (the caller's address matters) and the OTLP push to a collector on loopback.</summary>
public sealed partial class TelemetryTests
{
    [Fact]
    public async Task Metrics_from_loopback_parse_as_prometheus_text_and_carry_requests_database_search_ingest_and_cache()
    {
        using var factory = new SettingsFactory(new() { ["Seeding:Enabled"] = "false" });
        using var client = StartKestrel(factory);
        var email = await factory.CreateUserAsync(Roles.Journalist);
        using var api = new HttpClient { BaseAddress = client.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await factory.CreateTokenAsync(email));
        using var created = await api.PostAsJsonAsync("/api/v1/articles", new { text = "Metrics Check Headline\n\nA body for the metrics check." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var article = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var path = $"/articles/{article.GetProperty("id").GetInt32()}";
        (await client.GetAsync(path)).EnsureSuccessStatusCode();
        (await client.GetAsync(path)).EnsureSuccessStatusCode();
        (await client.GetAsync("/search?q=metrics")).EnsureSuccessStatusCode();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var samples = ParseExposition(await response.Content.ReadAsStringAsync());
        Assert.Contains(samples, s => s.Name == "http_server_request_duration_seconds_count" && s.Labels.GetValueOrDefault("http_request_method") == "GET" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "newstracker_db_command_duration_seconds_count" && s.Labels.GetValueOrDefault("kind") == "query" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "newstracker_search_duration_seconds_count" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "newstracker_ingest_articles_total" && s.Labels.GetValueOrDefault("way") == "api" && s.Labels.GetValueOrDefault("outcome") == "added" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "newstracker_cache_lookups_total" && s.Labels.GetValueOrDefault("result") == "hit" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "newstracker_cache_lookups_total" && s.Labels.GetValueOrDefault("result") == "miss" && s.Value >= 1);
    }

    [Fact]
    public async Task Metrics_are_not_there_for_addresses_outside_the_allowed_list()
    {
        using var factory = new SettingsFactory(new() { ["Seeding:Enabled"] = "false", ["Metrics:AllowedAddresses:0"] = "192.0.2.0/24" });
        using var client = StartKestrel(factory);

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_endpoint_set_traces_and_metrics_are_pushed_over_otlp()
    {
        using var collector = new OtlpCollector();
        using var factory = new SettingsFactory(new()
        {
            ["Seeding:Enabled"] = "false",
            ["OpenTelemetry:Endpoint"] = collector.Address,
            ["OpenTelemetry:Protocol"] = "http/protobuf",
        });
        using var client = factory.CreateClient();

        (await client.GetAsync("/healthz/live")).EnsureSuccessStatusCode();
        (await client.GetAsync("/search?q=otlp")).EnsureSuccessStatusCode();
        // The request's span ends just after the client has its answer, so flush until the collector has both kinds
        // (the Prometheus reader cannot flush, so the meter provider's answer is not asserted).
        var received = collector.Received;
        for (var attempt = 0; attempt < 300 && !(received.Any(r => r.Path == "/v1/traces") && received.Any(r => r.Path == "/v1/metrics")); attempt++)
        {
            factory.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);
            factory.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);
            received = collector.Received;
            if (!received.Any(r => r.Path == "/v1/traces"))
            {
                await Task.Delay(100);
            }
        }

        Assert.Contains(received, r => r.Path == "/v1/traces" && r.ContentType == "application/x-protobuf" && r.Length > 0);
        Assert.Contains(received, r => r.Path == "/v1/metrics" && r.ContentType == "application/x-protobuf" && r.Length > 0);
    }

    [Fact]
    public void Without_an_endpoint_nothing_traces()
    {
        using var factory = new SettingsFactory(new() { ["Seeding:Enabled"] = "false" });
        _ = factory.Services;

        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.NotNull(factory.Services.GetService<MeterProvider>());
    }

    /// <summary>Starts the app on Kestrel at a loopback port and returns a client for it.</summary>
    private static HttpClient StartKestrel(NewsTrackerFactory factory)
    {
        factory.UseKestrel(port: 0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpClient { BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)) };
    }

    /// <summary>One sample line of the Prometheus text format.</summary>
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    /// <summary>Parses the text exposition format strictly: every line is a comment, a HELP/TYPE line or a sample.</summary>
    public static IReadOnlyList<Sample> ParseExposition(string text)
    {
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n').Where(l => l.Length > 0))
        {
            if (line.StartsWith('#'))
            {
                if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
                {
                    Assert.Matches(@"^# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)$", line);
                }

                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"Not a Prometheus sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups[1].Value, m => Regex.Unescape(m.Groups[2].Value), StringComparer.Ordinal);
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var number => double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples.Add(new Sample(match.Groups["name"].Value, labels, value));
        }

        Assert.NotEmpty(samples);
        return samples;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*)\})? (?<value>[^ ]+)( -?\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();

    /// <summary>The app with extra settings.</summary>
    private sealed class SettingsFactory(Dictionary<string, string?> settings) : NewsTrackerFactory
    {
        protected override IDictionary<string, string?> Settings => settings;
    }

    /// <summary>A stand-in OTLP/HTTP collector on a loopback port: it records what it is sent and answers 200.</summary>
    private sealed class OtlpCollector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly List<(string Path, string? ContentType, long Length)> _received = [];
        private readonly Task _loop;

        public OtlpCollector()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Address = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Address);
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public string Address { get; }

        public IReadOnlyList<(string Path, string? ContentType, long Length)> Received
        {
            get
            {
                lock (_received)
                {
                    return [.. _received];
                }
            }
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (_received)
                {
                    _received.Add((context.Request.Url!.AbsolutePath, context.Request.ContentType, body.Length));
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
