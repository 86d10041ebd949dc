using System.Net.Http.Json;
using System.Text.Json;
using NewsTracker.IntegrationTests.Cli;
using NewsTracker.Web.Cli;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.IntegrationTests.Search;

/// <summary>The search index is a copy beside the database that can always be built again: <c>search rebuild</c>
/// rebuilds it with every article, and <c>check</c> says whether it holds every stored version.</summary>
public sealed class SearchIndexLifecycleTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [Fact]
    public async Task Search_rebuild_indexes_every_article_again_and_search_still_finds_them()
    {
        await factory.SendAsync(new IngestArticle.Command { Text = "Rebuild Headline\n\nA hovercraft crossed the rebuilt harbour.", Origin = "test" });

        var (exit, output, error) = await CommandLineRun.RunAsync(factory, ["search", "rebuild"]);

        Assert.True(exit == AdminCommandLine.Succeeded, $"exit {exit}: {error}");
        Assert.Matches(@"Indexed [0-9,]+ articles in [0-9.]+ s at ", output);
        var json = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/search?q=hovercraft");
        Assert.Contains(json.GetProperty("hits").EnumerateArray(), h => h.GetProperty("title").GetString() == "Rebuild Headline");
    }

    [SqliteFact]
    public async Task Check_says_the_search_index_holds_every_stored_version()
    {
        await factory.CreateClient().GetStringAsync("/api/v1/search?q=nato");

        var (exit, output, _) = await CommandLineRun.RunAsync(factory, ["check"]);

        Assert.Equal(AdminCommandLine.Succeeded, exit);
        Assert.Contains("Search index: holds every stored version", output, StringComparison.Ordinal);
    }
}
