using NewsTracker.Web.Data;

namespace NewsTracker.Web.Search;

/// <summary>Picks the search index that matches the database provider.</summary>
public static class SearchRegistration
{
    public static IServiceCollection AddSearchIndex(this IServiceCollection services, IConfiguration configuration)
    {
        if (DatabaseRegistration.Provider(configuration) == DatabaseProvider.Postgres)
        {
            services.AddScoped<ISearchIndex, PostgresSearchIndex>();
        }
        else
        {
            services.AddScoped<ISearchIndex, SqliteSearchIndex>();
        }

        return services;
    }
}
