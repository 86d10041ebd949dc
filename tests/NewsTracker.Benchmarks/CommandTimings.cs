using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsTracker.Benchmarks;

/// <summary>Time spent in each distinct SQL command the pipeline runs (<c>--import N --profile</c>), to see where
/// a slow import goes; dotnet-counters and a profiler are not available on the benchmark machine.</summary>
public sealed class CommandTimings : DbCommandInterceptor
{
    private const int ShownCommands = 12;
    private const int ShownSqlLength = 160;

    private readonly ConcurrentDictionary<string, (int Count, double Milliseconds)> _totals = new(StringComparer.Ordinal);

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(command.CommandText, eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(command.CommandText, eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Record(command.CommandText, eventData.Duration);
        return ValueTask.FromResult(result);
    }

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

    // EF's own measure of each command: a timestamp kept in an AsyncLocal from "executing" to "executed" does not
    // survive EF's async calls, and read as the time since the machine started.
    private void Record(string sql, TimeSpan duration)
    {
        var elapsed = duration.TotalMilliseconds;
        _totals.AddOrUpdate(sql, (1, elapsed), (_, total) => (total.Count + 1, total.Milliseconds + elapsed));
    }

    /// <summary>Times SaveChanges from start to finish.</summary>
    public sealed class SaveChangesTimings : SaveChangesInterceptor
    {
        private readonly ConditionalWeakTable<DbContext, StrongBox<long>> _started = [];
        private long _ticks;
        private int _count;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } context)
            {
                _started.AddOrUpdate(context, new StrongBox<long>(Stopwatch.GetTimestamp()));
            }

            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } context && _started.TryGetValue(context, out var started))
            {
                Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - started.Value);
                Interlocked.Increment(ref _count);
            }

            return ValueTask.FromResult(result);
        }

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{_ticks * 1000.0 / Stopwatch.Frequency,9:0} ms {_count,7}x  SaveChanges (whole call, SQL included)");
    }
}
