using Ecsta.Abstractions.Platform;
using Ecsta.Transport.Contract;

namespace Ecsta.Plugins.Transport.Xsi.Tests;

public sealed class CallControlTests : CallControlContract<Harness>
{
    [Fact]
    public async Task The_URL_prefix_is_placed_before_the_context_paths()
    {
        await using var h = await Harness.StartAsync(new HarnessOptions(), urlPrefix: "nl.cai");
        await h.ConnectAndMonitorAsync();
        await h.Next<CallSnapshotEvent>();
        var started = await h.Link.DialAsync(h.Sim.Users[0].UserId, "+4989123000", CancellationToken.None);
        Assert.Equal(started.CallId, (await h.NextCall("CallOriginatingEvent")).Call.CallId);
        Assert.Contains(Harness.TraceSink.Lines, l => l.Contains("/nl.cai/com.broadsoft.xsi-actions/v2.0/", StringComparison.Ordinal));
    }
}
