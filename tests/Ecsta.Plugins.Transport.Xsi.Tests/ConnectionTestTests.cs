using Ecsta.Transport.Contract;

namespace Ecsta.Plugins.Transport.Xsi.Tests;

/// <summary>The connection-test contract over XSI, where every acknowledgement and DELETE is an HTTP request of its own.</summary>
public sealed class ConnectionTestTests : ConnectionTestContract<Harness>
{
    /// <summary>The index in the simulator's HTTP request log of the first request matching, or -1.</summary>
    private static int IndexOf(IReadOnlyList<string> requests, string method, string pathPart) =>
        requests.ToList().FindIndex(r => r.StartsWith(method + " ", StringComparison.Ordinal) && r.Contains(pathPart, StringComparison.OrdinalIgnoreCase));

    /// <summary>The EventResponses went out before the subscription's DELETE, and that before the channel's.</summary>
    protected override void AssertAcknowledgedBeforeDeleting(TransportHarness h, int events)
    {
        ArgumentNullException.ThrowIfNull(h);
        var requests = h.Sim.XsiHttpRequests;
        var lastAck = requests.ToList().FindLastIndex(r => r.Contains("/channel/eventresponse", StringComparison.OrdinalIgnoreCase));
        var deleteSubscription = IndexOf(requests, "DELETE", "/subscription/");
        var deleteChannel = IndexOf(requests, "DELETE", "/channel/");
        Assert.True(lastAck < deleteSubscription && deleteSubscription < deleteChannel, string.Join(Environment.NewLine, requests));
        Assert.Equal(events, requests.Count(r => r.Contains("/channel/eventresponse", StringComparison.OrdinalIgnoreCase)));
    }
}
