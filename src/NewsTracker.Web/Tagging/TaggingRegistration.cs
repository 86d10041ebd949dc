namespace NewsTracker.Web.Tagging;

/// <summary>Registers what the tagging slices share: the audit context and the verdict scale.</summary>
public static class TaggingRegistration
{
    public static IServiceCollection AddTagging(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<AuditContext>();
        services.AddSingleton<VerdictScale>();
        services.AddScoped<ArticleReanchoring>();
        return services;
    }
}
