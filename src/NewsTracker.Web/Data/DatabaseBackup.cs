using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace NewsTracker.Web.Data;

/// <summary>
/// Copies, checks and swaps SQLite database files for the <c>backup</c> and <c>restore</c> commands, and says
/// how to do the same with PostgreSQL's own tools. The copy is taken with <c>VACUUM INTO</c>: one read
/// transaction, so it is a consistent snapshot that the app's WAL writers neither block nor disturb, written
/// compacted to a new file.
/// </summary>
public static partial class DatabaseBackup
{
    /// <summary>The tables whose row counts the summary shows: the newsroom's work, not the account tables.</summary>
    public static readonly IReadOnlyList<string> MainTables =
        ["Articles", "ArticleVersions", "Annotations", "Claims", "Actors", "Topics", "Feeds", "AuditEntries"];

    /// <summary>The database file and the journal files SQLite keeps beside it, which belong with it.</summary>
    private static readonly string[] DatabaseFileSuffixes = ["", "-wal", "-shm", "-journal"];


    /// <summary>SQLite's "database is locked" and "table is locked": another connection holds the file.</summary>
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>"Database disk image is malformed" and "file is not a database": nothing can be using it as a database.</summary>
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>A name in the target's folder for the copy while it is written and checked, so a reader of the
    /// target never sees a half-written file and the final rename stays on one file system.</summary>
    public static string TemporaryPathBeside(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");

    /// <summary>The database file a SQLite connection string points at, as a full path.</summary>
    public static string DatabasePath(string connectionString) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    /// <summary>Bytes the copy will take, about: the live pages without the free list, as <c>VACUUM</c> drops it.</summary>
    public static async Task<long> ExpectedSizeAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var pages = await ScalarAsync(connection, "PRAGMA page_count;", cancellationToken) - await ScalarAsync(connection, "PRAGMA freelist_count;", cancellationToken);
        return pages * await ScalarAsync(connection, "PRAGMA page_size;", cancellationToken);
    }

    /// <summary>Writes a snapshot of the live database to <paramref name="path"/>, which must not exist yet.
    /// Cancelling interrupts SQLite mid-copy; the caller removes the partial file.</summary>
    public static async Task VacuumIntoAsync(string connectionString, string path, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $path;";
        command.Parameters.AddWithValue("$path", path);

        // Microsoft.Data.Sqlite does not stop a running statement on cancellation; sqlite3_interrupt does.
        await using var interrupt = cancellationToken.Register(() => SQLitePCL.raw.sqlite3_interrupt(connection.Handle));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    /// <summary>
    /// Checks a database file nobody else is using with every check of <see cref="DatabaseIntegrity"/> (SQLite's
    /// <c>integrity_check</c> and the app's own invariants), then counts the main tables. Nothing in it is changed.
    /// The search index is not in a backup: it is rebuilt from the articles (<c>search rebuild</c>, or at start).
    /// </summary>
    public static async Task<CopyReport> VerifyAsync(string path, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var counts = new List<KeyValuePair<string, long>>();
        var checks = 0;
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        await using (var connection = new SqliteConnection(builder.ToString()))
        {
            await connection.OpenAsync(cancellationToken);
            try
            {
                var report = await DatabaseIntegrity.CheckAsync(connection, cancellationToken);
                checks = report.Checks.Count;
                problems.AddRange(report.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}"));
            }
            catch (SqliteException e)
            {
                problems.Add("the copy could not be read: " + e.Message);
            }

            if (problems.Count == 0)
            {
                foreach (var table in MainTables)
                {
                    counts.Add(new(table, await ScalarAsync(connection, $"SELECT COUNT(*) FROM \"{table}\";", cancellationToken)));
                }
            }
        }

        return new CopyReport(path, new FileInfo(path).Length, problems, counts, checks);
    }

    /// <summary>
    /// Makes sure no process has the database open and folds its WAL into the main file, so it can be moved as
    /// one file. Leaving WAL mode needs an exclusive lock, which SQLite cannot get while another connection
    /// (a running app) has the WAL open: that is the "still running" test. False when the file is in use.
    /// </summary>
    public static async Task<bool> TryTakeOfflineAsync(string databasePath, CancellationToken cancellationToken)
    {
        if (!File.Exists(databasePath))
        {
            return true;
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 1 };
        await using var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = DELETE;";
            return string.Equals(await command.ExecuteScalarAsync(cancellationToken) as string, "delete", StringComparison.OrdinalIgnoreCase);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            return false;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            // A broken database is what a restore is for; it is moved aside as it is.
            return true;
        }
    }

    /// <summary>Moves the database and whatever journal files it has into a new folder beside it, keeping their
    /// names so the set still opens together. Returns the folder, or null when there was nothing to move.</summary>
    public static string? MoveAside(string databasePath, DateTime utcNow)
    {
        var files = DatabaseFileSuffixes.Select(suffix => databasePath + suffix).Where(File.Exists).ToList();
        if (files.Count == 0)
        {
            return null;
        }

        var folder = Path.Combine(Path.GetDirectoryName(databasePath)!, "before-restore-" + utcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            File.Move(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    /// <summary>What to run instead on PostgreSQL: <c>pg_dump</c> and <c>pg_restore</c> with the host, port,
    /// database and user of the app's connection string. The password is never printed.</summary>
    public static string PostgresGuidance(string connectionString, string? dumpFile)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var target = new StringBuilder();
        target.Append(" --host=").Append(ShellQuote(string.IsNullOrWhiteSpace(settings.Host) ? "localhost" : settings.Host));
        target.Append(" --port=").Append(settings.Port.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrWhiteSpace(settings.Username))
        {
            target.Append(" --username=").Append(ShellQuote(settings.Username));
        }

        if (!string.IsNullOrWhiteSpace(settings.Database))
        {
            target.Append(" --dbname=").Append(ShellQuote(settings.Database));
        }

        var file = ShellQuote(dumpFile ?? "newstracker.dump");
        return $"""
            The database is PostgreSQL: this command copies SQLite files only. Use PostgreSQL's own tools.

            Back up (a consistent snapshot; the app can keep running):
              pg_dump --format=custom{target} --file={file}

            Restore (stop the app first; --clean drops and recreates NewsTracker's tables in that database):
              pg_restore --clean --if-exists --no-owner --exit-on-error{target} {file}

            The password is not shown here: pg_dump and pg_restore ask for it, or read PGPASSWORD or ~/.pgpass.

            """;
    }

    private static string ShellQuote(string value) =>
        PlainShellWord().IsMatch(value) ? value : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^[A-Za-z0-9_./:@%+=,-]+$")]
    private static partial Regex PlainShellWord();
}

/// <summary>The result of checking a copy: its size, anything wrong, and the main tables' row counts.</summary>
public sealed record CopyReport(string Path, long Bytes, IReadOnlyList<string> Problems, IReadOnlyList<KeyValuePair<string, long>> Rows, int Checks)
{
    public bool Passed => Problems.Count == 0;

    /// <summary>The summary the commands print: checks, size, one line per table.</summary>
    public async Task WriteAsync(TextWriter output)
    {
        if (!Passed)
        {
            foreach (var problem in Problems)
            {
                await output.WriteLineAsync("  " + problem);
            }

            return;
        }

        await output.WriteLineAsync("  integrity_check: ok");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  all {Checks} checks of the check command passed"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  size: {Bytes / 1024.0 / 1024.0:0.0} MiB ({Bytes} bytes)"));
        var width = Rows.Max(r => r.Key.Length);
        foreach (var (table, rows) in Rows)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {table.PadRight(width)}  {rows,10}"));
        }
    }
}
