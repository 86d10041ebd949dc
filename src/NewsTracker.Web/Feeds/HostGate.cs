namespace NewsTracker.Web.Feeds;

/// <summary>At most one request at a time per host, across every feed being polled and every article
/// page fetched for them: a site with many feeds is not hit by several at once.</summary>
public sealed class HostGate
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for <paramref name="host"/>'s turn; dispose the result to pass it on.</summary>
    public async Task<IDisposable> EnterAsync(string host, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(host, out gate!))
            {
                gate = new Gate();
                _gates[host] = gate;
            }

            gate.Users++;
        }

        try
        {
            await gate.Turn.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(host, gate, entered: false);
            throw;
        }

        return new Pass(this, host, gate);
    }

    /// <summary>True while a request to <paramref name="host"/> is under way or waiting.</summary>
    public bool IsBusy(string host)
    {
        lock (_gates)
        {
            return _gates.ContainsKey(host);
        }
    }

    private void Leave(string host, Gate gate, bool entered)
    {
        if (entered)
        {
            gate.Turn.Release();
        }

        lock (_gates)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(host);
                gate.Turn.Dispose();
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Pass(HostGate owner, string host, Gate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(host, gate, entered: true);
            }
        }
    }
}
