using Ecsta.EndToEnd.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace Ecsta.EndToEnd.Tests.ApplicationApi;

/// <summary>
/// Applications on the real listener change what a demo line does with its calls: lineForward (always, busy, no
/// answer, do not disturb, off) and lineDevSpecific (Remote Office); the changes show in lineGetAddressStatus and
/// LINE_ADDRESSSTATE, and forwarding and do not disturb act on the next call.
/// </summary>
public abstract class ApplicationApiLineFeatureTests(DemoHost host) : ApplicationApiTest(host)
{
    [Fact]
    public async Task LineForward_sets_forward_always_which_diverts_the_next_call_then_busy_and_no_answer_then_nothing()
    {
        await using var alice = await ConnectAsync("alice");
        await using var dave = await ConnectAsync("dave");
        await using var erin = await ConnectAsync("erin");
        var aliceLine = await alice.OpenAsync(Line(0).DeviceId);
        var daveLine = await dave.OpenAsync(Line(3).DeviceId);
        var erinLine = await erin.OpenAsync(Line(4).DeviceId);

        await dave.RequestAsync("lineForward", new { hLine = daveLine, forwardList = new[] { new { forwardMode = "UNCOND", destAddress = Line(4).Number } } });

        await dave.AddressStateAsync(daveLine, "FORWARD");
        var always = await dave.InvokeObjectAsync("lineGetAddressStatus", new { hLine = daveLine, addressId = 0 });
        var entry = Assert.Single((JArray)always["forward"]!);
        Assert.Equal(1u, entry["forwardMode"]!.Value<uint>());
        Assert.Equal("UNCOND", entry["forwardModeName"]!.Value<string>());
        Assert.EndsWith(Line(4).Number, entry["destAddress"]!.Value<string>(), StringComparison.Ordinal);
        Assert.False(always["doNotDisturb"]!.Value<bool>());

        var made = await alice.RequestAsync("lineMakeCall", new { hLine = aliceLine, destAddress = Line(3).Number });
        var hCall = made["hCall"]!.Value<uint>();
        var diverted = (await erin.NewCallAsync(erinLine)).Payload["param2"]!.Value<uint>();
        await erin.StateAsync(diverted, "OFFERING", "ACTIVE");
        var info = await erin.InfoAsync(diverted);
        Assert.Equal("FWDUNCOND", info["reasonName"]!.Value<string>());
        Assert.EndsWith(Line(3).Number, info["redirecting"]!["number"]!.Value<string>(), StringComparison.Ordinal);
        await alice.CallInfoAsync(hCall, "REDIRECTIONID");
        await alice.StateAsync(hCall, "RINGBACK");
        await DropAsync(alice, hCall);
        await erin.StateAsync(diverted, "IDLE");

        await dave.RequestAsync("lineForward", new
        {
            hLine = daveLine,
            forwardList = new object[] { new { forwardMode = 256, destAddress = Line(4).Number }, new { forwardMode = "BUSY", destAddress = Line(2).Number } },
            numRingsNoAnswer = 3,
        });
        await dave.AddressStateAsync(daveLine, "FORWARD");
        var busyAndNoAnswer = await WaitForForwardAsync(dave, daveLine, ["BUSY", "NOANSW"]);
        Assert.EndsWith(Line(2).Number, busyAndNoAnswer["forward"]![0]!["destAddress"]!.Value<string>(), StringComparison.Ordinal);
        Assert.EndsWith(Line(4).Number, busyAndNoAnswer["forward"]![1]!["destAddress"]!.Value<string>(), StringComparison.Ordinal);
        Assert.Equal(3u, busyAndNoAnswer["numRingsNoAnswer"]!.Value<uint>());

        await dave.RequestAsync("lineForward", new { hLine = daveLine, forwardList = Array.Empty<object>() });
        await dave.AddressStateAsync(daveLine, "FORWARD");
        await WaitForForwardAsync(dave, daveLine, []);
    }

