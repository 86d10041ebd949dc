using MediatR;

namespace NewsTracker.Web.Ingestion;

/// <summary>Ingests every file in the seeds folder through <see cref="IngestArticle"/> at start.
/// Exact-duplicate detection makes a second start add nothing.</summary>
public static class SeedImporter
{
    public static async Task SeedAsync(this IServiceProvider services, string seedDirectory, CancellationToken cancellationToken = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SeedImporter));
        if (!Directory.Exists(seedDirectory))
        {
            logger.LogInformation("No seed folder at {SeedDirectory}; nothing to seed", seedDirectory);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(seedDirectory, "*.txt").Order(StringComparer.Ordinal))
        {
            await using var scope = services.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var text = await File.ReadAllTextAsync(file, cancellationToken);
            var result = await mediator.Send(new IngestArticle.Command { Text = text, Origin = "seed" }, cancellationToken);
            if (result.Outcome != IngestArticle.Outcome.Duplicate)
            {
                logger.LogInformation("Seeded {File} as article {ArticleId} ({Outcome})", Path.GetFileName(file), result.ArticleId, result.Outcome);
            }
        }
    }
}
