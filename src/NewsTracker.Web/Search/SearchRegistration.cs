namespace NewsTracker.Web.Search;

/// <summary>One search for either database: the Lucene index beside it, kept in step from the stored versions.</summary>
public static class SearchRegistration
{
    public static IServiceCollection AddSearchIndex(this IServiceCollection services)
    {
        services.AddSingleton<SearchEngine>();
        services.AddScoped<ISearchIndex, SearchIndex>();
        services.AddHostedService<SearchIndexCatchUp>();
        return services;
    }
}
