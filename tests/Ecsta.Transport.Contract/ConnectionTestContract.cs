using System.Net;
using System.Net.Sockets;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Transport.Contract;

/// <summary><c>ecsta connection test</c>: each target tried, then authentication, a channel and a subscription, cleaned up.</summary>
/// <typeparam name="THarness">The transport's harness.</typeparam>
public abstract class ConnectionTestContract<THarness>
    where THarness : IHarnessStarter
{
    protected static Task<TransportHarness> StartAsync(HarnessOptions? options = null) => THarness.StartAsync(options ?? new HarnessOptions());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_connection_test_lists_each_target_tried_then_authentication_channel_and_subscription(bool secure)
    {
        var dead = TransportHarness.DeadPort();
        await using var h = await StartAsync(new HarnessOptions
        {
            Secure = secure,
            Targets = port => [new ServiceTarget("127.0.0.1", dead, 10, 5, true), new ServiceTarget("127.0.0.1", port, 20, 7, true)],
        });

        var result = await h.Tester.TestConnectionAsync(CancellationToken.None);

        Assert.True(result.Success, string.Join("; ", result.Steps));
        Assert.Equal(["target", "target", "authentication", "channel", "subscription", .. h.ConnectionTestExtraSteps], result.Steps.Select(s => s.Step));
        Assert.False(result.Steps[0].Success);
        Assert.Equal(dead, result.Steps[0].Target!.Port);
        Assert.Equal(7, result.Steps[1].Target!.Weight);
        h.AssertConnectionTestExtras(result);
        Assert.Empty(await h.SubscriptionsAsync());
        Assert.Equal(0, h.Sim.ChannelCount);
    }

    [Fact]
    public async Task An_SRV_target_outside_the_configured_host_is_listed_as_refused_and_never_connected_to_while_the_next_one_inside_answers()
    {
        using var evil = new TcpListener(IPAddress.Loopback, 0);
        evil.Start();
        var evilPort = ((IPEndPoint)evil.LocalEndpoint).Port;
        await using var h = await StartAsync(new HarnessOptions
        {
            Host = "ecsta-test.invalid",
            Targets = port => [new ServiceTarget("xsp.notecsta-test.invalid", evilPort, 5, 10, true), new ServiceTarget("xsp1.ecsta-test.invalid", port, 10, 10, true)],
        });
        h.Locator.Addresses["xsp.notecsta-test.invalid"] = [IPAddress.Loopback];
        h.Locator.Addresses["xsp1.ecsta-test.invalid"] = [IPAddress.Loopback];

        var result = await h.Tester.TestConnectionAsync(CancellationToken.None);

        Assert.True(result.Success, string.Join("; ", result.Steps));
        Assert.Equal(["target", "target", "authentication", "channel", "subscription", .. h.ConnectionTestExtraSteps], result.Steps.Select(s => s.Step));
        Assert.False(result.Steps[0].Success);
        Assert.StartsWith("SRV target xsp.notecsta-test.invalid refused: it lies outside the configured host ecsta-test.invalid", result.Steps[0].Detail, StringComparison.Ordinal);
        Assert.Equal("xsp1.ecsta-test.invalid", result.Steps[1].Target!.Host);
        Assert.False(evil.Pending(), "the link connected to the refused target");
        Assert.DoesNotContain("xsp.notecsta-test.invalid", h.Locator.AddressQueries);
    }

    [Fact]
    public async Task The_connection_test_reports_a_wrong_password_at_the_authentication_step()
    {
        await using var h = await StartAsync();
        h.Sim.Faults.ChangePassword(h.Login, "changed-elsewhere");

        var result = await h.Tester.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal("password no longer valid", result.Steps.Single(s => s.Step == "authentication").Detail);
    }

    [Theory]
    [InlineData(InstanceMode.Workstation, 0, 1)] // a user subscription brings its initial CallSubscriptionEvent, here before the answer
    [InlineData(InstanceMode.Workstation, 300, 1)] // the initial event after the answer: the test waits for it
    [InlineData(InstanceMode.Server, 0, 0)] // a group subscription has no initial event
    public async Task The_connection_test_acknowledges_every_event_it_received_before_it_deletes_its_subscription_and_channel(InstanceMode mode, int initialEventDelayMs, int events)
    {
        await using var h = await StartAsync(new HarnessOptions { Mode = mode });
        h.Sim.Faults.InitialEventDelay = TimeSpan.FromMilliseconds(initialEventDelayMs);

        var result = await h.Tester.TestConnectionAsync(CancellationToken.None);

        Assert.True(result.Success, string.Join("; ", result.Steps));

        // An acknowledgement after the DELETE of the subscription or channel would be too late and leave the event unacknowledged.
        var channel = Assert.Single(h.Sim.Acknowledgements);
        Assert.Equal((false, events, events, 0), (channel.Open, channel.Sent, channel.Acknowledged, channel.Unacknowledged));
        Assert.Empty(h.Sim.Subscriptions);
        Assert.Empty(h.Sim.Channels);
        AssertAcknowledgedBeforeDeleting(h, events);
    }

    /// <summary>After the acknowledgement test: what the transport's own record of requests shows (nothing to add by default).</summary>
    protected virtual void AssertAcknowledgedBeforeDeleting(TransportHarness h, int events)
    {
    }
}
