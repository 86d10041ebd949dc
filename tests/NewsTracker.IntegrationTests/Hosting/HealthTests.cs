using System.Net;
using System.Text.Json;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.IntegrationTests.Hosting;

/// <summary>The probes orchestrators call: live (the process answers), ready (database, migrations, search index)
/// and the original <c>/healthz</c>.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task All_probes_are_healthy_on_a_migrated_database_and_ready_names_its_checks()
    {
        using var factory = new NewsTrackerFactory();
        using var client = factory.CreateClient();

        using var live = await client.GetAsync("/healthz/live");
        using var ready = await client.GetAsync("/healthz/ready");
        using var all = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal(["database", "migrations", "search-index"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(checks.EnumerateObject(), c => Assert.Equal("Healthy", c.Value.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
    }

    [Fact]
    public async Task A_search_index_behind_the_articles_makes_the_instance_unready_but_still_live_until_it_catches_up()
    {
        // The index catches up before each search and on a timer; with the timer this slow, only a search does.
        using var factory = new SlowCatchUpFactory();
        using var client = factory.CreateClient();
        using (var before = await client.GetAsync("/healthz/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await factory.SendAsync(new IngestArticle.Command { Text = "Health Probe Headline\n\nThe newest article, not yet in the index.", Origin = "test" });

        using var ready = await client.GetAsync("/healthz/ready");
        using var live = await client.GetAsync("/healthz/live");
        using var all = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var index = report.RootElement.GetProperty("checks").GetProperty("search-index");
        Assert.Equal("Unhealthy", index.GetProperty("status").GetString());
        Assert.Contains("behind", index.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, all.StatusCode);

        using var search = await client.GetAsync("/api/v1/search?q=probe");
        Assert.Contains("Health Probe Headline", await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var after = await client.GetAsync("/healthz/ready");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private sealed class SlowCatchUpFactory : NewsTrackerFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Search:CatchUpSeconds"] = "3600" };
    }
}
