namespace NewsTracker.Web.Feeds;

/// <summary>At most one request at a time per host, across every feed being polled and every article page fetched
/// for them: a site with many feeds is not hit by several at once. Within an instance the requests for a host queue
/// here; the one at the front then takes the host's lease (<see cref="HostLeases"/>, when given), which the other
/// instances on the database respect, so the limit holds across all of them.</summary>
public sealed class HostGate(HostLeases? leases = null)
{
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    /// <summary>Waits for <paramref name="host"/>'s turn; dispose the result to pass it on.</summary>
    public async Task<IAsyncDisposable> EnterAsync(string host, CancellationToken cancellationToken)
    {
        // One spelling per host, for the gates here and the lease rows (compared exactly by the database).
        host = host.ToUpperInvariant();
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

        try
        {
            var lease = leases is null ? null : await leases.TakeAsync(host, cancellationToken);
            return new Pass(this, host, gate, lease);
        }
        catch
        {
            Leave(host, gate, entered: true);
            throw;
        }
    }

    /// <summary>True while a request to <paramref name="host"/> is under way or waiting on this instance.</summary>
    public bool IsBusy(string host)
    {
        lock (_gates)
        {
            return _gates.ContainsKey(host.ToUpperInvariant());
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

    private sealed class Pass(HostGate owner, string host, Gate gate, IAsyncDisposable? lease) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                // The lease goes first, so the next request here finds the row free (or its own) at once.
                if (lease is not null)
                {
                    await lease.DisposeAsync();
                }

                owner.Leave(host, gate, entered: true);
            }
        }
    }
}
