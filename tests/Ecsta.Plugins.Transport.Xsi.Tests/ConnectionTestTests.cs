using System.Net;
using System.Net.Sockets;
using Ecsta.Abstractions.Transports;
using Ecsta.Testing;

namespace Ecsta.Plugins.Transport.Xsi.Tests;

public sealed class ConnectionTestTests
{
    /// <summary>The index in the simulator's HTTP request log of the first request matching, or -1.</summary>
    private static int IndexOf(IReadOnlyList<string> requests, string method, string pathPart) =>
        requests.ToList().FindIndex(r => r.StartsWith(method + " ", StringComparison.Ordinal) && r.Contains(pathPart, StringComparison.OrdinalIgnoreCase));

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
    public async Task An_SRV_target_outside_the_configured_host_is_listed_as_refused_and_never_connected_to_while_the_next_one_inside_answers()
    {
        using var evil = new TcpListener(IPAddress.Loopback, 0);
        evil.Start();
        var evilPort = ((IPEndPoint)evil.LocalEndpoint).Port;
        await using var h = await Harness.StartAsync(host: "ecsta-test.invalid", targets: port =>
            [new ServiceTarget("xsp.notecsta-test.invalid", evilPort, 5, 10, true), new ServiceTarget("xsp1.ecsta-test.invalid", port, 10, 10, true)]);
        h.Locator.Addresses["xsp.notecsta-test.invalid"] = [IPAddress.Loopback];
        h.Locator.Addresses["xsp1.ecsta-test.invalid"] = [IPAddress.Loopback];

        var result = await h.Link.TestConnectionAsync(CancellationToken.None);

        Assert.True(result.Success, string.Join("; ", result.Steps));
        Assert.Equal(["target", "target", "authentication", "channel", "subscription"], result.Steps.Select(s => s.Step));
        Assert.False(result.Steps[0].Success);
        Assert.StartsWith("SRV target xsp.notecsta-test.invalid refused: it lies outside the configured host ecsta-test.invalid", result.Steps[0].Detail, StringComparison.Ordinal);
        Assert.Equal("xsp1.ecsta-test.invalid", result.Steps[1].Target!.Host);
        Assert.False(evil.Pending(), "the link connected to the refused target");
        Assert.DoesNotContain("xsp.notecsta-test.invalid", h.Locator.AddressQueries);
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
        var channel = Assert.Single(h.Sim.Acknowledgements);
        Assert.Equal((false, events, events, 0), (channel.Open, channel.Sent, channel.Acknowledged, channel.Unacknowledged));
        Assert.Empty(h.Sim.Subscriptions);
        Assert.Empty(h.Sim.Channels);
        var requests = h.Sim.XsiHttpRequests;
        var lastAck = requests.ToList().FindLastIndex(r => r.Contains("/channel/eventresponse", StringComparison.OrdinalIgnoreCase));
        var deleteSubscription = IndexOf(requests, "DELETE", "/subscription/");
        var deleteChannel = IndexOf(requests, "DELETE", "/channel/");
        Assert.True(lastAck < deleteSubscription && deleteSubscription < deleteChannel, string.Join(Environment.NewLine, requests));
        Assert.Equal(events, requests.Count(r => r.Contains("/channel/eventresponse", StringComparison.OrdinalIgnoreCase)));
    }
}
