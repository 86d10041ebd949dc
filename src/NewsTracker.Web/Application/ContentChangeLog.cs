using System.Collections.Concurrent;

namespace NewsTracker.Web.Application;

/// <summary>
/// The content changes this instance wrote itself (their <c>ContentChanges</c> ids), so the shared invalidation
/// loop does not evict a second time what <see cref="ContentChangedBehavior{TRequest, TResponse}"/> had evicted when the command
/// committed. One per process.
/// </summary>
public sealed class ContentChangeLog
{
    private readonly ConcurrentDictionary<long, byte> _written = new();

    /// <summary>Called by <see cref="AuditingInterceptor"/> once a save has given the row its id, before the commit, so the loop
    /// knows a row is ours by the time it can see it.</summary>
    public void Wrote(long id) => _written.TryAdd(id, 0);

    /// <summary>True when <paramref name="id"/> was written by this instance; forgets it either way.</summary>
    public bool TakeIfOurs(long id) => _written.TryRemove(id, out _);

    /// <summary>Forgets ids the loop will never look at again (a change whose transaction rolled back never shows
    /// up, so it would otherwise stay).</summary>
    public void ForgetUpTo(long id)
    {
        foreach (var key in _written.Keys)
        {
            if (key <= id)
            {
                _written.TryRemove(key, out _);
            }
        }
    }
}
