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

    /// <summary>The tag every cached response carries, for a change that may show on any of them. Each page adds the
    /// narrower tags of what it shows (<see cref="CachedPages.Tag"/>), so most changes evict only those.</summary>
    public const string Tag = ContentScope.AllPages;

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

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        Hosting.NewsTrackerMetrics.RecordCacheLookup(hit: true);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.AllowCacheLookup)
        {
            Hosting.NewsTrackerMetrics.RecordCacheLookup(hit: false);
        }

        var response = context.HttpContext.Response;
        // A response that sets a cookie is someone's own (a follow cookie, a notice), and only 200s are kept.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Evicts the cached responses a change made stale: those carrying one of its tags, or all of them.</summary>
public sealed class TopicCacheInvalidation(IOutputCacheStore store)
{
    public async ValueTask EvictAsync(ContentScope scope, CancellationToken cancellationToken)
    {
        if (scope.Everything)
        {
            await store.EvictByTagAsync(TopicCachePolicy.Tag, cancellationToken);
            return;
        }

        foreach (var tag in scope.Tags)
        {
            await store.EvictByTagAsync(tag, cancellationToken);
        }
    }
}

/// <summary>Evicts the cached public pages a command changed once it has committed.</summary>
public sealed class EvictCachedPagesOnContentChange(TopicCacheInvalidation invalidation) : INotificationHandler<ContentChanged>
{
    public Task Handle(ContentChanged notification, CancellationToken cancellationToken) =>
        invalidation.EvictAsync(notification.Scope, cancellationToken).AsTask();
}

/// <summary>Names what a cached response shows, so that a change to it (and only such a change) evicts it.</summary>
public static class CachedPages
{
    /// <summary>Adds <paramref name="tags"/> (see <see cref="ContentScope"/>) to the response being cached, if it is.</summary>
    public static void Tag(HttpContext http, IEnumerable<string> tags)
    {
        if (http.Features.Get<IOutputCacheFeature>() is { } caching)
        {
            caching.Context.Tags.UnionWith(tags);
        }
    }
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
