using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.Testing;

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
        await using var h = await Harness.StartAsync();
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
        await using var h = await Harness.StartAsync();
        await h.ConnectAndMonitorAsync();
        await h.Next<CallSnapshotEvent>();
        var old = h.Sim.Faults.ChannelIds.Single();

        Assert.True(h.Sim.Faults.TerminateChannel(old));

        await AssertRecoveredAsync(h, old);
    }

    [Fact]
    public async Task Unanswered_heartbeats_start_a_reconnect()
    {
        await using var h = await Harness.StartAsync();
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
        await using var h = await Harness.StartAsync();
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
        await using var h = await Harness.StartAsync();
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
        await using var h = await Harness.StartAsync(targets: port =>
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
        await using var h = await Harness.StartAsync(targets: _ => [new ServiceTarget("127.0.0.1", dead)]);
        var error = await Assert.ThrowsAsync<PlatformException>(() => h.Link.ConnectAsync(CancellationToken.None));
        Assert.Equal(PlatformErrorKind.LinkDown, error.Kind);
        Assert.Equal(LinkState.Disconnected, h.Link.State);
    }
}

public sealed class ConnectionTestTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_connection_test_lists_each_target_tried_then_authentication_channel_and_subscription(bool secure)
    {
        var dead = Harness.DeadPort();
        await using var h = await Harness.StartAsync(secure, targets: port =>
            [new ServiceTarget("127.0.0.1", dead, 10, 5, true), new ServiceTarget("127.0.0.1", port, 20, 7, true)]);

        var result = await h.Link.TestConnectionAsync(CancellationToken.None);

        Assert.True(result.Success, string.Join("; ", result.Steps));
        Assert.Equal(["target", "target", "authentication", "channel", "subscription"], result.Steps.Select(s => s.Step));
        Assert.False(result.Steps[0].Success);
        Assert.Equal(dead, result.Steps[0].Target!.Port);
        Assert.Equal(7, result.Steps[1].Target!.Weight);
        Assert.Empty(await h.SubscriptionsAsync());
        Assert.Equal(0, h.Sim.ChannelCount);
    }

    [Fact]
    public async Task The_connection_test_reports_a_wrong_password_at_the_authentication_step()
    {
        await using var h = await Harness.StartAsync();
        h.Sim.Faults.ChangePassword(h.Login, "changed-elsewhere");

        var result = await h.Link.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal("password no longer valid", result.Steps.Single(s => s.Step == "authentication").Detail);
    }

    [Fact]
    public async Task A_server_certificate_from_a_CA_that_did_not_sign_it_is_refused_with_the_validators_reason()
    {
        await using var h = await Harness.StartAsync(secure: true, caPem: TestCertificates.UnrelatedCaPem());

        var error = await Assert.ThrowsAsync<PlatformException>(() => h.Link.ConnectAsync(CancellationToken.None));

        Assert.Equal(PlatformErrorKind.LinkDown, error.Kind);
        Assert.Contains($"The TLS certificate of 127.0.0.1:{h.Sim.XsiHttpsPort} was refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("trusted by neither the system store nor the configured CA file", error.Message, StringComparison.Ordinal);
        Assert.Contains("Ecsta Simulator CA", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Sim.ChannelCount);
    }
}
