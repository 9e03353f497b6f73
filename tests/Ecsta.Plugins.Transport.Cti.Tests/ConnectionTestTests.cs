using System.Globalization;
using Ecsta.Transport.Contract;

namespace Ecsta.Plugins.Transport.Cti.Tests;

/// <summary>The connection-test contract over CTI, whose last step is the HTTP side channel.</summary>
public sealed class ConnectionTestTests : ConnectionTestContract<Harness>
{
    [Fact]
    public async Task The_connection_test_reports_an_unreachable_side_channel()
    {
        await using var h = await Harness.StartAsync(new HarnessOptions { Settings = new() { ["httpPort"] = Harness.DeadPort().ToString(CultureInfo.InvariantCulture) } });

        var result = await h.Tester.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        var side = result.Steps[^1];
        Assert.Equal("side channel", side.Step);
        Assert.False(side.Success);
        Assert.Contains("lines and Remote Office need it", side.Detail, StringComparison.Ordinal);
    }
}
