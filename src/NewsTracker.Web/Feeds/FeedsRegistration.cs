using Microsoft.Extensions.Options;

namespace NewsTracker.Web.Feeds;

/// <summary>Wires feeds: options from <c>Feeds</c> (validated at start), the poller and what it shares
/// (host gate and leases, progress, wake-up signal), and the background scheduler.</summary>
public static class FeedsRegistration
{
    public static IServiceCollection AddFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedsOptions>()
            .Bind(configuration.GetSection(FeedsOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeedsOptions>, FeedsOptionsValidator>();
        services.AddSingleton<HostLeases>();
        services.AddSingleton(provider => new HostGate(provider.GetRequiredService<HostLeases>()));
        services.AddSingleton<PollProgress>();
        services.AddSingleton<PollSignal>();
        services.AddSingleton<FeedPoller>();
        services.AddHostedService<FeedScheduler>();
        return services;
    }

    private sealed class FeedsOptionsValidator : IValidateOptions<FeedsOptions>
    {
        public ValidateOptionsResult Validate(string? name, FeedsOptions options)
        {
            var problems = options.Validate();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
