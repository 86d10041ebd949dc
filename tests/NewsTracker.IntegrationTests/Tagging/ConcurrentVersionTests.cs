using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Tagging;

namespace NewsTracker.IntegrationTests.Tagging;

/// <summary>
/// A tag made at the moment ingestion stores a new version of the same article must not stay behind on the old
/// version: either it was saved first and moved with the text, or it lands on the new version, or it is refused as
/// a conflict. On SQLite commands run one at a time; on PostgreSQL this is what SERIALIZABLE isolation (with the
/// pipeline's retry) guarantees, where REPEATABLE READ let both commit and left the tag on the replaced version.
/// </summary>
public sealed class ConcurrentVersionTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private const int Rounds = 12;

    [Fact]
    public async Task A_tag_racing_a_new_version_ends_up_on_the_current_version_or_is_refused()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        for (var round = 0; round < Rounds; round++)
        {
            var title = $"Harbour race {round} {Guid.NewGuid():N}";
            var url = $"https://race.example.com/{Guid.NewGuid():N}";
            var article = await factory.ArticleAsync("Mayor Alvarez opened the harbour on Monday.", title, url: url);

            var tag = Task.Run(() => factory.MentionAsync(editor, article, "Alvarez", newActor: new Actors.NewActor($"Alvarez {round}", ActorKind.Person)));
            var version = Task.Run(() => factory.SendAsync(new IngestArticle.Command
            {
                Text = title + "\n\nMayor Alvarez opened the harbour on Monday, a day late.",
                Url = url,
                Origin = "test",
            }));

            await version;
            var refused = false;
            try
            {
                await tag;
            }
            catch (ConflictException)
            {
                refused = true;
            }

            var (current, tags) = await factory.WithDbAsync(async db => (
                await db.ArticleVersions.Where(v => v.ArticleId == article.Id && v.Number == db.Articles.Single(a => a.Id == article.Id).CurrentVersion).Select(v => v.Id).SingleAsync(),
                await db.Annotations.AsNoTracking().Where(a => a.ArticleId == article.Id).ToListAsync()));
            Assert.Equal(refused ? 0 : 1, tags.Count);
            Assert.All(tags, a => Assert.Equal((current, false), (a.VersionId, a.IsOrphaned)));
        }
    }
}
