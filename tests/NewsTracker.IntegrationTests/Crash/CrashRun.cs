using System.Globalization;
using Microsoft.Data.Sqlite;
using NewsTracker.Web.Data;
using Xunit.Abstractions;

namespace NewsTracker.IntegrationTests.Crash;

/// <summary>
/// What the crash tests share: a data directory, a seeded random source printed so a failure can be replayed
/// (set <c>NEWSTRACKER_CRASH_SEED</c> to the printed seed), and the database checks run on the file the killed
/// process left behind, in this process, before anything else opens it.
/// </summary>
internal sealed class CrashRun : IDisposable
{
    public const string SeedVariable = "NEWSTRACKER_CRASH_SEED";

    private readonly ITestOutputHelper _log;

    public CrashRun(ITestOutputHelper log, string name)
    {
        _log = log;
        Seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next();
        Random = new Random(Seed);
        DataDirectory = Path.Combine(Path.GetTempPath(), "newstracker-tests", "crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        Log($"{name}: seed {Seed} (replay with {SeedVariable}={Seed}), data in {DataDirectory}");
    }

    public int Seed { get; }

    public Random Random { get; }

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, DatabaseRegistration.DatabaseFileName);

    /// <summary>Prefix for assertion messages: the seed that reproduces the run.</summary>
    public string Replay => $"[{SeedVariable}={Seed}]";

    public void Log(string message) => _log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {message}");

    /// <summary>A connection to the database file, not pooled, so it lets go of the file when closed.</summary>
    public async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false, ForeignKeys = true }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs every <see cref="DatabaseIntegrity"/> check and fails with the ones that did not pass.</summary>
    public async Task AssertSoundAsync(string after)
    {
        await using var connection = await OpenAsync();
        var report = await DatabaseIntegrity.CheckAsync(connection, CancellationToken.None);
        var failed = report.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}").ToList();
        Assert.True(failed.Count == 0, $"{Replay} after {after} the database checks failed:\n{string.Join('\n', failed)}");
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A data directory left in the temp folder is harmless; the test's result is what matters.
        }
    }
}
