using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Pages.Actors;
using NewsTracker.Web.Stories;
using NewsTracker.Web.Tagging;

namespace NewsTracker.IntegrationTests.Tagging;

/// <summary>The actor page's kept counts follow every tag write in its transaction (proposals, approvals, deletions,
/// merges), agree with the tags, page by keyset, and can be rebuilt when they do not.</summary>
public sealed class ActorCountsTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private static readonly DateTime March = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime April = new(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc);

    private static string Word() => "Zq" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Staff_and_readers_see_counts_that_follow_proposals_approvals_deletions_and_merges()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var journalist = await factory.CreateEditorAsync(Roles.Journalist);
        var name = Word() + " Minister";
        var march = await factory.ArticleAsync($"{name} spoke on Monday. Later {name} left the hall.", published: March);
        var april = await factory.ArticleAsync($"Asked again, {name} declined to comment.", published: April);
        var undated = await factory.ArticleAsync($"A profile of {name} and the ministry.");

        var first = await factory.MentionAsync(editor, march, name, newActor: new Actors.NewActor(name, ActorKind.Person));
        var actorId = first.ActorId!.Value;
        var proposed = await factory.MentionAsync(journalist, march, name, actorId: actorId, occurrence: 1);
        var second = await factory.MentionAsync(editor, april, name, actorId: actorId);

        Assert.Equal((3, 2, 2), await StaffCountsAsync(editor, actorId));
        Assert.Equal((2, 2, 2), await ReaderCountsAsync(actorId));

        await factory.SendAsAsync(editor, new NewsTracker.Web.Pages.Articles.DetailsModel.UpdateTag(proposed.Id, proposed.Stamp, Approve: true));
        Assert.Equal((3, 2, 2), await ReaderCountsAsync(actorId));

        await factory.SendAsAsync(editor, new Tags.Delete(second.Id, second.Stamp));
        Assert.Equal((2, 1, 1), await ReaderCountsAsync(actorId));

        // Another actor's mention in an undated article moves over with the merge: listed, but in no month.
        var other = await factory.MentionAsync(editor, undated, name, newActor: new Actors.NewActor(name + " Jr", ActorKind.Person));
        await factory.SendAsAsync(editor, new DetailsModel.MergeInto(other.ActorId!.Value, actorId));
        Assert.Equal((2, 1, 2), await ReaderCountsAsync(actorId));
        Assert.Empty(await factory.WithDbAsync(db => ActorCounts.VerifyAsync(db, CancellationToken.None)));
    }

    [Fact]
    public async Task The_actor_page_lists_its_articles_newest_first_a_page_at_a_time()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var name = Word() + " Council";
        var march = await factory.ArticleAsync($"The {name} met in March.", published: March);
        var april = await factory.ArticleAsync($"The {name} met in April.", published: April);
        var actorId = (await factory.MentionAsync(editor, march, name, newActor: new Actors.NewActor(name, ActorKind.Organisation))).ActorId!.Value;
        await factory.MentionAsync(editor, april, name, actorId: actorId);

        var newest = await factory.SendAsync(new DetailsModel.Query { Id = actorId, PageSize = 1 });
        var older = await factory.SendAsync(new DetailsModel.Query { Id = actorId, PageSize = 1, Before = newest.OlderCursor });
        var back = await factory.SendAsync(new DetailsModel.Query { Id = actorId, PageSize = 1, After = older.NewerCursor });

        Assert.Equal(april.Id, Assert.Single(newest.Articles).Id);
        Assert.Equal(march.Id, Assert.Single(older.Articles).Id);
        Assert.Null(older.OlderCursor);
        Assert.Equal(april.Id, Assert.Single(back.Articles).Id);
        Assert.Equal(2, newest.Months.Count(m => m.Articles > 0));
        Assert.All(newest.Months.Where(m => m.Articles > 0), m => Assert.Equal(1, m.Mentions));
    }

    [Fact]
    public async Task Check_names_actor_counts_that_disagree_with_the_tags_and_recount_repairs_them()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var name = Word() + " Agency";
        var article = await factory.ArticleAsync($"The {name} published its report.", published: March);
        var actorId = (await factory.MentionAsync(editor, article, name, newActor: new Actors.NewActor(name, ActorKind.GovernmentBody))).ActorId!.Value;
        await factory.WithDbAsync(db => db.ActorMonths.Where(m => m.ActorId == actorId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Mentions, 5)));
        await factory.WithDbAsync(db => db.ActorArticles.Where(p => p.ActorId == actorId).ExecuteDeleteAsync());

        var wrong = await factory.WithDbAsync(db => ActorCounts.VerifyAsync(db, CancellationToken.None));
        Assert.Contains($"actor {actorId} in article {article.Id}: 0 mentions (0 approved) stored, 1 (1) counted", wrong);
        Assert.Contains($"actor {actorId}, month 202603: 5 mentions in 1 articles stored, 1 in 1 counted", wrong);

        await factory.SendAsync(new ArchiveCounts.Rebuild());

        Assert.Empty(await factory.WithDbAsync(db => ActorCounts.VerifyAsync(db, CancellationToken.None)));
        Assert.Equal((1, 1, 1), await ReaderCountsAsync(actorId));
    }

    /// <summary>Mentions, articles and listed articles on the actor page as an editor sees it.</summary>
    private async Task<(int Mentions, int Articles, int Listed)> StaffCountsAsync(NewsTracker.Web.Application.Editor editor, int actorId)
    {
        var page = await factory.SendAsAsync(editor, new DetailsModel.Query { Id = actorId });
        return (page.MentionCount, page.ArticleCount, page.Articles.Count);
    }

    /// <summary>The same as an anonymous reader sees it (approved tags only).</summary>
    private async Task<(int Mentions, int Articles, int Listed)> ReaderCountsAsync(int actorId)
    {
        var page = await factory.SendAsAsync(NewsTracker.Web.Application.Editor.Anonymous, new DetailsModel.Query { Id = actorId });
        return (page.MentionCount, page.ArticleCount, page.Articles.Count);
    }
}
