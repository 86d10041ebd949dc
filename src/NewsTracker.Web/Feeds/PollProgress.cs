namespace NewsTracker.Web.Feeds;

/// <summary>What polling is doing right now, for the feeds page: the run under way (feeds claimed, checked,
/// in flight, articles added, failures) or, between runs, how the last one ended. Kept in memory: a run
/// belongs to this process.</summary>
public sealed class PollProgress(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, string> _inFlight = [];
    private Snapshot.Run? _current;
    private Snapshot.Run? _last;

    /// <summary>A copy for display: the run under way (null when idle) and the last finished one.</summary>
    public Snapshot Read()
    {
        lock (_lock)
        {
            return new Snapshot(_current is null ? null : _current with { InFlight = [.. _inFlight.Values.Order(StringComparer.CurrentCulture)] }, _last);
        }
    }

    internal void Claimed(int count)
    {
        lock (_lock)
        {
            _current ??= new Snapshot.Run(clock.GetUtcNow().UtcDateTime, null, 0, 0, 0, 0, []);
            _current = _current with { Claimed = _current.Claimed + count };
        }
    }

    internal void Started(int feedId, string title)
    {
        lock (_lock)
        {
            _inFlight[feedId] = title;
        }
    }

    internal void Finished(int feedId, int articlesAdded, bool failed)
    {
        lock (_lock)
        {
            _inFlight.Remove(feedId);
            if (_current is not null)
            {
                _current = _current with
                {
                    Checked = _current.Checked + 1,
                    ArticlesAdded = _current.ArticlesAdded + articlesAdded,
                    Failed = _current.Failed + (failed ? 1 : 0),
                };
            }
        }
    }

    /// <summary>The run ends when nothing is due and nothing is in flight.</summary>
    internal void Idle()
    {
        lock (_lock)
        {
            if (_current is not null && _inFlight.Count == 0)
            {
                _last = _current with { FinishedUtc = clock.GetUtcNow().UtcDateTime };
                _current = null;
            }
        }
    }

    /// <summary>A copy of the progress at one moment.</summary>
    public sealed record Snapshot(Snapshot.Run? Current, Snapshot.Run? Last)
    {
        /// <summary>One run of the poller, from the first feed it found due until nothing was.</summary>
        public sealed record Run(DateTime StartedUtc, DateTime? FinishedUtc, int Claimed, int Checked, int ArticlesAdded, int Failed, IReadOnlyList<string> InFlight);
    }
}
