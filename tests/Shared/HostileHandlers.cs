using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NewsTracker.TestSupport;

/// <summary>
/// The misbehaving endpoints both local test sites serve (compiled into the unit and the integration
/// tests): a gzip bomb, a server sending one byte a second, a redirect chain, and a redirect to any address.
/// </summary>
public static class HostileHandlers
{
    /// <summary>Zeros inflate about 1000:1; 64 MiB is four times the fetch limit and compresses to about 64 KB.</summary>
    public const int BombMegabytes = 64;

    /// <summary>How long the slow server keeps dripping if nobody gives up first.</summary>
    public const int SlowServerMaxSeconds = 60;

    private static readonly Lazy<byte[]> GzipBomb = new(() =>
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < BombMegabytes; i++)
            {
                gzip.Write(zeros);
            }
        }

        return output.ToArray();
    });

    /// <summary>Maps <c>/bomb</c>, <c>/slow</c>, <c>/redirect/{hops}</c> (ending at <paramref name="redirectTarget"/>)
    /// and <c>/to?url=</c> (a Location taken as given, so a test can aim it at any address).</summary>
    public static void MapHostileHandlers(this IEndpointRouteBuilder app, string redirectTarget)
    {
        app.MapGet("/bomb", async context =>
        {
            var body = GzipBomb.Value;
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });

        app.MapGet("/slow", async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            try
            {
                for (var i = 0; i < SlowServerMaxSeconds; i++)
                {
                    await context.Response.Body.WriteAsync("<"u8.ToArray(), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
                // The client gave up, which is what the test expects.
            }
        });

        app.MapGet("/redirect/{hops:int}", context =>
        {
            var hops = int.Parse((string)context.Request.RouteValues["hops"]!, System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Redirect(hops > 1 ? $"/redirect/{hops - 1}" : redirectTarget);
            return Task.CompletedTask;
        });

        app.MapGet("/to", context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = context.Request.Query["url"].ToString();
            return Task.CompletedTask;
        });
    }
}

/// <summary>Starts the local test sites: a slim Kestrel app on 127.0.0.1 with a random port.</summary>
public static class LoopbackSite
{
    /// <summary>Builds the app, lets <paramref name="map"/> add its middleware and endpoints, starts it, and
    /// answers it with the port it listens on.</summary>
    public static async Task<(WebApplication App, int Port)> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (app, new Uri(address).Port);
    }
}
