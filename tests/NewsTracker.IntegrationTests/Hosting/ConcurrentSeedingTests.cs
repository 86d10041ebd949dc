using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Data;
using NewsTracker.Web.Topics;

namespace NewsTracker.IntegrationTests.Hosting;

/// <summary>Several instances started together on one empty PostgreSQL database: each seeds in turn, so all of
/// them start and the seed article and topic exist once.</summary>
public sealed class ConcurrentSeedingTests
{
    [PostgresOnlyFact]
    public async Task Three_instances_starting_together_on_an_empty_database_all_start_and_seed_once()
    {
        using var database = TestDatabase.CreatePostgres();
        var instances = Enumerable.Range(0, 3).Select(_ => new NewsTrackerFactory { SharedDatabase = database }).ToList();
        try
        {
            await Task.WhenAll(instances.Select(instance => Task.Run(() => instance.Services)));

            await using var scope = instances[0].Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
            Assert.Equal(1, await db.Topics.CountAsync(t => t.Slug == TopicSeed.Slug));
            Assert.Equal(1, await db.Articles.CountAsync(a => a.Title == TopicSeed.SeedArticleTitle));
            foreach (var instance in instances)
            {
                using var client = instance.CreateClient();
                var page = await client.GetAsync(new Uri("/topics/" + TopicSeed.Slug, UriKind.Relative));
                Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
            }
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }
}
