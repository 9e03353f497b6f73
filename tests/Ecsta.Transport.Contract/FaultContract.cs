using System.Globalization;
using System.Security.Cryptography;
using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.Testing;

namespace Ecsta.Transport.Contract;

/// <summary>Loss, reconnect, refused credentials and certificates, SRV failover: what every transport survives alike.</summary>
/// <typeparam name="THarness">The transport's harness.</typeparam>
public abstract class FaultContract<THarness>
    where THarness : IHarnessStarter
{
    protected static Task<TransportHarness> StartAsync(HarnessOptions? options = null) =>
        THarness.StartAsync((options ?? new HarnessOptions()) with { FastLiveness = true });

    /// <summary>After a loss: Reconnecting, Connected, a fresh snapshot, one new channel and one subscription per package.</summary>
    protected static async Task<CallSnapshotEvent> AssertRecoveredAsync(TransportHarness h, string oldChannel)
    {
        ArgumentNullException.ThrowIfNull(h);
        await h.Next<LinkStateEvent>(e => e.State == LinkState.Reconnecting);
        await h.Next<LinkStateEvent>(e => e.State == LinkState.Connected, 20);
        var snapshot = await h.Next<CallSnapshotEvent>();
        Assert.Equal(h.Sim.Users[0].UserId, snapshot.UserId);
        Assert.Equal(LinkState.Connected, h.Link.State);
        var channels = h.Sim.Faults.ChannelIds;
        Assert.Single(channels);
        Assert.NotEqual(oldChannel, channels[0]);
        await h.AssertOneSubscriptionPerPackageAsync();
        return snapshot;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dropped_connections_mid_call_are_replaced_without_duplicate_subscriptions_and_the_snapshot_holds_the_call(bool secure)
    {
        await using var h = await StartAsync(new HarnessOptions { Secure = secure });
        await h.ConnectAndMonitorAsync();
        await h.Next<CallSnapshotEvent>();
        var user = h.Sim.Users[0].UserId;
        var call = await h.Link.DialAsync(user, "+4989123456", CancellationToken.None);
        await h.Next<CallEvent>(e => e.RawType == "CallAnsweredEvent" && e.Call.CallId == call.CallId);
        var old = h.Sim.Faults.ChannelIds.Single();
        var resolved = h.Locator.Calls;

        h.Sim.Faults.DropAllConnections();

        var snapshot = await AssertRecoveredAsync(h, old);
        var held = Assert.Single(snapshot.Calls);
        Assert.Equal(call.CallId, held.CallId);
        Assert.Equal(BroadWorksCallState.Active, held.State);
        Assert.True(h.Locator.Calls > resolved, "SRV is resolved again on reconnect");

        // Commands work again on the new connection.
        await h.Link.ReleaseAsync(user, call.CallId, decline: false, CancellationToken.None);
        await h.Next<CallEvent>(e => e.RawType == "CallReleasedEvent" && e.Call.CallId == call.CallId);
    }

    [Fact]
    public async Task A_ChannelTerminatedEvent_starts_a_reconnect()
    {
        await using var h = await StartAsync();
        await h.ConnectAndMonitorAsync();
        await h.Next<CallSnapshotEvent>();
        var old = h.Sim.Faults.ChannelIds.Single();

        Assert.True(h.Sim.Faults.TerminateChannel(old));

        await AssertRecoveredAsync(h, old);
    }

    [Fact]
    public async Task Unanswered_liveness_probes_count_as_link_loss_and_the_link_reconnects()
    {
        await using var h = await StartAsync();
        await h.ConnectAndMonitorAsync();
        await h.Next<CallSnapshotEvent>();
        var old = h.Sim.Faults.ChannelIds.Single();

        // The XSP still answers, but sends no ChannelHeartBeat: the heartbeat (XSI) or the keepalive probe (CTI) is missed.
        h.Sim.Faults.IgnoreHeartbeats = true;
        var lost = await h.Next<LinkStateEvent>(e => e.State == LinkState.Reconnecting);
        Assert.All(h.LivenessLossWords, words => Assert.Contains(words, lost.Reason, StringComparison.Ordinal));
        h.Sim.Faults.IgnoreHeartbeats = false;

        await h.Next<LinkStateEvent>(e => e.State == LinkState.Connected, 20);
        await h.Next<CallSnapshotEvent>();
        Assert.DoesNotContain(old, h.Sim.Faults.ChannelIds);
        await h.AssertOneSubscriptionPerPackageAsync();
    }

    [Fact]
    public async Task A_503_storm_is_ridden_out_with_backoff_and_the_link_recovers()
    {
        await using var h = await StartAsync();
        await h.ConnectAndMonitorAsync();
        await h.Next<CallSnapshotEvent>();
        var old = h.Sim.Faults.ChannelIds.Single();

        h.Sim.Faults.DropAllConnections();
        h.Sim.Faults.FailNextRequests(8, 503);

        await AssertRecoveredAsync(h, old);
    }

    [Fact]
    public async Task A_server_restart_that_lost_the_calls_gives_a_snapshot_without_the_ghost_calls()
    {
        await using var h = await StartAsync();
        await h.ConnectAndMonitorAsync();
        await h.Next<CallSnapshotEvent>();
        var user = h.Sim.Users[0].UserId;
        var call = await h.Link.DialAsync(user, "+4989123457", CancellationToken.None);
        await h.Next<CallEvent>(e => e.RawType == "CallAnsweredEvent" && e.Call.CallId == call.CallId);

        h.Sim.Faults.Restart();

        await h.Next<LinkStateEvent>(e => e.State == LinkState.Reconnecting);
        await h.Next<LinkStateEvent>(e => e.State == LinkState.Connected, 20);
        var snapshot = await h.Next<CallSnapshotEvent>();
        Assert.Equal(user, snapshot.UserId);
        Assert.Empty(snapshot.Calls);
        Assert.Equal(HookStatus.OnHook, snapshot.HookStatus);
        Assert.Null(snapshot.Conference);
        await h.AssertOneSubscriptionPerPackageAsync();
    }

    [Fact]
    public async Task A_server_certificate_from_a_CA_that_did_not_sign_it_is_refused_with_the_validators_reason()
    {
        await using var h = await StartAsync(new HarnessOptions { Secure = true, CaPem = TestCertificates.UnrelatedCaPem() });

        var error = await Assert.ThrowsAsync<PlatformException>(() => h.Link.ConnectAsync(CancellationToken.None));

        Assert.Equal(PlatformErrorKind.LinkDown, error.Kind);
        Assert.Contains($"The TLS certificate of 127.0.0.1:{h.ServicePort} was refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("trusted by neither the system store nor the configured CA file", error.Message, StringComparison.Ordinal);
        Assert.Contains("Ecsta Simulator CA", error.Message, StringComparison.Ordinal);
        Assert.Equal(LinkState.Disconnected, h.Link.State);
        Assert.Equal(0, h.Sim.ChannelCount);
    }

    [Fact]
    public async Task A_pinned_server_certificate_is_accepted_without_a_CA_and_a_wrong_pin_is_refused_with_the_reason()
    {
        await using (var pinned = await StartAsync(new HarnessOptions { Secure = true, Pin = sim => Convert.ToHexString(SHA256.HashData(sim.Certificates.ServerCertificate.RawData)) }))
        {
            await pinned.ConnectAndMonitorAsync();
            await pinned.Next<CallSnapshotEvent>();
            Assert.Equal(LinkState.Connected, pinned.Link.State);
        }

        await using var wrong = await StartAsync(new HarnessOptions { Secure = true, Pin = _ => new string('a', 64) });
        var error = await Assert.ThrowsAsync<PlatformException>(() => wrong.Link.ConnectAsync(CancellationToken.None));
        Assert.Contains("does not match the pinned SHA-256 thumbprint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_password_surfaces_as_Unauthorized_and_the_link_fails_without_retrying()
    {
        await using var h = await StartAsync();
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
        var dead = TransportHarness.DeadPort();
        await using var h = await StartAsync(new HarnessOptions
        {
            Targets = port => [new ServiceTarget("127.0.0.1", dead, 10, 0, true), new ServiceTarget("127.0.0.1", port, 20, 0, true)],
        });
        await h.ConnectAndMonitorAsync();
        await h.Next<CallSnapshotEvent>();

        Assert.Equal(LinkState.Connected, h.Link.State);
        Assert.Equal(h.ServicePort, h.CurrentPrimary!.Port);
        Assert.Equal(1, h.Sim.ChannelCount);
    }

    [Fact]
    public async Task Connecting_with_no_reachable_target_fails_with_LinkDown()
    {
        var dead = TransportHarness.DeadPort();
        await using var h = await StartAsync(new HarnessOptions { Targets = _ => [new ServiceTarget("127.0.0.1", dead)] });
        var error = await Assert.ThrowsAsync<PlatformException>(() => h.Link.ConnectAsync(CancellationToken.None));
        Assert.Equal(PlatformErrorKind.LinkDown, error.Kind);
        Assert.Contains(dead.ToString(CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Equal(LinkState.Disconnected, h.Link.State);
    }
}
