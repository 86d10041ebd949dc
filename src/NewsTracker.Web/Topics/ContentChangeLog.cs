using System.Collections.Concurrent;

namespace NewsTracker.Web.Topics;

/// <summary>
/// The content changes this instance wrote itself (their <c>ContentChanges</c> ids), so the shared invalidation
/// loop does not evict a second time what <see cref="CacheEvictingMediator"/> already evicted when the command
/// committed. One per process.
/// </summary>
public sealed class ContentChangeLog
{
    private readonly ConcurrentDictionary<long, DateTime> written = new();

    /// <summary>Called by the DbContext once a save has given the row its id, before the commit, so the loop
    /// knows a row is ours by the time it can see it.</summary>
    public void Wrote(long id, DateTime changedUtc) => written.TryAdd(id, changedUtc);

    /// <summary>True when <paramref name="id"/> was written by this instance; forgets it either way.</summary>
    public bool TakeIfOurs(long id) => written.TryRemove(id, out _);

    /// <summary>Forgets what is too old for the loop to look for any more (changes whose transaction rolled back
    /// never show up, so they would otherwise stay).</summary>
    public void ForgetBefore(DateTime cutoffUtc)
    {
        foreach (var (id, at) in written)
        {
            if (at < cutoffUtc)
            {
                written.TryRemove(id, out _);
            }
        }
    }
}
