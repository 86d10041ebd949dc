using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Feeds;

namespace NewsTracker.IntegrationTests.Feeds;

/// <summary>Host leases on the run's database, as two instances would hold them: one holder per host, the other
/// waits until it lets go, and the hold of an instance that died runs out after the lease duration.</summary>
public sealed class HostLeasesTests(FeedsFactory factory) : IClassFixture<FeedsFactory>
{
    private static readonly FeedsOptions Options = new();

    private HostLeases Instance() =>
        new(factory.Services.GetRequiredService<IServiceScopeFactory>(), factory.Clock, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<HostLeases>.Instance);

    private static string Host() => $"news-{Guid.NewGuid():N}.example";

    [Fact]
    public async Task A_second_instance_waits_for_the_host_until_the_first_lets_go()
    {
        var (first, second) = (Instance(), Instance());
        var host = Host();
        var held = await first.TakeAsync(host, CancellationToken.None);

        var waiting = second.TakeAsync(host, CancellationToken.None);
        var other = await second.TakeAsync(Host(), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        await held.DisposeAsync();
        await (await waiting).DisposeAsync();
        await other.DisposeAsync();
        Assert.False(await factory.WithDbAsync(db => db.HostFetchLeases.AnyAsync(l => l.Host == host)));
    }

    [Fact]
    public async Task The_hold_of_an_instance_that_died_runs_out_after_the_lease_duration()
    {
        var alive = Instance();
        var host = Host();

        // The row a killed instance leaves: taken just now, never renewed, never released.
        await factory.WithDbAsync(async db =>
        {
            db.HostFetchLeases.Add(new HostFetchLease { Host = host, Owner = "a killed instance", UntilUtc = factory.Clock.UtcNow + Options.HostLeaseDuration });
            return await db.SaveChangesAsync();
        });
        using var cancel = new CancellationTokenSource();
        var refused = alive.TakeAsync(host, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => refused);

        factory.Clock.Advance(Options.HostLeaseDuration + TimeSpan.FromSeconds(1));

        await (await alive.TakeAsync(host, CancellationToken.None)).DisposeAsync();
    }
}
