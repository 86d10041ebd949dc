using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;

namespace NewsTracker.Web.Topics;

/// <summary>On first start, the published topic "Ukraine and NATO membership" with the seed article and a
/// milestone drawn from it, so a newcomer sees a real timeline at once. It is created only when no topic has its
/// address, so a restart adds nothing.</summary>
public static class TopicSeed
{
    public const string Slug = "ukraine-nato-membership";

    public const string SeedArticleTitle = "U.S. Weighs Instant NATO Membership for Ukraine if Russia Violates Peace Deal";

    public static async Task SeedTopicsAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        if (await db.Topics.AnyAsync(t => t.Slug == Slug, cancellationToken))
        {
            return;
        }

        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var topic = await mediator.Send(new TopicEditing.Create(new TopicEditing.TopicFields(
            "Ukraine and NATO membership",
            Slug,
            "Whether, when and on what terms Ukraine could join NATO: offers, refusals and conditions in peace talks with Russia.",
            "Ukraine NATO",
            IsPublished: true)), cancellationToken);

        var article = await db.Articles.AsNoTracking().Where(a => a.Title == SeedArticleTitle).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (article is { } articleId)
        {
            await mediator.Send(new TopicEditing.Pick(topic.Id, articleId.ToString(System.Globalization.CultureInfo.InvariantCulture), Included: true), cancellationToken);
        }

        // The event the seed article looks back on: Hegseth's remarks at NATO headquarters in Brussels.
        await mediator.Send(new TopicEditing.AddMilestone(topic.Id, new TopicEditing.MilestoneFields(
            new DateOnly(2025, 2, 12),
            "US Defence Secretary Pete Hegseth casts doubt on NATO membership for Ukraine as part of a negotiated settlement with Russia",
            null)), cancellationToken);
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TopicSeed)).LogInformation("Seeded topic {Slug}", Slug);
    }
}
