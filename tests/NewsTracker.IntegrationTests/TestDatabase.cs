using Microsoft.Data.Sqlite;
using NewsTracker.Web.Data;
using Npgsql;

namespace NewsTracker.IntegrationTests;

/// <summary>
/// The database a test host runs on. SQLite by default: a file in the host's data directory. With
/// <c>NEWSTRACKER_TEST_DATABASE=postgres</c> every host gets a fresh, empty PostgreSQL database of its own
/// (the app migrates it at start, as in production) on the server named by <c>NEWSTRACKER_TEST_POSTGRES</c>,
/// and it is dropped when the host is disposed. A PostgreSQL database belongs to a data directory (its name is
/// kept in a file there), so a host started again on the same directory, as restart tests do, finds the same data.
/// <c>.ci/run</c> runs the integration tests once per provider.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string ProviderVariable = "NEWSTRACKER_TEST_DATABASE";
    public const string ServerVariable = "NEWSTRACKER_TEST_POSTGRES";
    public const string RequireVariable = "NEWSTRACKER_REQUIRE_POSTGRES";

    /// <summary>The server the tests use unless told otherwise: what <c>.ci/postgres</c> sets up on loopback.</summary>
    public const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=newstracker;Password=newstracker;Timeout=5";

    private static readonly Lazy<string?> ServerProblem = new(ProbeServer);

    private readonly string? _postgresDatabase;

    private TestDatabase(DatabaseProvider provider, string? postgresDatabase, IReadOnlyDictionary<string, string?> settings)
    {
        Provider = provider;
        _postgresDatabase = postgresDatabase;
        Settings = settings;
    }

    /// <summary>The provider this test run uses for its hosts.</summary>
    public static DatabaseProvider RunProvider { get; } =
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } configured ? configured : DefaultServer;

    /// <summary>Why a test of <paramref name="provider"/> only is skipped in this run, or null when it runs.</summary>
    public static string? SkipUnless(DatabaseProvider provider) =>
        RunProvider == provider ? null
        : provider == DatabaseProvider.Sqlite ? "SQLite only: this run uses PostgreSQL; the SQLite pass covers it."
        : "PostgreSQL only: this run uses SQLite; the PostgreSQL pass covers it.";

    /// <summary>Null when a PostgreSQL server answers; otherwise why not.</summary>
    public static string? PostgresUnavailableReason => ServerProblem.Value;

    public DatabaseProvider Provider { get; }

    /// <summary>Host settings that point the app at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>The connection string the app uses (PostgreSQL only).</summary>
    public string? ConnectionString => Settings.TryGetValue("ConnectionStrings:Default", out var value) ? value : null;

    /// <summary>The database of the host whose data directory is <paramref name="dataDirectory"/>: created on
    /// first use, found again by a later host on the same directory.</summary>
    public static TestDatabase ForDataDirectory(DatabaseProvider provider, string dataDirectory)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(provider, null, new Dictionary<string, string?>());
        }

        var marker = Path.Combine(dataDirectory, "postgres-database.txt");
        if (File.Exists(marker))
        {
            return Postgres(File.ReadAllText(marker).Trim());
        }

        var database = CreatePostgres();
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(marker, database._postgresDatabase);
        return database;
    }

    /// <summary>A new, empty PostgreSQL database, for tests that start several hosts on one database.</summary>
    public static TestDatabase CreatePostgres()
    {
        if (PostgresUnavailableReason is { } problem)
        {
            throw new InvalidOperationException($"A test needs PostgreSQL, but {problem}");
        }

        var name = $"nt_test_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE \"{name}\"");
        return Postgres(name);
    }

    private static TestDatabase Postgres(string name)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
        return new TestDatabase(DatabaseProvider.Postgres, name, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = connectionString,
        });
    }

    /// <summary>Lets go of the database; a PostgreSQL one is dropped.</summary>
    public void Dispose()
    {
        if (_postgresDatabase is null)
        {
            SqliteConnection.ClearAllPools();
            return;
        }

        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)");
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? ProbeServer()
    {
        try
        {
            Execute("SELECT 1");
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or ArgumentException)
        {
            return $"no PostgreSQL server answered at '{Redacted(ServerConnectionString)}' ({ex.Message}). Run .ci/postgres to set one up on loopback, or set {ServerVariable}.";
        }
    }

    private static string Redacted(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ConnectionString;
}

/// <summary>A test that needs a PostgreSQL server whatever provider the run uses (e.g. two instances on one
/// database). Skipped with the reason when none answers, unless <c>NEWSTRACKER_REQUIRE_POSTGRES=1</c> (CI sets
/// it), in which case it runs and fails.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(TestDatabase.RequireVariable) != "1" && TestDatabase.PostgresUnavailableReason is { } reason)
        {
            Skip = $"Needs PostgreSQL: {reason}";
        }
    }
}

/// <summary>A test of something only SQLite has (the file, its pragmas, FTS5 plans). It runs in the SQLite pass
/// and is skipped in the PostgreSQL pass, which has its own tests for the equivalents.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute() => Skip = TestDatabase.SkipUnless(DatabaseProvider.Sqlite);
}

/// <summary>The theory form of <see cref="SqliteFactAttribute"/>: SQLite-only cases (FTS5 query plans, crash checks).</summary>
public sealed class SqliteTheoryAttribute : TheoryAttribute
{
    public SqliteTheoryAttribute() => Skip = TestDatabase.SkipUnless(DatabaseProvider.Sqlite);
}

/// <summary>The PostgreSQL counterpart of <see cref="SqliteTheoryAttribute"/>: cases about what only PostgreSQL has
/// (its query plans), run in the PostgreSQL pass and skipped in the SQLite pass.</summary>
public sealed class PostgresOnlyTheoryAttribute : TheoryAttribute
{
    public PostgresOnlyTheoryAttribute() => Skip = TestDatabase.SkipUnless(DatabaseProvider.Postgres);
}

/// <summary>The fact form of <see cref="PostgresOnlyTheoryAttribute"/>: run in the PostgreSQL pass only (a test of
/// PostgreSQL's concurrency that is too long to run twice).</summary>
public sealed class PostgresOnlyFactAttribute : FactAttribute
{
    public PostgresOnlyFactAttribute() => Skip = TestDatabase.SkipUnless(DatabaseProvider.Postgres);
}
