using NewsTracker.Web.Feeds;

namespace NewsTracker.Tests.Feeds;

/// <summary>The gate within one instance (no lease rows): one request per host, others pass, a cancelled wait leaves.</summary>
public sealed class HostGateTests
{
    [Fact]
    public async Task A_second_request_to_the_same_host_waits_for_the_first()
    {
        var gate = new HostGate();
        var first = await gate.EnterAsync("news.example", CancellationToken.None);

        var second = gate.EnterAsync("NEWS.example", CancellationToken.None);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await (await second).DisposeAsync();
        Assert.False(gate.IsBusy("news.example"));
    }

    [Fact]
    public async Task Other_hosts_do_not_wait()
    {
        var gate = new HostGate();
        await using var first = await gate.EnterAsync("news.example", CancellationToken.None);

        var other = gate.EnterAsync("wire.example", CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
        await (await other).DisposeAsync();
    }

    [Fact]
    public async Task A_cancelled_wait_gives_up_its_place_and_the_host_is_freed_after()
    {
        var gate = new HostGate();
        var first = await gate.EnterAsync("news.example", CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = gate.EnterAsync("news.example", cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        await first.DisposeAsync();
        await first.DisposeAsync();
        Assert.False(gate.IsBusy("news.example"));
        await (await gate.EnterAsync("news.example", CancellationToken.None)).DisposeAsync();
    }
}
