using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Data;
using NewsTracker.Web.Search;

namespace NewsTracker.IntegrationTests.Search;

/// <summary>The planner trap the search is built to avoid: probing the FTS index once per article.
/// These pin the plan of the statement the app really runs.</summary>
public sealed class QueryPlanTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [Theory]
    [InlineData("nato")]
    [InlineData("nato after:2026-01-01 before:2026-12-31")]
    [InlineData("nato lang:en")]
    [InlineData("nato outlet:Reuters")]
    public async Task The_match_runs_first_and_articles_are_never_scanned_whole(string query)
    {
        var plan = await PlanAsync(query);

        var materialize = plan.FindIndex(line => line.Contains("MATERIALIZE hits", StringComparison.Ordinal));
        var match = plan.FindIndex(line => line.Contains("SCAN ArticleSearch VIRTUAL TABLE", StringComparison.Ordinal));
        Assert.True(materialize >= 0 && match > materialize, "The FTS match should run inside the materialised 'hits':\n" + string.Join('\n', plan));
        Assert.Equal(1, plan.Count(line => line.Contains("ArticleSearch VIRTUAL TABLE", StringComparison.Ordinal)));
        Assert.DoesNotContain(plan, line => line.TrimStart().StartsWith("SCAN a ", StringComparison.Ordinal) || line.Trim() == "SCAN a");
    }

    private async Task<List<string>> PlanAsync(string query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        await db.Database.OpenConnectionAsync();
        var parsed = SearchQueryParser.Parse(query);
        await using var command = SqliteSearchIndex.RelevanceCommand(db.Database.GetDbConnection(), Fts5Query.Build(parsed)!, new SearchRequest(parsed, SearchSort.Relevance, null, 20));
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return lines;
    }
}
