namespace NewsTracker.Web.Charts;

/// <summary>Counts per calendar month made continuous for a bar chart: every month from the first to the last,
/// an empty one where nothing happened, and only the most recent few.</summary>
public static class MonthSeries
{
    /// <param name="counts">One entry per month that has something, <paramref name="month"/> giving its first day.</param>
    /// <param name="empty">The entry for a month with nothing.</param>
    public static List<T> Continuous<T>(IEnumerable<T> counts, Func<T, DateTime> month, Func<DateTime, T> empty, int maxMonths)
    {
        var byMonth = counts.ToDictionary(month);
        if (byMonth.Count == 0)
        {
            return [];
        }

        var last = byMonth.Keys.Max();
        var first = byMonth.Keys.Min();
        if (first < last.AddMonths(1 - maxMonths))
        {
            first = last.AddMonths(1 - maxMonths);
        }

        var months = new List<T>();
        for (var current = first; current <= last; current = current.AddMonths(1))
        {
            months.Add(byMonth.TryGetValue(current, out var count) ? count : empty(current));
        }

        return months;
    }
}
