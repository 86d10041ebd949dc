using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsTracker.Benchmarks;

/// <summary>Time spent in each distinct SQL command the pipeline runs (<c>--import N --profile</c>), to see where
/// a slow import goes; dotnet-counters and a profiler are not available on the benchmark machine.</summary>
public sealed class CommandTimings : DbCommandInterceptor
{
    private const int ShownCommands = 12;
    private const int ShownSqlLength = 160;

    private readonly ConcurrentDictionary<string, (int Count, double Milliseconds)> _totals = new(StringComparer.Ordinal);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Started.Value = Stopwatch.GetTimestamp();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(command.CommandText);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Started.Value = Stopwatch.GetTimestamp();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(command.CommandText);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Started.Value = Stopwatch.GetTimestamp();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Record(command.CommandText);
        return ValueTask.FromResult(result);
    }

    private static readonly AsyncLocal<long> Started = new();

    /// <summary>Whole SaveChanges calls (change detection, command building and all their SQL).</summary>
    public SaveChangesTimings SaveChanges { get; } = new();

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("SQL time by command (executing until the reader is returned, so reads of large results are not all counted):");
        foreach (var (sql, (count, milliseconds)) in _totals.OrderByDescending(t => t.Value.Milliseconds).Take(ShownCommands))
        {
            var flat = string.Join(' ', sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{milliseconds,9:0} ms {count,7}x  {flat[..Math.Min(flat.Length, ShownSqlLength)]}"));
        }

        Console.WriteLine(SaveChanges);
    }

    private void Record(string sql)
    {
        var elapsed = Stopwatch.GetElapsedTime(Started.Value).TotalMilliseconds;
        _totals.AddOrUpdate(sql, (1, elapsed), (_, total) => (total.Count + 1, total.Milliseconds + elapsed));
    }

    /// <summary>Times SaveChanges from start to finish.</summary>
    public sealed class SaveChangesTimings : SaveChangesInterceptor
    {
        private static readonly AsyncLocal<long> SaveStarted = new();
        private long _ticks;
        private int _count;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            SaveStarted.Value = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - SaveStarted.Value);
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{_ticks * 1000.0 / Stopwatch.Frequency,9:0} ms {_count,7}x  SaveChanges (whole call, SQL included)");
    }
}
