using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsTracker.Web.Data;

/// <summary>Per-connection SQLite settings, applied every time a pooled connection opens.
/// WAL itself is persistent in the file and set once by <see cref="DatabaseStartup"/>.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    // busy_timeout lets SQLite's own handler wait (in small steps) for a writer instead of failing at once;
    // synchronous=NORMAL is durable against process crashes in WAL mode and avoids an fsync per commit.
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

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
