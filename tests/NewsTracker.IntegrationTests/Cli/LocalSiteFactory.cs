using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NewsTracker.IntegrationTests.Cli;

/// <summary>
/// The app plus a real Kestrel server on 127.0.0.1 serving one article, with private networks and the
/// server's port allowed for this test class only, so <c>url</c> lines go through the real safe fetcher.
/// </summary>
public sealed class LocalSiteFactory : NewsTrackerFactory, IAsyncLifetime
{
    public const string ArticleTitle = "Harbour ferry returns after storm repairs";

    private WebApplication? _site;

    public int Port { get; private set; }

    public string Url(string path) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}{path}");

    // Read when the app's host is first built, which is after InitializeAsync has started the site.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ingestion:AllowPrivateNetworks"] = "true",
        ["Ingestion:AllowedPorts:0"] = Port.ToString(CultureInfo.InvariantCulture),
    };

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _site = builder.Build();
        _site.MapGet("/article", context => Html(context, $"""
            <!doctype html><html lang="en"><head><title>{ArticleTitle} - Coast Courier</title>
            <meta property="og:site_name" content="Coast Courier"></head>
            <body><article><h1>{ArticleTitle}</h1>
            <p>The harbour ferry carried its first passengers in three weeks on Monday after repairs to the landing stage damaged in last month's storm.</p>
            <p>The operator said the timetable would return to normal by the weekend, with extra crossings in the evening to clear the backlog of freight.</p>
            </article></body></html>
            """));
        await _site.StartAsync();
        var address = _site.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Port = new Uri(address).Port;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.StopAsync();
            await _site.DisposeAsync();
        }
    }

    private static async Task Html(HttpContext context, string html)
    {
        var body = Encoding.UTF8.GetBytes(html);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
