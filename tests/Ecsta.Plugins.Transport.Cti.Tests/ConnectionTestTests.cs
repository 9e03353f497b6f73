using Ecsta.Abstractions.Transports;

namespace Ecsta.Plugins.Transport.Cti.Tests;

public sealed class ConnectionTestTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_connection_test_lists_each_target_then_authentication_channel_subscription_and_side_channel(bool secure)
    {
        var dead = Harness.DeadPort();
        await using var h = await Harness.StartAsync(secure, targets: port =>
            [new ServiceTarget("127.0.0.1", dead, 10, 5, true), new ServiceTarget("127.0.0.1", port, 20, 7, true)]);

        var result = await h.Link.TestConnectionAsync(CancellationToken.None);

        Assert.True(result.Success, string.Join("; ", result.Steps));
        Assert.Equal(["target", "target", "authentication", "channel", "subscription", "side channel"], result.Steps.Select(s => s.Step));
        Assert.False(result.Steps[0].Success);
        Assert.Equal(dead, result.Steps[0].Target!.Port);
        Assert.Equal(7, result.Steps[1].Target!.Weight);
        Assert.Equal(h.SidePort, result.Steps[5].Target!.Port);
        Assert.Empty(await h.SubscriptionsAsync());
        Assert.Equal(0, h.Sim.ChannelCount);
    }

    [Theory]
    [InlineData(InstanceMode.Workstation, 0, 1)] // a user subscription brings its initial CallSubscriptionEvent, here before the answer
    [InlineData(InstanceMode.Workstation, 300, 1)] // the initial event after the answer: the test waits for it
    [InlineData(InstanceMode.Server, 0, 0)] // a group subscription has no initial event
    public async Task The_connection_test_acknowledges_every_event_it_received_before_it_deletes_its_subscription_and_channel(InstanceMode mode, int initialEventDelayMs, int events)
    {
        await using var h = await Harness.StartAsync(mode: mode);
        h.Sim.Faults.InitialEventDelay = TimeSpan.FromMilliseconds(initialEventDelayMs);

        var result = await h.Link.TestConnectionAsync(CancellationToken.None);

        Assert.True(result.Success, string.Join("; ", result.Steps));
        // An eventResponse after the DELETE of the subscription or channel would be too late and leave the event unacknowledged.
        var channel = Assert.Single(h.Sim.Acknowledgements);
        Assert.Equal((false, events, events, 0), (channel.Open, channel.Sent, channel.Acknowledged, channel.Unacknowledged));
        Assert.Empty(h.Sim.Subscriptions);
        Assert.Empty(h.Sim.Channels);
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
    public async Task The_connection_test_reports_an_unreachable_side_channel()
    {
        await using var h = await Harness.StartAsync(settings: new() { ["httpPort"] = Harness.DeadPort().ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var result = await h.Link.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        var side = result.Steps[^1];
        Assert.Equal("side channel", side.Step);
        Assert.False(side.Success);
        Assert.Contains("lines and Remote Office need it", side.Detail, StringComparison.Ordinal);
    }
}
