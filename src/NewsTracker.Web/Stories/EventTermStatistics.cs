using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Data;

namespace NewsTracker.Web.Stories;

/// <summary>
/// The corpus statistics event clustering weighs terms by, held in memory for the process: read from
/// <c>EventTermCounts</c> once, then counted as this process stores articles, and read again from the table
/// every <see cref="RefreshAfter"/> to take in what other instances stored (and forget a count of an ingest that
/// rolled back). Reading the counts of some fifty terms per article, and of every term of forty candidates, cost
/// more than the rest of clustering together at 100 000 articles (docs/benchmarks.md).
/// </summary>
public sealed class EventTermStatistics(TimeProvider clock) : EventMatcher.IStatistics, IDisposable
{
    /// <summary>How stale the counts may grow before they are read again. A term's weight moves by a fraction of a
    /// per cent when another instance stores a few hundred articles, so a minute changes no decision that matters.</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private DateTimeOffset? _loadedAt;

    public int Articles => _counts.GetValueOrDefault(string.Empty);

    public int ArticlesWith(string term) => _counts.GetValueOrDefault(term);

    /// <summary>The statistics, read from the table first when they never were or are older than <see cref="RefreshAfter"/>.</summary>
    public async Task<EventMatcher.IStatistics> CurrentAsync(NewsTrackerDbContext db, CancellationToken cancellationToken)
    {
        if (_loadedAt is { } loaded && clock.GetUtcNow() - loaded < RefreshAfter)
        {
            return this;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loadedAt is not { } again || clock.GetUtcNow() - again >= RefreshAfter)
            {
                var counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
                await foreach (var row in db.EventTermCounts.AsNoTracking().Select(c => new { c.Term, c.Articles }).AsAsyncEnumerable().WithCancellation(cancellationToken))
                {
                    counts[row.Term] = row.Articles;
                }

                _counts = counts;
                _loadedAt = clock.GetUtcNow();
            }
        }
        finally
        {
            _loading.Release();
        }

        return this;
    }

    /// <summary>One more article for each term and in all (the empty term), as <c>EventTermCounts</c> was just told.</summary>
    public void Count(IEnumerable<string> terms)
    {
        var counts = _counts;
        foreach (var term in terms.Append(string.Empty).Distinct(StringComparer.Ordinal))
        {
            counts.AddOrUpdate(term, 1, static (_, n) => n + 1);
        }
    }

    public void Dispose() => _loading.Dispose();
}
