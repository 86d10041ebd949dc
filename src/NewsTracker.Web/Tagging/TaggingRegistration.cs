namespace NewsTracker.Web.Tagging;

/// <summary>Registers what the tagging slices share: the verdict scale and re-anchoring.</summary>
public static class TaggingRegistration
{
    public static IServiceCollection AddTagging(this IServiceCollection services)
    {
        services.AddSingleton<VerdictScale>();
        services.AddScoped<ArticleReanchoring>();
        return services;
    }
}
