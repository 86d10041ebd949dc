using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsTracker.Web.Hosting;

/// <summary>Records how long each database command took (EF Core measures it; this only passes it on), for
/// <c>newstracker_db_command_duration_seconds</c>. Stateless, so one instance serves every context.</summary>
public sealed class DbCommandMetrics : DbCommandInterceptor
{
    public static readonly DbCommandMetrics Instance = new();

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        NewsTrackerMetrics.RecordDbCommand("query", eventData.Duration, failed: false);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        NewsTrackerMetrics.RecordDbCommand("query", eventData.Duration, failed: false);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        NewsTrackerMetrics.RecordDbCommand("scalar", eventData.Duration, failed: false);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        NewsTrackerMetrics.RecordDbCommand("scalar", eventData.Duration, failed: false);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        NewsTrackerMetrics.RecordDbCommand("non_query", eventData.Duration, failed: false);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NewsTrackerMetrics.RecordDbCommand("non_query", eventData.Duration, failed: false);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        NewsTrackerMetrics.RecordDbCommand(Kind(eventData.ExecuteMethod), eventData.Duration, failed: true);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        NewsTrackerMetrics.RecordDbCommand(Kind(eventData.ExecuteMethod), eventData.Duration, failed: true);
        return Task.CompletedTask;
    }

    private static string Kind(DbCommandMethod method) => method switch
    {
        DbCommandMethod.ExecuteReader => "query",
        DbCommandMethod.ExecuteScalar => "scalar",
        _ => "non_query",
    };
}