    [Fact]
    public async Task Do_not_disturb_makes_callers_hear_busy_until_it_is_turned_off()
    {
        await using var alice = await ConnectAsync("alice");
        await using var erin = await ConnectAsync("erin");
        var aliceLine = await alice.OpenAsync(Line(0).DeviceId);
        var erinLine = await erin.OpenAsync(Line(4).DeviceId);

        await erin.RequestAsync("lineForward", new { hLine = erinLine, forwardList = new[] { new { forwardMode = "UNCOND", destAddress = "" } } });

        await erin.AddressStateAsync(erinLine, "FORWARD");
        var dnd = await WaitForForwardAsync(erin, erinLine, ["UNCOND"]);
        Assert.True(dnd["doNotDisturb"]!.Value<bool>());
        Assert.Equal("", dnd["forward"]![0]!["destAddress"]!.Value<string>());

        var made = await alice.RequestAsync("lineMakeCall", new { hLine = aliceLine, destAddress = Line(4).Number });
        var hCall = made["hCall"]!.Value<uint>();
        await alice.StateAsync(hCall, "BUSY", "UNKNOWN");
        await alice.StateAsync(hCall, "DISCONNECTED", "BUSY");
        await alice.StateAsync(hCall, "IDLE");
        Assert.Equal(["PROCEEDING", "RINGBACK", "BUSY", "DISCONNECTED", "IDLE"], alice.StatesOf(hCall));

        await erin.RequestAsync("lineForward", new { hLine = erinLine, forwardList = Array.Empty<object>() });
        await erin.AddressStateAsync(erinLine, "FORWARD");
        var off = await WaitForForwardAsync(erin, erinLine, []);
        Assert.False(off["doNotDisturb"]!.Value<bool>());
    }

    [Fact]
    public async Task LineDevSpecific_switches_Remote_Office_on_with_its_number_and_off_again()
    {
        await using var erin = await ConnectAsync("erin");
        var erinLine = await erin.OpenAsync(Line(4).DeviceId);

        await erin.RequestAsync("lineDevSpecific", new { hLine = erinLine, feature = "remoteOffice", enable = true, number = "+4930777888" });

        await erin.AddressStateAsync(erinLine, "DEVSPECIFIC");
        var on = await erin.InvokeObjectAsync("lineGetAddressStatus", new { hLine = erinLine });
        Assert.True(on["remoteOffice"]!["active"]!.Value<bool>());
        Assert.EndsWith("4930777888", on["remoteOffice"]!["number"]!.Value<string>(), StringComparison.Ordinal);

        await erin.RequestAsync("lineDevSpecific", new { hLine = erinLine, feature = "remoteOffice", enable = false });
        await erin.AddressStateAsync(erinLine, "DEVSPECIFIC");
        var off = await erin.InvokeObjectAsync("lineGetAddressStatus", new { hLine = erinLine });
        Assert.False(off["remoteOffice"]!["active"]!.Value<bool>());

        Assert.Equal("LINEERR_OPERATIONUNAVAIL", await erin.RefusedAsync("lineDevSpecific", new { hLine = erinLine, feature = "parkAndPage", enable = true }));
        Assert.Equal("LINEERR_INVALPARAM", await erin.RefusedAsync("lineDevSpecific", new { hLine = erinLine, feature = "remoteOffice", enable = true }));
    }

    /// <summary>
    /// lineGetAddressStatus once its forward list's modes are <paramref name="modes"/> (in the documented order CFA, DND,
    /// CFB, CFNA): a change of several services reports each with its own LINE_ADDRESSSTATE(FORWARD), so until the
    /// list matches, the next one is awaited.
    /// </summary>
    private static async Task<JObject> WaitForForwardAsync(ApiApplication app, uint hLine, string[] modes)
    {
        while (true)
        {
            var status = await app.InvokeObjectAsync("lineGetAddressStatus", new { hLine });
            if (((JArray)status["forward"]!).Select(f => f["forwardModeName"]!.Value<string>()!).SequenceEqual(modes))
            {
                return status;
            }

            await app.AddressStateAsync(hLine, "FORWARD");
        }
    }
}
