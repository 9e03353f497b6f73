using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Plugins.Transport.Xsi.Tests;

public sealed class FaultTests
{
    private static async Task AssertRecoveredAsync(Harness h, string oldChannel)
    {
        await h.Next<LinkStateEvent>(e => e.State == LinkState.Reconnecting);
        await h.Next<LinkStateEvent>(e => e.State == LinkState.Connected, 20);
        var snapshot = await h.Next<CallSnapshotEvent>();
        Assert.Equal(h.Sim.Users[0].UserId, snapshot.UserId);
        Assert.Equal(LinkState.Connected, h.Link.State);
        var channels = h.Sim.Faults.ChannelIds;
        Assert.Single(channels);
        Assert.NotEqual(oldChannel, channels[0]);
        var subscriptions = await h.SubscriptionsAsync();
        Assert.Equal(6, subscriptions.Count);
        Assert.Equal(6, subscriptions.Select(s => s.Elements().First(e => e.Name.LocalName == "event").Value).Distinct().Count());
    }

    [Fact]
    public async Task A_dropped_channel_is_replaced_and_resubscribed_without_duplicate_subscriptions()
    {
        await using var h = await Harness.StartAsync(fastLiveness: true);
        await h.ConnectAndMonitorAsync();
        await h.Next<CallSnapshotEvent>();
        var old = h.Sim.Faults.ChannelIds.Single();
        var resolved = h.Locator.Calls;

        h.Sim.Faults.DropAllConnections();

        await AssertRecoveredAsync(h, old);
        Assert.True(h.Locator.Calls > resolved, "SRV is resolved again on reconnect");
    }

    [Fact]
    public async Task A_ChannelTerminatedEvent_starts_a_reconnect()
    {
        await using var h = await Harness.StartAsync(fastLiveness: true);
        await h.ConnectAndMonitorAsync();
        await h.Next<CallSnapshotEvent>();
        var old = h.Sim.Faults.ChannelIds.Single();

        Assert.True(h.Sim.Faults.TerminateChannel(old));

        await AssertRecoveredAsync(h, old);
    }

    [Fact]
    public async Task Unanswered_heartbeats_start_a_reconnect()
    {
        await using var h = await Harness.StartAsync(fastLiveness: true);
        await h.ConnectAndMonitorAsync();
        await h.Next<CallSnapshotEvent>();
        var old = h.Sim.Faults.ChannelIds.Single();

        h.Sim.Faults.IgnoreHeartbeats = true;
        var lost = await h.Next<LinkStateEvent>(e => e.State == LinkState.Reconnecting);
        Assert.Contains("ChannelHeartBeat", lost.Reason, StringComparison.Ordinal);
        h.Sim.Faults.IgnoreHeartbeats = false;

        await h.Next<LinkStateEvent>(e => e.State == LinkState.Connected, 20);
        await h.Next<CallSnapshotEvent>();
        Assert.DoesNotContain(old, h.Sim.Faults.ChannelIds);
        Assert.Equal(6, (await h.SubscriptionsAsync()).Count);
    }

    [Fact]
    public async Task A_503_storm_is_ridden_out_with_backoff_and_the_link_recovers()
    {
        await using var h = await Harness.StartAsync(fastLiveness: true);
        await h.ConnectAndMonitorAsync();
        await h.Next<CallSnapshotEvent>();
        var old = h.Sim.Faults.ChannelIds.Single();

        h.Sim.Faults.DropAllConnections();
        h.Sim.Faults.FailNextRequests(8, 503);

        await AssertRecoveredAsync(h, old);
    }

    [Fact]
    public async Task A_changed_password_surfaces_as_Unauthorized_and_the_link_fails_without_retrying()
    {
        await using var h = await Harness.StartAsync(fastLiveness: true);
        await h.ConnectAndMonitorAsync();
        await h.Next<CallSnapshotEvent>();
        var user = h.Sim.Users[0].UserId;

        h.Sim.Faults.ChangePassword(user, "a-new-secret");
        var error = await Assert.ThrowsAsync<PlatformException>(() => h.Link.DialAsync(user, "+4989123", CancellationToken.None));
        Assert.Equal(PlatformErrorKind.Unauthorized, error.Kind);
        Assert.Equal("password no longer valid", error.Message);
        var failed = await h.Next<LinkStateEvent>(e => e.State == LinkState.Failed);
        Assert.Equal("password no longer valid", failed.Reason);
        Assert.Equal(LinkState.Failed, h.Link.State);

        var resolved = h.Locator.Calls;
        var again = await Assert.ThrowsAsync<PlatformException>(() => h.Link.ConnectAsync(CancellationToken.None));
        Assert.Equal(PlatformErrorKind.Unauthorized, again.Kind);
        Assert.Equal(resolved, h.Locator.Calls);
    }

    [Fact]
    public async Task A_refusing_first_SRV_target_fails_over_to_the_second()
    {
        var dead = Harness.DeadPort();
        await using var h = await Harness.StartAsync(fastLiveness: true, targets: port =>
            [new ServiceTarget("127.0.0.1", dead, 10, 0, true), new ServiceTarget("127.0.0.1", port, 20, 0, true)]);
        await h.ConnectAndMonitorAsync();
        await h.Next<CallSnapshotEvent>();

        Assert.Equal(LinkState.Connected, h.Link.State);
        Assert.NotEqual(dead, h.Link.CurrentSession()!.Primary.Port);
        Assert.Equal(1, h.Sim.ChannelCount);
    }

    [Fact]
    public async Task Connecting_with_no_reachable_target_fails_with_LinkDown()
    {
        var dead = Harness.DeadPort();
        await using var h = await Harness.StartAsync(fastLiveness: true, targets: _ => [new ServiceTarget("127.0.0.1", dead)]);
        var error = await Assert.ThrowsAsync<PlatformException>(() => h.Link.ConnectAsync(CancellationToken.None));
        Assert.Equal(PlatformErrorKind.LinkDown, error.Kind);
        Assert.Equal(LinkState.Disconnected, h.Link.State);
    }
}
