using Ecsta.EndToEnd.Tests.TestSupport;
using Ecsta.Host.Cli.Call;
using Newtonsoft.Json.Linq;

namespace Ecsta.EndToEnd.Tests.ApplicationApi;

/// <summary>
/// Applications on the real listener drive the basic call methods through the demo host (TSP core, XSI transport,
/// simulator): device enumeration and capabilities, a call between two demo lines from ringing to idle, owner and
/// monitor privileges, call data, and the documented refusals.
/// </summary>
public abstract class ApplicationApiCallTests(DemoHost host) : ApplicationApiTest(host)
{
    private const uint ProviderWide = 0xFFFFFFFF;

    [Fact]
    public async Task Device_enumeration_version_negotiation_and_capabilities_describe_the_five_demo_lines()
    {
        await using var app = await ConnectAsync("app");

        var devices = (JArray)(await app.InvokeAsync("lineGetDevices"))!;

        Assert.Equal(5, devices.Count);
        Assert.Equal(5, devices.Select(d => d["deviceId"]!.Value<uint>()).Distinct().Count());
        foreach (var device in devices)
        {
            Assert.Equal("demo", device["instance"]!.Value<string>());
            Assert.True(device["inService"]!.Value<bool>());
            Assert.False(string.IsNullOrEmpty(device["number"]!.Value<string>()));
            Assert.Contains(device["number"]!.Value<string>()!, device["lineName"]!.Value<string>(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(device["userId"]!.Value<string>()));
        }

        var provider = await app.InvokeObjectAsync("lineNegotiateAPIVersion", new { deviceId = ProviderWide, apiLowVersion = 0x10004, apiHighVersion = 0x30000 });
        Assert.Equal(0x20002u, provider["apiVersion"]!.Value<uint>());
        Assert.Equal("2.2", provider["apiVersionText"]!.Value<string>());
        var line = await app.InvokeObjectAsync("lineNegotiateAPIVersion", new { deviceId = Line(0).DeviceId, apiLowVersion = 0x20000, apiHighVersion = 0x20001 });
        Assert.Equal(0x20001u, line["apiVersion"]!.Value<uint>());
        Assert.Equal("LINEERR_INCOMPATIBLEAPIVERSION", await app.RefusedAsync("lineNegotiateAPIVersion", new { deviceId = ProviderWide, apiLowVersion = 0x10000, apiHighVersion = 0x10004 }));

        var devCaps = await app.InvokeObjectAsync("lineGetDevCaps", new { deviceId = Line(2).DeviceId });
        Assert.Equal(Line(2).DeviceId, devCaps["deviceId"]!.Value<uint>());
        Assert.Equal(Line(2).LineName, devCaps["lineName"]!.Value<string>());
        Assert.Equal(1u, devCaps["numAddresses"]!.Value<uint>());

        var addressCaps = await app.InvokeObjectAsync("lineGetAddressCaps", new { deviceId = Line(2).DeviceId, addressId = 0 });
        Assert.Equal(Line(2).Number, addressCaps["address"]!.Value<string>());
        Assert.Equal(0x111u, addressCaps["forwardModes"]!.Value<uint>()); // UNCOND|BUSY|NOANSW (docs/tapi-mapping.md §3.14)
        Assert.Equal(4u, addressCaps["maxForwardEntries"]!.Value<uint>());
        Assert.Equal(3u, addressCaps["transferModes"]!.Value<uint>()); // TRANSFER|CONFERENCE
        Assert.Equal(0x8E020AEEu, addressCaps["callFeatures"]!.Value<uint>()); // docs/tapi-mapping.md R6
        Assert.Contains("TRANSFERHELD", addressCaps["addrCapFlagsName"]!.Value<string>()!.Split('|'));

        Assert.Equal("LINEERR_INVALADDRESSID", await app.RefusedAsync("lineGetAddressCaps", new { deviceId = Line(2).DeviceId, addressId = 1 }));
        Assert.Equal("LINEERR_BADDEVICEID", await app.RefusedAsync("lineGetDevCaps", new { deviceId = 4711 }));
        Assert.Equal("LINEERR_BADDEVICEID", await app.RefusedAsync("lineOpen", new { deviceId = 4711, privileges = "OWNER" }));
        Assert.Equal("LINEERR_INVALPARAM", await app.RefusedAsync("lineOpen", new { deviceId = Line(2).DeviceId, privileges = 8 }));

        // NONE (outgoing calls only) opens too.
        var none = await app.InvokeObjectAsync("lineOpen", new { deviceId = Line(2).DeviceId, privileges = 1 });
        Assert.Equal("NONE", none["privilegesName"]!.Value<string>());
        await app.InvokeAsync("lineClose", new { hLine = none["hLine"]!.Value<uint>() });
    }

    [Fact]
    public async Task An_internal_call_rings_is_answered_held_retrieved_and_dropped_and_both_lines_see_every_notification()
    {
        await using var alice = await ConnectAsync("alice");
        await using var bob = await ConnectAsync("bob");
        var aliceLine = await alice.OpenAsync(Line(0).DeviceId);
        var bobLine = await bob.OpenAsync(Line(1).DeviceId);

        var made = await alice.RequestAsync("lineMakeCall", new { hLine = aliceLine, destAddress = Line(1).Number });
        var out1 = made["hCall"]!.Value<uint>();
        var proceeding = await alice.StateAsync(out1, "PROCEEDING");
        Assert.Equal("OWNER", proceeding.Payload["names"]!["param3"]!.Value<string>()); // first sight of the call
        await alice.StateAsync(out1, "RINGBACK");

        var newCall = await bob.NewCallAsync(bobLine);
        Assert.Equal(4u, newCall.Payload["param3"]!.Value<uint>()); // OWNER
        var in1 = newCall.Payload["param2"]!.Value<uint>();
        Assert.Equal(in1, newCall.Payload["hCall"]!.Value<uint>());
        var offering = await bob.StateAsync(in1, "OFFERING", "ACTIVE");
        var numCalls = await bob.AddressStateAsync(bobLine, "NUMCALLS");
        var ringing = await bob.ExpectAsync("LINE_LINEDEVSTATE RINGING", "LINE_LINEDEVSTATE", p =>
            p["hLine"]!.Value<uint>() == bobLine && p["names"]!["param1"]!.Value<string>() == "RINGING");
        Assert.Equal(1u, ringing.Payload["param3"]!.Value<uint>());
        Assert.True(bob.IndexOf(newCall) < bob.IndexOf(offering) && bob.IndexOf(offering) < bob.IndexOf(numCalls) && bob.IndexOf(numCalls) < bob.IndexOf(ringing),
            "docs/tapi-mapping.md R3: LINE_NEWCALL, LINE_CALLSTATE, LINE_ADDRESSSTATE(NUMCALLS), LINE_LINEDEVSTATE(RINGING)");

        var info = await bob.InfoAsync(in1);
        Assert.Equal(Line(1).DeviceId, info["deviceId"]!.Value<uint>());
        Assert.Equal("INTERNAL", info["originName"]!.Value<string>());
        Assert.Equal("DIRECT", info["reasonName"]!.Value<string>());
        Assert.EndsWith(Line(0).Number, info["caller"]!["number"]!.Value<string>(), StringComparison.Ordinal);
        Assert.EndsWith(Line(1).Number, info["called"]!["number"]!.Value<string>(), StringComparison.Ordinal);
        var status = await bob.StatusAsync(in1);
        Assert.Equal("OFFERING", status["callStateName"]!.Value<string>());
        Assert.Equal("OWNER", status["callPrivilegeName"]!.Value<string>());
        Assert.Contains("ANSWER", status["callFeaturesName"]!.Value<string>()!.Split('|'));
        Assert.Contains("REDIRECT", status["callFeaturesName"]!.Value<string>()!.Split('|'));
        var ids = await bob.InvokeObjectAsync("lineGetCallIDs", new { hCall = in1 });
        Assert.Equal(info["callId"]!.Value<uint>(), ids["callId"]!.Value<uint>());
        Assert.Equal((await alice.InfoAsync(out1))["callId"]!.Value<uint>(), ids["callId"]!.Value<uint>()); // one session, one dwCallID
        var calls = (JArray)(await bob.InvokeAsync("lineGetCalls", new { hLine = bobLine }))!;
        Assert.Equal(in1, Assert.Single(calls)["hCall"]!.Value<uint>());
        var located = await bob.InvokeObjectAsync("ecstaLocateCall", new { hCall = in1 });
        Assert.Equal(Line(1).DeviceId, located["deviceId"]!.Value<uint>());
        Assert.Equal("demo", located["instance"]!.Value<string>());

        await bob.RequestAsync("lineAnswer", new { hCall = in1 });
        await bob.StateAsync(in1, "CONNECTED", "ACTIVE");
        await alice.CallInfoAsync(out1, "CONNECTEDID");
        await alice.StateAsync(out1, "CONNECTED", "ACTIVE");
        Assert.EndsWith(Line(1).Number, (await alice.InfoAsync(out1))["connected"]!["number"]!.Value<string>(), StringComparison.Ordinal);

        await alice.RequestAsync("lineHold", new { hCall = out1 });
        await alice.StateAsync(out1, "ONHOLD");
        var held = await alice.InvokeObjectAsync("lineGetAddressStatus", new { hLine = aliceLine, addressId = 0 });
        Assert.Equal(1u, held["numOnHoldCalls"]!.Value<uint>());
        Assert.Equal(0u, held["numActiveCalls"]!.Value<uint>());
        await alice.RequestAsync("lineUnhold", new { hCall = out1 });
        await alice.StateAsync(out1, "CONNECTED", "ACTIVE");
        var active = await alice.InvokeObjectAsync("lineGetAddressStatus", new { hLine = aliceLine });
        Assert.Equal(1u, active["numActiveCalls"]!.Value<uint>());
        Assert.Equal(1u, active["numInUse"]!.Value<uint>());

        await DropAsync(bob, in1);
        await alice.StateAsync(out1, "DISCONNECTED");
        await alice.StateAsync(out1, "IDLE");
        Assert.Equal(["PROCEEDING", "RINGBACK", "CONNECTED", "ONHOLD", "CONNECTED", "DISCONNECTED", "IDLE"], alice.StatesOf(out1));
        Assert.Equal(["OFFERING", "CONNECTED", "DISCONNECTED", "IDLE"], bob.StatesOf(in1));

        // An IDLE call stays readable until lineDeallocateCall.
        Assert.Equal("IDLE", (await bob.StatusAsync(in1))["callStateName"]!.Value<string>());
        await bob.InvokeAsync("lineDeallocateCall", new { hCall = in1 });
        Assert.Equal("LINEERR_INVALCALLHANDLE", await bob.RefusedAsync("lineGetCallInfo", new { hCall = in1 }));
    }

    [Fact]
    public async Task A_second_application_monitoring_the_line_sees_its_events_but_its_call_control_is_refused_with_NOTOWNER()
    {
        await using var owner = await ConnectAsync("owner");
        await using var monitor = await ConnectAsync("monitor");
        await using var far = await ConnectAsync("far");
        var ownerLine = await owner.OpenAsync(Line(2).DeviceId);
        var monitorLine = await monitor.OpenAsync(Line(2).DeviceId, "MONITOR");
        var farLine = await far.OpenAsync(Line(3).DeviceId);

        Assert.Equal("LINEERR_NOTOWNER", await monitor.RefusedAsync("lineMakeCall", new { hLine = monitorLine, destAddress = Line(3).Number }));
        Assert.Equal("LINEERR_NOTOWNER", await monitor.RefusedAsync("lineForward", new { hLine = monitorLine, forwardList = new[] { new { forwardMode = "UNCOND", destAddress = Line(4).Number } } }));
        Assert.Equal("LINEERR_NOTOWNER", await monitor.RefusedAsync("lineDevSpecific", new { hLine = monitorLine, feature = "remoteOffice", enable = true, number = "+4930777888" }));

        var (hCall, farCall) = await AnsweredCallAsync(owner, ownerLine, far, farLine, Line(3));

        // A call another application made has no LINE_NEWCALL (as in TAPI): the monitor's first LINE_CALLSTATE of the
        // call, with the same handle as everywhere, carries its privilege.
        var seen = await monitor.StateAsync(hCall, "PROCEEDING");
        Assert.Equal(monitorLine, seen.Payload["hLine"]!.Value<uint>());
        Assert.Equal("MONITOR", seen.Payload["names"]!["param3"]!.Value<string>());
        await monitor.StateAsync(hCall, "CONNECTED", "ACTIVE");
        Assert.DoesNotContain(monitor.Received, e => e.Name == "LINE_NEWCALL");
        var status = await monitor.StatusAsync(hCall);
        Assert.Equal("MONITOR", status["callPrivilegeName"]!.Value<string>());

        Assert.Equal("LINEERR_NOTOWNER", await monitor.RefusedAsync("lineHold", new { hCall }));
        Assert.Equal("LINEERR_NOTOWNER", await monitor.RefusedAsync("lineDrop", new { hCall }));
        Assert.Equal("LINEERR_NOTOWNER", await monitor.RefusedAsync("lineBlindTransfer", new { hCall, destAddress = Line(4).Number }));
        Assert.Equal("LINEERR_NOTOWNER", await monitor.RefusedAsync("lineSetupTransfer", new { hCall }));
        Assert.Equal("LINEERR_NOTOWNER", await monitor.RefusedAsync("lineSetCallData", new { hCall, callData = "AQID" }));

        await owner.RequestAsync("lineHold", new { hCall });
        await owner.StateAsync(hCall, "ONHOLD");
        await monitor.StateAsync(hCall, "ONHOLD");

        // After lineClose the monitor's handle gets nothing more and the call is no longer its to address.
        await monitor.InvokeAsync("lineClose", new { hLine = monitorLine });
        Assert.Equal("LINEERR_INVALCALLHANDLE", await monitor.RefusedAsync("lineGetCallStatus", new { hCall }));
        Assert.Equal("LINEERR_INVALLINEHANDLE", await monitor.RefusedAsync("lineClose", new { hLine = monitorLine }));

        await owner.RequestAsync("lineDrop", new { hCall });
        await owner.StateAsync(hCall, "IDLE");
        await far.StateAsync(farCall, "IDLE");
        Assert.Equal(["PROCEEDING", "RINGBACK", "CONNECTED", "ONHOLD"], monitor.StatesOf(hCall)); // nothing after lineClose
        Assert.DoesNotContain(monitor.Received, e => e.Name == "LINE_CLOSE"); // only a forced close sends it, as in TAPI
    }

    [Fact]
    public async Task Call_data_and_an_app_specific_value_stay_with_the_call_and_are_announced_with_LINE_CALLINFO()
    {
        await using var alice = await ConnectAsync("alice");
        await using var bob = await ConnectAsync("bob");
        await using var watcher = await ConnectAsync("watcher");
        var aliceLine = await alice.OpenAsync(Line(0).DeviceId);
        var bobLine = await bob.OpenAsync(Line(1).DeviceId);
        await watcher.OpenAsync(Line(1).DeviceId, "MONITOR");
        var (hCall, offered) = await RingAsync(alice, aliceLine, bob, bobLine, Line(1));

        await bob.InvokeAsync("lineSetAppSpecific", new { hCall = offered, appSpecific = 4242 });
        await bob.CallInfoAsync(offered, "APPSPECIFIC");
        await watcher.CallInfoAsync(offered, "APPSPECIFIC");
        Assert.Equal(4242u, (await watcher.InfoAsync(offered))["appSpecific"]!.Value<uint>());

        var data = Convert.ToBase64String("ticket 1234"u8.ToArray());
        await bob.RequestAsync("lineSetCallData", new { hCall = offered, callData = data });
        await bob.CallInfoAsync(offered, "CALLDATA");
        await watcher.CallInfoAsync(offered, "CALLDATA");
        Assert.Equal(data, (await watcher.InfoAsync(offered))["callData"]!.Value<string>());
        Assert.Equal("LINEERR_INVALPARAM", await bob.RefusedAsync("lineSetCallData", new { hCall = offered, callData = "not base64!" }));

        // lineDrop of an OFFERING call declines it: the caller is rejected.
        await DropAsync(bob, offered);
        await alice.StateAsync(hCall, "DISCONNECTED", "REJECT");
        await alice.StateAsync(hCall, "IDLE");
    }

    [Fact]
    public async Task Unknown_handles_and_operations_the_call_state_does_not_allow_are_refused_with_the_documented_LINEERR()
    {
        await using var alice = await ConnectAsync("alice");
        await using var bob = await ConnectAsync("bob");
        await using var stranger = await ConnectAsync("stranger");
        var aliceLine = await alice.OpenAsync(Line(0).DeviceId);
        var bobLine = await bob.OpenAsync(Line(1).DeviceId);
        const uint unknown = 987654;

        Assert.Equal("LINEERR_INVALCALLHANDLE", await alice.RefusedAsync("lineDrop", new { hCall = unknown }));
        Assert.Equal("LINEERR_INVALCALLHANDLE", await alice.RefusedAsync("lineGetCallInfo", new { hCall = unknown }));
        Assert.Equal("LINEERR_INVALCALLHANDLE", await alice.RefusedAsync("ecstaLocateCall", new { hCall = unknown }));
        Assert.Equal("LINEERR_INVALLINEHANDLE", await alice.RefusedAsync("lineMakeCall", new { hLine = unknown, destAddress = Line(1).Number }));
        Assert.Equal("LINEERR_INVALADDRESS", await alice.RefusedAsync("lineMakeCall", new { hLine = aliceLine, destAddress = " " }));
        Assert.Equal("LINEERR_INVALADDRESSID", await alice.RefusedAsync("lineGetAddressStatus", new { hLine = aliceLine, addressId = 1 }));
        Assert.Equal("LINEERR_INVALPARAM", await alice.RefusedAsync("lineForward", new
        {
            hLine = aliceLine,
            forwardList = new[] { new { forwardMode = "UNCOND", destAddress = Line(2).Number }, new { forwardMode = "UNCOND", destAddress = Line(3).Number } },
        }));

        var (hCall, offered) = await RingAsync(alice, aliceLine, bob, bobLine, Line(1));

        // The caller's RINGBACK call cannot be answered, retrieved, dialled on, transferred or conferenced.
        Assert.Equal("LINEERR_INVALCALLSTATE", await alice.RefusedAsync("lineAnswer", new { hCall }));
        Assert.Equal("LINEERR_INVALCALLSTATE", await alice.RefusedAsync("lineUnhold", new { hCall }));
        Assert.Equal("LINEERR_INVALCALLSTATE", await alice.RefusedAsync("lineDial", new { hCall, destAddress = Line(2).Number }));
        Assert.Equal("LINEERR_INVALCALLSTATE", await alice.RefusedAsync("lineRedirect", new { hCall, destAddress = Line(2).Number }));
        Assert.Equal("LINEERR_INVALCALLSTATE", await alice.RefusedAsync("lineSetupTransfer", new { hCall }));
        Assert.Equal("LINEERR_INVALCALLSTATE", await alice.RefusedAsync("lineDeallocateCall", new { hCall }));
        Assert.Equal("LINEERR_INVALTRANSFERMODE", await alice.RefusedAsync("lineCompleteTransfer", new { hCall, hConsultCall = hCall, transferMode = 4 }));
        Assert.Equal("LINEERR_INVALCONSULTCALLHANDLE", await alice.RefusedAsync("lineCompleteTransfer", new { hCall, hConsultCall = unknown, transferMode = "TRANSFER" }));
        Assert.Equal("LINEERR_INVALCONFCALLHANDLE", await alice.RefusedAsync("lineAddToConference", new { hConfCall = hCall, hConsultCall = hCall }));
        Assert.Equal("LINEERR_INVALCALLSTATE", await alice.RefusedAsync("lineSwapHold", new { hActiveCall = hCall, hHeldCall = hCall }));
        // The called line's OFFERING call cannot be held or blind-transferred before it is answered.
        Assert.Equal("LINEERR_INVALCALLSTATE", await bob.RefusedAsync("lineHold", new { hCall = offered }));
        Assert.Equal("LINEERR_INVALCALLSTATE", await bob.RefusedAsync("lineBlindTransfer", new { hCall = offered, destAddress = Line(2).Number }));

        // An application addresses a call only through a line it has open; ecstaLocateCall says which.
        Assert.Equal("LINEERR_INVALCALLHANDLE", await stranger.RefusedAsync("lineGetCallInfo", new { hCall = offered }));
        var located = await stranger.InvokeObjectAsync("ecstaLocateCall", new { hCall = offered });
        Assert.Equal(Line(1).DeviceId, located["deviceId"]!.Value<uint>());
        var strangerLine = await stranger.OpenAsync(located["deviceId"]!.Value<uint>(), "MONITOR");
        Assert.Equal(offered, Assert.Single((JArray)(await stranger.InvokeAsync("lineGetCalls", new { hLine = strangerLine }))!)["hCall"]!.Value<uint>());
        Assert.Equal("OFFERING", (await stranger.StatusAsync(offered))["callStateName"]!.Value<string>());

        await DropAsync(alice, hCall);
        await bob.StateAsync(offered, "IDLE");
        Assert.Equal("LINEERR_INVALCALLSTATE", await alice.RefusedAsync("lineDrop", new { hCall })); // nothing left to drop
    }

    [Fact]
    public async Task A_wrong_or_missing_token_is_refused_with_HTTP_401()
    {
        var wrong = await Assert.ThrowsAsync<TapiConnectException>(() => TapiClient.ConnectAsync(Host.Api, "not-the-token", CancellationToken.None));
        var missing = await Assert.ThrowsAsync<TapiConnectException>(() => TapiClient.ConnectAsync(Host.Api, "", CancellationToken.None));

        Assert.Contains("401", wrong.Message, StringComparison.Ordinal);
        Assert.Contains("401", missing.Message, StringComparison.Ordinal);
    }
}
