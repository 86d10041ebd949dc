using MediatR;
using Microsoft.AspNetCore.OutputCaching;
using NewsTracker.Web.Application;

namespace NewsTracker.Web.Topics;

/// <summary>
/// Output caching for the public pages readers hit most: topic timelines, embeds and feeds, and article pages.
/// Anonymous requests without a follow cookie get one
/// cached copy per address (query string included) until something changes; signed-in readers and anonymous
/// followers see personal "new" markers, so their pages are never cached.
/// </summary>
public sealed class TopicCachePolicy : IOutputCachePolicy
{
    public const string Name = "topics";

    /// <summary>The tag every topic response carries: any change evicts them all.</summary>
    public const string Tag = "topics";

    /// <summary>How long a copy lives at most, as a backstop; changes evict earlier.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && context.HttpContext.User.Identity?.IsAuthenticated != true
            && !request.Headers.ContainsKey("Authorization")
            && !request.Cookies.ContainsKey(FollowCookie.Name);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        context.Tags.Add(Tag);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // A response that sets a cookie is someone's own (a follow cookie, a notice), and only 200s are kept.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Evicts every cached topic response. Called after each command commits, since an article, tag,
/// claim, actor, topic or milestone change can change what any topic shows.</summary>
public sealed class TopicCacheInvalidation(IOutputCacheStore store)
{
    public ValueTask EvictAllAsync(CancellationToken cancellationToken) => store.EvictByTagAsync(TopicCachePolicy.Tag, cancellationToken);
}

/// <summary>Evicts the cached public pages once a command that changed what readers see has committed.</summary>
public sealed class EvictCachedPagesOnContentChange(TopicCacheInvalidation invalidation) : INotificationHandler<ContentChanged>
{
    public Task Handle(ContentChanged notification, CancellationToken cancellationToken) =>
        invalidation.EvictAllAsync(cancellationToken).AsTask();
}

/// <summary>Wires topics: membership, the output cache and its eviction.</summary>
public static class TopicsRegistration
{
    public static IServiceCollection AddTopics(this IServiceCollection services)
    {
        services.AddScoped<TopicMembership>();
        services.AddOutputCache(options => options.AddPolicy(TopicCachePolicy.Name, new TopicCachePolicy()));
        services.AddSingleton<TopicCacheInvalidation>();
        services.AddHostedService<SharedCacheInvalidation>();
        return services;
    }
}
