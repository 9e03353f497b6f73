using Ecsta.EndToEnd.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace Ecsta.EndToEnd.Tests.ApplicationApi;

/// <summary>lineGenerateDigits through the real WebSocket of the demo host: DTMF on a connected call, TAPI's refusals otherwise.</summary>
public abstract class ApplicationApiDigitsTests(DemoHost host) : ApplicationApiTest(host)
{
    [Fact]
    public async Task LineGenerateDigits_sends_DTMF_on_a_connected_call_ignores_other_characters_and_refuses_other_modes_and_states()
    {
        await using var alice = await ConnectAsync("alice");
        await using var bob = await ConnectAsync("bob");
        var aliceLine = await alice.OpenAsync(Line(0).DeviceId);
        var bobLine = await bob.OpenAsync(Line(1).DeviceId);
        var (ringing, _) = await RingAsync(alice, aliceLine, bob, bobLine, Line(1));
        Assert.Equal("LINEERR_INVALCALLSTATE", await alice.RefusedAsync("lineGenerateDigits", new { hCall = ringing, digits = "1" }));
        await DropAsync(alice, ringing);

        var (call, _) = await AnsweredCallAsync(alice, aliceLine, bob, bobLine, Line(1));
        Assert.Contains("GENERATEDIGITS", (await alice.StatusAsync(call))["callFeaturesName"]!.ToString().Split('|'));

        await alice.RequestAsync("lineGenerateDigits", new { hCall = call, digits = "0815#", digitMode = 2 });

        await alice.RequestAsync("lineGenerateDigits", new { hCall = call, digits = "12X" }); // X is ignored, as in TAPI
        Assert.Equal(0u, (await alice.InvokeObjectAsync("lineGenerateDigits", new { hCall = call, digits = (string?)null }))["requestId"]!.Value<uint>());
        Assert.Equal("LINEERR_INVALDIGITS", await alice.RefusedAsync("lineGenerateDigits", new { hCall = call, digits = "XYZ" }));
        Assert.Equal("LINEERR_INVALDIGITMODE", await alice.RefusedAsync("lineGenerateDigits", new { hCall = call, digits = "1", digitMode = 1 }));
        Assert.Equal("LINEERR_INVALCALLHANDLE", await alice.RefusedAsync("lineGenerateDigits", new { hCall = 987654u, digits = "1" }));
        await DropAsync(alice, call);
    }
}
