using Microsoft.EntityFrameworkCore;
using NewsTracker.IntegrationTests.Api;
using NewsTracker.IntegrationTests.Cli;
using NewsTracker.Web.Cli;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.IntegrationTests.Crash;

/// <summary>The checks the crash tests rely on pass on a database the app wrote and fail, by name, on each kind of
/// damage a cut-short write would leave; the same report the <c>check</c> command prints, on SQLite and PostgreSQL.</summary>
public sealed class DatabaseIntegrityTests
{
    private const string Body = "The harbour master said the ferry would run again on Monday.\n\nUnions welcomed the decision.";

    [SqliteFact]
    public async Task An_article_with_a_tag_passes_every_check()
    {
        using var factory = new NewsTrackerFactory();
        await TaggedArticleAsync(factory);

        var report = await factory.WithDbAsync(db => DatabaseIntegrity.CheckAsync(db, CancellationToken.None));

        Assert.True(report.Passed, string.Join('\n', report.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}")));
        Assert.Equal(7, report.Checks.Count);
        Assert.Contains(report.Checks, c => c.Detail == "1 annotation");
    }

    [SqliteTheory]
    [InlineData("""DELETE FROM "ArticleBlocks" WHERE "Ordinal" = 1""", "Versions' blocks cover their text", "version 1")]
    [InlineData("""UPDATE "Articles" SET "CurrentVersion" = 2""", "Articles have their current version", "lacks version 2")]
    [InlineData("""UPDATE "Annotations" SET "Start" = "Start" + 1""", "Annotations quote their version's text", "annotation 1")]
    [InlineData("""DELETE FROM "AuditEntries" WHERE "EntityType" = 'Annotation'""", "Tagging rows have their audit entries", "annotation 1")]
    [InlineData("""PRAGMA foreign_keys = OFF; DELETE FROM "Actors"; PRAGMA foreign_keys = ON;""", "Tags point at existing rows", "actor 1 is missing")]
    public async Task Damage_a_cut_short_write_would_leave_fails_its_check_and_names_the_row(string damage, string check, string named)
    {
        using var factory = new NewsTrackerFactory();
        await TaggedArticleAsync(factory);
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(damage));

        var report = await factory.WithDbAsync(db => DatabaseIntegrity.CheckAsync(db, CancellationToken.None));

        Assert.False(report.Passed);
        var failed = Assert.Single(report.Checks, c => c.Name == check);
        Assert.False(failed.Passed);
        Assert.Contains(named, failed.Detail, StringComparison.Ordinal);
    }

    [PostgresOnlyFact]
    public async Task On_PostgreSQL_the_check_command_runs_the_same_invariants_and_passes()
    {
        using var factory = new NewsTrackerFactory();
        await TaggedArticleAsync(factory);

        var report = await factory.WithDbAsync(db => DatabaseIntegrity.CheckAsync(db, CancellationToken.None));
        var (exit, output, _) = await CommandLineRun.RunAsync(factory, ["check"]);

        Assert.True(report.Passed, string.Join('\n', report.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}")));
        Assert.Equal(
            ["Articles have their current version", "Versions' blocks cover their text",
             "Annotations quote their version's text", "Tags point at existing rows", "Tagging rows have their audit entries"],
            report.Checks.Select(c => c.Name));
        Assert.Contains(report.Checks, c => c.Detail == "1 annotation");
        Assert.Equal(AdminCommandLine.Succeeded, exit);
        Assert.Contains("pg_amcheck", output, StringComparison.Ordinal);
        Assert.Contains("All checks passed.", output, StringComparison.Ordinal);
    }

    [PostgresOnlyTheory]
    [InlineData("""DELETE FROM "ArticleBlocks" WHERE "Ordinal" = 1""", "Versions' blocks cover their text", "version 1")]
    [InlineData("""UPDATE "Articles" SET "CurrentVersion" = 2""", "Articles have their current version", "lacks version 2")]
    [InlineData("""UPDATE "Annotations" SET "Start" = "Start" + 1""", "Annotations quote their version's text", "annotation 1")]
    [InlineData("""DELETE FROM "AuditEntries" WHERE "EntityType" = 'Annotation'""", "Tagging rows have their audit entries", "annotation 1")]
    public async Task On_PostgreSQL_damage_fails_its_check_and_names_the_row(string damage, string check, string named)
    {
        using var factory = new NewsTrackerFactory();
        await TaggedArticleAsync(factory);
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(damage));

        var report = await factory.WithDbAsync(db => DatabaseIntegrity.CheckAsync(db, CancellationToken.None));
        var (exit, output, _) = await CommandLineRun.RunAsync(factory, ["check"]);

        var failed = Assert.Single(report.Checks, c => c.Name == check);
        Assert.False(failed.Passed);
        Assert.Contains(named, failed.Detail, StringComparison.Ordinal);
        Assert.Equal(AdminCommandLine.SomeFailed, exit);
        Assert.Contains($"FAIL  {check}", output, StringComparison.Ordinal);
    }

    private static async Task TaggedArticleAsync(NewsTrackerFactory factory)
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var (id, text) = await factory.ArticleAsync(Body);
        await factory.SendAsAsync(editor, TaggingApi.TagActor(id, text, "harbour master", "Harbour master"));
    }
}
