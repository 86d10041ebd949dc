using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Stories;

namespace NewsTracker.IntegrationTests.Ingestion;

/// <summary>A batch stored in one transaction (<see cref="StoreArticle"/>, as <c>import</c> sends it) is deduped against
/// its own earlier articles as against the archive, and its counts and change log come out as if stored one by one.</summary>
public sealed class BatchStoreTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [Fact]
    public async Task A_batch_finds_its_own_earlier_addresses_texts_and_outlets_and_keeps_every_count()
    {
        var word = "zq" + Guid.NewGuid().ToString("N")[..10];
        var day = new DateTime(2026, 4, 2, 8, 0, 0, DateTimeKind.Utc);
        var bridge = $"The {word} bridge reopened on Monday after a year of repairs to its deck, its cables and both of its towers.";
        var square = $"Council members voted on Tuesday to rename the {word} square after a poet who lived beside it for forty years.";
        IngestArticle.Command Item(string title, string text, string path, string outlet) => new()
        {
            Title = $"{title} {word}",
            Text = text,
            Url = $"https://{outlet.ToLowerInvariant()}.example/{word}/{path}",
            Outlet = $"{outlet} {word}",
            PublishedUtc = day,
            Origin = "import",
        };

        var results = await factory.SendAsync(new IngestArticles.Command(
        [
            Item("Bridge reopens", bridge, "bridge", "Wire"),
            Item("Square renamed", square, "square", "Wire"),
            Item("Bridge reopens", bridge + " Traffic returned at noon.", "bridge", "Wire"),
            Item("Square renamed", square, "square-again", "Wire"),
            Item("Square renamed", square, "square", "Herald"),
        ]));

        var stored = results.Select(r => Assert.IsType<IngestArticle.Result>(r.Result)).ToList();
        Assert.Equal(
            [IngestArticle.Outcome.Added, IngestArticle.Outcome.Added, IngestArticle.Outcome.NewVersion, IngestArticle.Outcome.Duplicate, IngestArticle.Outcome.Added],
            stored.Select(r => r.Outcome));
        Assert.Equal(stored[0].ArticleId, stored[2].ArticleId);
        Assert.Equal(stored[1].ArticleId, stored[3].ArticleId);
        Assert.Equal(stored[1].StoryId, stored[4].StoryId);

        var outlets = await factory.WithDbAsync(db => db.Outlets.Where(o => o.Name.EndsWith(word)).OrderBy(o => o.Name).Select(o => new { o.Name, o.ArticleCount }).ToListAsync());
        Assert.Equal([($"Herald {word}", 1), ($"Wire {word}", 2)], outlets.Select(o => (o.Name, o.ArticleCount)));
        Assert.Equal(2, await factory.WithDbAsync(db => db.Stories.Where(s => s.Id == stored[1].StoryId).Select(s => s.ArticleCount).SingleAsync()));
        Assert.Empty(await factory.WithDbAsync(db => ArchiveCounts.VerifyAsync(db, CancellationToken.None)));

        // One change-log row names the pages every save of the batch made stale, for the other instances to evict: the
        // article that got a new version (third save) and the story another outlet's copy joined (fifth save).
        var scopes = await factory.WithDbAsync(db => db.ContentChanges.Where(c => c.Scope != null).Select(c => c.Scope!).ToListAsync());
        string[] names = [ContentScope.Article(stored[2].ArticleId), ContentScope.Story(stored[4].StoryId)];
        Assert.Contains(scopes, scope => names.All(name => scope.Split(' ').Contains(name)));
    }
}
