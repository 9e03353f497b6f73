using Ecsta.Abstractions.Platform;
using Ecsta.Transport.Contract;

namespace Ecsta.Plugins.Transport.Cti.Tests;

/// <summary>The fault contract over the CTI socket, plus a connection that goes silent, which only the keepalive notices.</summary>
public sealed class FaultTests : FaultContract<Harness>
{
    [Fact]
    public async Task A_connection_that_goes_silent_is_declared_lost_by_the_keepalive_and_replaced()
    {
        await using var relay = new SilencingRelay();
        await using var h = await Harness.StartAsync(new HarnessOptions { FastLiveness = true }, ctiPortFor: port => relay.Start(port));
        await h.ConnectAndMonitorAsync();
        await h.Next<CallSnapshotEvent>();

        // Nothing more arrives on the open socket (no FIN, no RST): only the keepalive can notice.
        relay.SilenceOpenConnections();

        var lost = await h.Next<LinkStateEvent>(e => e.State == LinkState.Reconnecting);
        Assert.Contains("No answer to the keepalive", lost.Reason, StringComparison.Ordinal);
        await h.Next<LinkStateEvent>(e => e.State == LinkState.Connected, 20);
        await h.Next<CallSnapshotEvent>();
        Assert.Equal(2, relay.Connections);
    }
}
