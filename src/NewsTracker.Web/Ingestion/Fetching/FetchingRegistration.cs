using Microsoft.Extensions.Options;

namespace NewsTracker.Web.Ingestion.Fetching;

/// <summary>Wires the SSRF-safe fetcher: options from <c>Ingestion</c>, validated at start, and a typed
/// <see cref="HttpClient"/> whose primary handler is the guarded <see cref="System.Net.Http.SocketsHttpHandler"/>.</summary>
public static class FetchingRegistration
{
    /// <summary>The named client behind <see cref="SafeFetcher"/>; nothing else may use its handler.</summary>
    public const string HttpClientName = "NewsTracker.SafeFetcher";

    public static IServiceCollection AddSafeFetching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FetchingOptions>()
            .Bind(configuration.GetSection(FetchingOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FetchingOptions>, FetchingOptionsValidator>();

        services.AddHttpClient(HttpClientName, client =>
            {
                // The fetcher enforces its own total timeout, across redirects and the body read.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The handler recycles its own connections (PooledConnectionLifetime), so the factory
            // need not rotate handlers; every new connection passes the guard again either way.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
                new ConnectGuard(provider.GetRequiredService<IOptions<FetchingOptions>>().Value).CreateHandler())
            .AddTypedClient((client, provider) =>
                new SafeFetcher(client, provider.GetRequiredService<IOptions<FetchingOptions>>().Value));

        return services;
    }

    /// <summary>Reports each configuration problem by name, so the operator knows what to fix.</summary>
    private sealed class FetchingOptionsValidator : IValidateOptions<FetchingOptions>
    {
        public ValidateOptionsResult Validate(string? name, FetchingOptions options)
        {
            var problems = options.Validate();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
