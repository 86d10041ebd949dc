using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsTracker.Web.Data;

/// <summary>Per-connection SQLite settings, applied once to each SQLite connection handle when it first opens.
/// WAL itself is persistent in the file and set once by <see cref="DatabaseStartup"/>.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    // busy_timeout lets SQLite's own handler wait (in small steps) for a writer instead of failing at once;
    // synchronous=NORMAL is durable against process crashes in WAL mode and avoids an fsync per commit.
    // mmap_size lets reads use the operating system's page cache directly instead of a read() and a copy
    // into each connection's small page cache: search joins up to a thousand matches to Articles at random
    // places in the file, and that was the largest cost of a search after the match itself. It is address
    // space, not memory, and shared by every pooled connection; writes still go through the WAL.
    /// <summary>Run on every connection as it opens (the search benchmark's raw connection runs the same).</summary>
    internal const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 1073741824;";

    // EF opens and closes the connection around every query, and a page runs several, so running the pragmas on each
    // open cost a statement per query. The settings belong to the handle, which the pool keeps between opens: the
    // handles already configured are remembered (weakly, so a handle the pool closes is forgotten with it).
    private static readonly ConditionalWeakTable<object, object> Configured = new();

    private static readonly object Done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsConfigured(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsConfigured(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    private static bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Configured.AddOrUpdate(handle, Done);
        }
    }
}
