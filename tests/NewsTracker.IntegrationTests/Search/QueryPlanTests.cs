using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Data;
using NewsTracker.Web.Search;

namespace NewsTracker.IntegrationTests.Search;

/// <summary>The planner trap the search is built to avoid: probing the FTS index once per article (SQLite), or
/// testing every article's tsvector without the GIN index (PostgreSQL). These pin the plan of the statement the
/// app really runs, on the provider of the run.</summary>
public sealed class QueryPlanTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    [SqliteTheory]
    [InlineData("nato")]
    [InlineData("nato after:2026-01-01 before:2026-12-31")]
    [InlineData("nato lang:en")]
    [InlineData("nato outlet:Reuters")]
    [InlineData("nato actor:putin")]
    [InlineData("nato actor:\"Vladimir Putin\" actor:zelensky outlet:Reuters")]
    public async Task The_match_runs_first_and_articles_are_never_scanned_whole(string query)
    {
        var plan = await PlanAsync(query);

        var materialize = plan.FindIndex(line => line.Contains("MATERIALIZE hits", StringComparison.Ordinal));
        var match = plan.FindIndex(line => line.Contains("SCAN ArticleSearch VIRTUAL TABLE", StringComparison.Ordinal));
        Assert.True(materialize >= 0 && match > materialize, "The FTS match should run inside the materialised 'hits':\n" + string.Join('\n', plan));
        Assert.Equal(1, plan.Count(line => line.Contains("ArticleSearch VIRTUAL TABLE", StringComparison.Ordinal)));
        Assert.DoesNotContain(plan, line => line.TrimStart().StartsWith("SCAN a ", StringComparison.Ordinal) || line.Trim() == "SCAN a");
    }

    [SqliteTheory]
    [InlineData("nato actor:putin")]
    [InlineData("nato actor:\"Vladimir Putin\" actor:zelensky")]
    public async Task An_actor_filter_reads_mentions_through_the_actor_index_and_never_scans_annotations(string query)
    {
        var plan = await PlanAsync(query);

        Assert.Contains(plan, line => line.Contains("USING INDEX IX_Annotations_ActorId (ActorId=?)", StringComparison.Ordinal));
        // The actor facet reads the matched articles' mentions by article, also through an index.
        Assert.Contains(plan, line => line.Contains("USING INDEX IX_Annotations_ArticleId_Start (ArticleId=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Trim() == "SCAN m" || line.TrimStart().StartsWith("SCAN m ", StringComparison.Ordinal) || line.Contains("SCAN Annotations", StringComparison.Ordinal));
        Assert.True(plan.FindIndex(line => line.Contains("MATERIALIZE hits", StringComparison.Ordinal)) < plan.FindIndex(line => line.Contains("IX_Annotations_ActorId", StringComparison.Ordinal)),
            "The FTS match should come before the actor filter:\n" + string.Join('\n', plan));
    }

    [PostgresOnlyTheory]
    [InlineData("nato")]
    [InlineData("\"cast doubt\" OR membe* -snowstorm")]
    [InlineData("title:ukraine nato after:2026-01-01 before:2026-12-31")]
    [InlineData("nato lang:en")]
    [InlineData("nato outlet:Reuters")]
    [InlineData("nato actor:\"Vladimir Putin\" actor:zelensky outlet:Reuters")]
    public async Task On_postgres_the_match_is_a_GIN_index_scan_run_once_before_the_joins(string query)
    {
        var plan = await PostgresPlanAsync(query);

        var hits = plan.FindIndex(line => line.TrimStart().StartsWith("CTE hits", StringComparison.Ordinal));
        var gin = plan.FindIndex(line => line.Contains("Bitmap Index Scan on \"IX_ArticleSearch_Document\"", StringComparison.Ordinal));
        var next = plan.FindIndex(line => line.TrimStart().StartsWith("CTE facethits", StringComparison.Ordinal));
        Assert.True(hits >= 0 && gin > hits && gin < next, "The tsquery should be answered by the GIN index inside the materialised 'hits':\n" + string.Join('\n', plan));
        Assert.Single(plan, line => line.Contains("on \"ArticleSearch\"", StringComparison.Ordinal));
    }

    /// <summary>The plan of the relevance statement on PostgreSQL, with the planner settings the index runs it with
    /// (<see cref="PostgresSearchIndex.PlannerSettings"/>). Those price sequential scans out but cannot make an index
    /// usable that the statement does not allow: a function around the document, or a match tested after the join,
    /// would still scan.</summary>
    private async Task<List<string>> PostgresPlanAsync(string query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync(PostgresSearchIndex.PlannerSettings);
        var parsed = SearchQueryParser.Parse(query);
        await using var command = PostgresSearchIndex.RelevanceCommand(db.Database.GetDbConnection(), PostgresQuery.Build(parsed)!, new SearchRequest(parsed, SearchSort.Relevance, null, 20));
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = "EXPLAIN " + command.CommandText;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
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
