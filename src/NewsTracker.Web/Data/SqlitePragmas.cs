using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsTracker.Web.Data;

/// <summary>Per-connection SQLite settings, applied every time a pooled connection opens.
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

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
