using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsTracker.Web.Application;
using NewsTracker.Web.Cli;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Tagging;

namespace NewsTracker.IntegrationTests.Cli;

/// <summary><c>backup</c> and <c>restore</c> against a running app: a copy taken while articles and tags are
/// being written is a consistent snapshot, restores into a new data directory, and the restored app serves it.</summary>
public sealed partial class BackupTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private string LiveDatabase => Path.Combine(factory.DataDirectory, DatabaseRegistration.DatabaseFileName);

    [SqliteFact]
    public async Task A_backup_taken_while_articles_and_tags_are_written_restores_to_a_consistent_serving_copy()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var run = "bk" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 20; i++)
        {
            await WriteArticleAndTagAsync(editor, run, i);
        }

        var before = await CountRowsAsync(LiveDatabase);
        using var stopWriting = new CancellationTokenSource();
        var written = 20;
        var writer = Task.Run(async () =>
        {
            while (!stopWriting.IsCancellationRequested)
            {
                await WriteArticleAndTagAsync(editor, run, written);
                Interlocked.Increment(ref written);
            }
        });
        await WhenWrittenAsync(() => Volatile.Read(ref written) >= 23, writer);

        var copy = Path.Combine(factory.DataDirectory, "backup-during-writes.db");
        var (exit, output, error) = await CommandLineRun.RunAsync(factory, ["backup", "--to", copy]);

        var afterBackup = Volatile.Read(ref written);
        await WhenWrittenAsync(() => Volatile.Read(ref written) >= afterBackup + 2, writer);
        await stopWriting.CancelAsync();
        await writer;
        var after = await CountRowsAsync(LiveDatabase);

        Assert.True(exit == AdminCommandLine.Succeeded, $"exit {exit}: {error}");
        Assert.Contains("integrity_check: ok", output, StringComparison.Ordinal);
        Assert.Matches(@"backup: [0-9.]+ MiB written in [0-9.]+s", error);
        Assert.Empty(Directory.GetFiles(factory.DataDirectory, "*.partial*"));

        var copied = await CountRowsAsync(copy);
        Assert.Equal(copied, PrintedRows(output));
        foreach (var table in DatabaseBackup.MainTables)
        {
            Assert.InRange(copied[table], before[table], after[table]);
        }

        Assert.True(after["Articles"] > before["Articles"], "the writer kept writing around the backup");
        await AssertConsistentAsync(copy, run);

        using var restored = new NewsTrackerFactory();
        var (restoreExit, restoreOutput, restoreError) = await RunExecutableAsync(restored.DataDirectory, "restore", "--from", copy);
        Assert.True(restoreExit == AdminCommandLine.Succeeded, $"exit {restoreExit}: {restoreError}");
        Assert.Contains("Restored " + copy, restoreOutput, StringComparison.Ordinal);

        var restoredDatabase = Path.Combine(restored.DataDirectory, DatabaseRegistration.DatabaseFileName);
        Assert.Equal(copied, await CountRowsAsync(restoredDatabase));
        await AssertConsistentAsync(restoredDatabase, run);

        var ids = await ArticlesOfRunAsync(restoredDatabase, run);
        var reader = restored.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        foreach (var (id, title) in new[] { ids[0], ids[^1] })
        {
            var page = await reader.GetAsync($"/articles/{id}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(WebUtility.HtmlEncode(title), await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var search = await reader.GetStringAsync($"/search?q={ids[^1].Title.Split(' ')[^1]}");
        Assert.Contains($"href=\"/articles/{ids[^1].Id}/", search, StringComparison.Ordinal);
    }

    [SqliteFact]
    public async Task Refuses_to_replace_an_existing_file_without_force()
    {
        var copy = Path.Combine(factory.DataDirectory, "existing.db");
        await File.WriteAllTextAsync(copy, "an older backup");

        var (exit, output, error) = await CommandLineRun.RunAsync(factory, ["backup", "--to", copy]);

        Assert.Equal(AdminCommandLine.UsageError, exit);
        Assert.Empty(output);
        Assert.Equal($"error: {copy} already exists. Add --force to replace it, or choose another name.", error.Trim());
        Assert.Equal("an older backup", await File.ReadAllTextAsync(copy));

        var (forced, forcedOutput, _) = await CommandLineRun.RunAsync(factory, ["backup", "--to", copy, "--force"]);

        Assert.Equal(AdminCommandLine.Succeeded, forced);
        Assert.Contains("Backed up " + LiveDatabase, forcedOutput, StringComparison.Ordinal);
        Assert.Equal(await CountRowsAsync(copy), PrintedRows(forcedOutput));
    }

    [SqliteFact]
    public async Task A_target_in_a_missing_folder_is_a_usage_error_that_names_the_folder()
    {
        var missing = Path.Combine(factory.DataDirectory, "no-such-folder");

        var (exit, output, error) = await CommandLineRun.RunAsync(factory, ["backup", "--to", Path.Combine(missing, "copy.db")]);

        Assert.Equal(AdminCommandLine.UsageError, exit);
        Assert.Empty(output);
        Assert.Equal($"error: The folder {missing} does not exist. Create it first, or give a path in a folder that exists.", error.Trim());
        Assert.False(Directory.Exists(missing));
    }

    [SqliteFact]
    public async Task A_stopped_backup_leaves_neither_the_target_nor_a_partial_file()
    {
        var copy = Path.Combine(factory.DataDirectory, "stopped.db");
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();

        var (exit, output, error) = await CommandLineRun.RunAsync(factory, ["backup", "--to", copy], cancellationToken: stopped.Token);

        Assert.Equal(AdminCommandLine.Interrupted, exit);
        Assert.Empty(output);
        Assert.Equal($"Backup stopped; {copy} was not written.", error.Trim());
        Assert.False(File.Exists(copy));
        Assert.Empty(Directory.GetFiles(factory.DataDirectory, "*.partial*"));
    }

    [SqliteFact]
    public async Task Refuses_to_copy_over_the_live_database_even_with_force()
    {
        var (exit, _, error) = await CommandLineRun.RunAsync(factory, ["backup", "--to", LiveDatabase, "--force"]);

        Assert.Equal(AdminCommandLine.UsageError, exit);
        Assert.Contains("is the app's own database", error, StringComparison.Ordinal);
    }

    [SqliteFact]
    public async Task Restore_refuses_while_the_app_has_the_database_open_and_changes_nothing()
    {
        var copy = Path.Combine(factory.DataDirectory, "for-refused-restore.db");
        Assert.Equal(AdminCommandLine.Succeeded, (await CommandLineRun.RunAsync(factory, ["backup", "--to", copy])).Exit);
        var articles = await factory.WithDbAsync(db => db.Articles.CountAsync());

        // The app holds a connection of its own open, as a serving app does; idle pooled connections alone would not
        // do, since other test classes clear every SQLite pool in this process when they end.
        await using var scope = factory.Services.CreateAsyncScope();
        var appDb = scope.ServiceProvider.GetRequiredService<NewsTrackerDbContext>();
        await appDb.Database.OpenConnectionAsync();
        var (exit, output, error) = await RunExecutableAsync(factory.DataDirectory, "restore", "--from", copy);
        await appDb.Database.CloseConnectionAsync();

        Assert.Equal(AdminCommandLine.UsageError, exit);
        Assert.Empty(output);
        Assert.Contains($"error: {LiveDatabase} is in use", error, StringComparison.Ordinal);
        Assert.Contains("Stop the app, then run restore again.", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(factory.DataDirectory, "before-restore-*"));
        Assert.Equal(articles, await factory.WithDbAsync(db => db.Articles.CountAsync()));
    }

    [SqliteFact]
    public async Task Restore_checks_the_backup_first_and_leaves_the_database_alone_when_it_is_not_one()
    {
        var notADatabase = Path.Combine(factory.DataDirectory, "not-a-database.db");
        await File.WriteAllTextAsync(notADatabase, new string('x', 8192));
        using var target = new NewsTrackerFactory();

        var (exit, output, _) = await RunExecutableAsync(target.DataDirectory, "restore", "--from", notADatabase);

        Assert.Equal(AdminCommandLine.SomeFailed, exit);
        Assert.Contains($"{notADatabase} failed its checks", output, StringComparison.Ordinal);
        Assert.Contains("file is not a database", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(target.DataDirectory, "before-restore-*"));
        Assert.Empty(Directory.GetFiles(target.DataDirectory, "*.partial*"));
    }

    private async Task WriteArticleAndTagAsync(Editor editor, string run, int number)
    {
        var title = $"Harbour board report {run} {number} w{run}n{number}";
        var result = await factory.SendAsync(new IngestArticle.Command
        {
            Text = $"{title}\n\nThe Harbour Board met on Tuesday and approved dredging number {number}. Councillors asked for a second survey.",
            Origin = "test",
        });
        var text = await factory.WithDbAsync(db => db.ArticleVersions
            .Where(v => v.ArticleId == result.ArticleId && v.Number == result.Version).Select(v => v.PlainText).SingleAsync());
        var start = text.IndexOf("Harbour Board", StringComparison.Ordinal);
        await factory.SendAsAsync(editor, new Tags.Create(result.ArticleId, null, AnnotationKind.ActorMention, start, start + "Harbour Board".Length,
            "Harbour Board", NewActor: new Actors.NewActor($"Harbour Board {run} {number}", ActorKind.Organisation)));
    }

    private static async Task WhenWrittenAsync(Func<bool> done, Task writer)
    {
        while (!done())
        {
            if (writer.IsCompleted)
            {
                await writer;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>No half article: every article has its current version with its text; no dangling foreign key;
    /// no tag without its article. (The search index is not in a backup: it is rebuilt from these rows.)</summary>
    private static async Task AssertConsistentAsync(string path, string run)
    {
        await using var connection = await OpenAsync(path, SqliteOpenMode.ReadWrite);
        Assert.Equal("ok", await ScalarAsync<string>(connection, "PRAGMA integrity_check;"));
        Assert.Null(await ScalarAsync<object>(connection, "PRAGMA foreign_key_check;"));
        Assert.Equal(0L, await ScalarAsync<long>(connection, """
            SELECT COUNT(*) FROM "Articles" AS a
            WHERE NOT EXISTS (SELECT 1 FROM "ArticleVersions" AS v WHERE v."ArticleId" = a."Id" AND v."Number" = a."CurrentVersion");
            """));

        var articles = await ArticlesOfRunAsync(path, run);
        Assert.NotEmpty(articles);
        foreach (var (id, title) in articles)
        {
            var text = await ScalarAsync<string?>(connection, $"SELECT v.\"PlainText\" FROM \"ArticleVersions\" AS v JOIN \"Articles\" AS a ON a.\"Id\" = v.\"ArticleId\" AND v.\"Number\" = a.\"CurrentVersion\" WHERE a.\"Id\" = {id};");
            Assert.False(string.IsNullOrEmpty(text), $"article {id} ({title}) has no text");
        }

        // The writer ingests, then tags, one article at a time: only the last article may lack its tag.
        var tagged = await ScalarAsync<long>(connection, $"SELECT COUNT(*) FROM \"Annotations\" AS n JOIN \"Articles\" AS a ON a.\"Id\" = n.\"ArticleId\" WHERE a.\"Title\" LIKE '%{run}%';");
        Assert.InRange(tagged, articles.Count - 1, articles.Count);
    }

    private static async Task<List<(long Id, string Title)>> ArticlesOfRunAsync(string path, string run)
    {
        await using var connection = await OpenAsync(path, SqliteOpenMode.ReadOnly);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"Id\", \"Title\" FROM \"Articles\" WHERE \"Title\" LIKE '%{run}%' ORDER BY \"Id\";";
        await using var reader = await command.ExecuteReaderAsync();
        var articles = new List<(long, string)>();
        while (await reader.ReadAsync())
        {
            articles.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return articles;
    }

    private static async Task<Dictionary<string, long>> CountRowsAsync(string path)
    {
        await using var connection = await OpenAsync(path, SqliteOpenMode.ReadOnly);
        var counts = new Dictionary<string, long>();
        foreach (var table in DatabaseBackup.MainTables)
        {
            counts[table] = await ScalarAsync<long>(connection, $"SELECT COUNT(*) FROM \"{table}\";");
        }

        return counts;
    }

    private static Dictionary<string, long> PrintedRows(string output) =>
        DatabaseBackup.MainTables.ToDictionary(table => table, table => long.Parse(
            Regex.Match(output, $@"^\s+{table}\s+(\d+)\s*$", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture));

    private static async Task<SqliteConnection> OpenAsync(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)value;
    }

    /// <summary>The real executable, as an operator runs it (its own process, so its locks are its own).</summary>
    private static async Task<(int Exit, string Output, string Error)> RunExecutableAsync(string dataDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Storage__DataDirectory"] = dataDirectory },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NewsTracker.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output, await error);
    }
}
