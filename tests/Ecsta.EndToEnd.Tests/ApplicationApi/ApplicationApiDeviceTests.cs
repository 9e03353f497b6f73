using Ecsta.EndToEnd.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace Ecsta.EndToEnd.Tests.ApplicationApi;

/// <summary>
/// The device-level methods of the manual's TSPI list through the real WebSocket of the demo host (XSI transport,
/// simulator): line status, address ids, device ids, extensions, media detection, status-message filters and
/// device configuration, each with TAPI's refusals.
/// </summary>
public abstract class ApplicationApiDeviceTests(DemoHost host) : ApplicationApiTest(host)
{
    [Fact]
    public async Task LineGetLineDevStatus_counts_opens_and_active_calls_and_says_the_line_is_in_service()
    {
        await using var alice = await ConnectAsync("alice");
        await using var bob = await ConnectAsync("bob");
        var aliceLine = await alice.OpenAsync(Line(0).DeviceId);
        var bobLine = await bob.OpenAsync(Line(1).DeviceId);
        var monitor = await bob.OpenAsync(Line(0).DeviceId, "MONITOR");

        var idle = await alice.InvokeObjectAsync("lineGetLineDevStatus", new { hLine = aliceLine });
        Assert.Equal(Line(0).DeviceId, idle["deviceId"]!.Value<uint>());
        Assert.Equal(2u, idle["numOpens"]!.Value<uint>());
        Assert.Equal(0u, idle["numActiveCalls"]!.Value<uint>());
        Assert.Equal("CONNECTED|INSERVICE", idle["devStatusFlagsName"]!.Value<string>());
        Assert.Equal(0x5u, idle["devStatusFlags"]!.Value<uint>());
        Assert.Equal("UNAVAIL", idle["roamModeName"]!.Value<string>());
        Assert.Contains("MAKECALL", idle["lineFeaturesName"]!.Value<string>()!.Split('|'));
        Assert.Null(idle["outOfServiceReason"]!.Value<string?>());

        var (call, _) = await AnsweredCallAsync(alice, aliceLine, bob, bobLine, Line(1));
        var busy = await alice.InvokeObjectAsync("lineGetLineDevStatus", new { hLine = aliceLine });
        Assert.Equal(1u, busy["numActiveCalls"]!.Value<uint>());
        await DropAsync(alice, call);
        await bob.InvokeAsync("lineClose", new { hLine = monitor });
        Assert.Equal(1u, (await alice.InvokeObjectAsync("lineGetLineDevStatus", new { hLine = aliceLine }))["numOpens"]!.Value<uint>());
        Assert.Equal("LINEERR_INVALLINEHANDLE", await alice.RefusedAsync("lineGetLineDevStatus", new { hLine = 987654u }));
    }

    [Fact]
    public async Task A_line_has_one_address_found_by_its_number_and_every_call_is_on_it()
    {
        await using var alice = await ConnectAsync("alice");
        await using var bob = await ConnectAsync("bob");
        var aliceLine = await alice.OpenAsync(Line(0).DeviceId);
        var bobLine = await bob.OpenAsync(Line(1).DeviceId);

        Assert.Equal(1u, (await alice.InvokeObjectAsync("lineGetNumAddressIDs", new { hLine = aliceLine }))["numAddressIds"]!.Value<uint>());
        var found = await alice.InvokeObjectAsync("lineGetAddressID", new { hLine = aliceLine, addressMode = 2, address = Line(0).Number });
        Assert.Equal(0u, found["addressId"]!.Value<uint>());
        Assert.Equal("LINEERR_INVALADDRESS", await alice.RefusedAsync("lineGetAddressID", new { hLine = aliceLine, addressMode = 2, address = Line(1).Number }));
        Assert.Equal("LINEERR_INVALADDRESSMODE", await alice.RefusedAsync("lineGetAddressID", new { hLine = aliceLine, addressMode = 1, address = "0" }));

        var (call, _) = await RingAsync(alice, aliceLine, bob, bobLine, Line(1));
        Assert.Equal(0u, (await alice.InvokeObjectAsync("lineGetCallAddressID", new { hCall = call }))["addressId"]!.Value<uint>());
        Assert.Equal("LINEERR_INVALCALLHANDLE", await alice.RefusedAsync("lineGetCallAddressID", new { hCall = 987654u }));
        await DropAsync(alice, call);
    }

    [Fact]
    public async Task LineGetID_answers_tapi_line_for_a_line_its_address_and_a_call_and_refuses_tapi_phone_and_other_classes()
    {
        await using var alice = await ConnectAsync("alice");
        await using var bob = await ConnectAsync("bob");
        var aliceLine = await alice.OpenAsync(Line(0).DeviceId);
        var bobLine = await bob.OpenAsync(Line(1).DeviceId);
        var (call, _) = await RingAsync(alice, aliceLine, bob, bobLine, Line(1));

        var byLine = await alice.InvokeObjectAsync("lineGetID", new { deviceClass = "tapi/line", select = 1, hLine = aliceLine });
        var byAddress = await alice.InvokeObjectAsync("lineGetID", new { deviceClass = "TAPI/LINE", select = 2, hLine = aliceLine, addressId = 0 });
        var byCall = await alice.InvokeObjectAsync("lineGetID", new { deviceClass = "tapi/line", select = 4, hCall = call });

        Assert.Equal([Line(0).DeviceId, Line(0).DeviceId, Line(0).DeviceId], new[] { byLine, byAddress, byCall }.Select(r => r["deviceId"]!.Value<uint>()));
        Assert.Equal("LINEERR_NODEVICE", await alice.RefusedAsync("lineGetID", new { deviceClass = "tapi/phone", select = 1, hLine = aliceLine }));
        Assert.Equal("LINEERR_INVALDEVICECLASS", await alice.RefusedAsync("lineGetID", new { deviceClass = "wave/in", select = 1, hLine = aliceLine }));
        Assert.Equal("LINEERR_INVALCALLSELECT", await alice.RefusedAsync("lineGetID", new { deviceClass = "tapi/line", select = 8, hLine = aliceLine }));
        Assert.Equal("LINEERR_INVALADDRESSID", await alice.RefusedAsync("lineGetID", new { deviceClass = "tapi/line", select = 2, hLine = aliceLine, addressId = 1 }));
        await DropAsync(alice, call);
    }

    [Fact]
    public async Task Ecsta_s_extension_is_negotiated_in_its_one_version_selected_per_handle_and_names_what_lineDevSpecific_offers()
    {
        await using var app = await ConnectAsync("ext");
        var device = Line(2).DeviceId;
        var hLine = await app.OpenAsync(device);

        var id = await app.InvokeObjectAsync("lineGetExtensionID", new { deviceId = device, apiVersion = 0x00020002 });
        Assert.Equal(4, ((JArray)id["extensionId"]!).Count);
        Assert.Matches("^\\{[0-9a-f-]{36}\\}$", id["extensionIdText"]!.Value<string>()!);
        Assert.Equal(["remoteOffice"], id["devSpecificFeatures"]!.Values<string>());
        var negotiated = await app.InvokeObjectAsync("lineNegotiateExtVersion", new { deviceId = device, apiVersion = 0x00020002, extLowVersion = 0x00010000, extHighVersion = 0x7FFFFFFF });
        Assert.Equal(0x00010000u, negotiated["extVersion"]!.Value<uint>());
        Assert.Equal("LINEERR_INCOMPATIBLEEXTVERSION", await app.RefusedAsync("lineNegotiateExtVersion", new { deviceId = device, apiVersion = 0x00020002, extLowVersion = 0x00020000, extHighVersion = 0x00030000 }));
        Assert.Equal("LINEERR_INCOMPATIBLEAPIVERSION", await app.RefusedAsync("lineNegotiateExtVersion", new { deviceId = device, apiVersion = 0x00010004, extLowVersion = 0x00010000, extHighVersion = 0x00010000 }));
        Assert.Equal("LINEERR_BADDEVICEID", await app.RefusedAsync("lineGetExtensionID", new { deviceId = 987654u, apiVersion = 0x00020002 }));

        Assert.Equal(0x00010000u, (await app.InvokeObjectAsync("lineSelectExtVersion", new { hLine, extVersion = 0x00010000 }))["extVersion"]!.Value<uint>());
        Assert.Equal(0u, (await app.InvokeObjectAsync("lineSelectExtVersion", new { hLine, extVersion = 0 }))["extVersion"]!.Value<uint>());
        Assert.Equal("LINEERR_INCOMPATIBLEEXTVERSION", await app.RefusedAsync("lineSelectExtVersion", new { hLine, extVersion = 0x00020000 }));
        Assert.Null((await app.InvokeObjectAsync("lineGetIcon", new { deviceId = device, deviceClass = "tapi/line" }))["icon"]!.Value<string?>());
        Assert.Equal("LINEERR_INVALDEVICECLASS", await app.RefusedAsync("lineGetIcon", new { deviceId = device, deviceClass = "comm/datamodem" }));
    }

    [Fact]
    public async Task LineSetStatusMessages_narrows_what_that_handle_gets_while_another_handle_still_gets_everything()
    {
        await using var alice = await ConnectAsync("alice");
        await using var filtered = await ConnectAsync("filtered");
        await using var everything = await ConnectAsync("everything");
        var aliceLine = await alice.OpenAsync(Line(3).DeviceId);
        var narrow = await filtered.OpenAsync(Line(4).DeviceId, "MONITOR");
        var wide = await everything.OpenAsync(Line(4).DeviceId, "MONITOR");
        var bobLine = await filtered.OpenAsync(Line(4).DeviceId);

        // LINEDEVSTATE_INSERVICE only (no RINGING), LINEADDRESSSTATE_FORWARD only (no NUMCALLS).
        await filtered.InvokeAsync("lineSetStatusMessages", new { hLine = narrow, lineStates = 0x40, addressStates = 0x40 });
        var (call, offered) = await RingAsync(alice, aliceLine, filtered, bobLine, Line(4));
        await everything.AddressStateAsync(wide, "NUMCALLS");
        await everything.ExpectAsync("LINE_LINEDEVSTATE RINGING", "LINE_LINEDEVSTATE", p => p["hLine"]!.Value<uint>() == wide && p["names"]!["param1"]!.Value<string>() == "RINGING");
        await filtered.AddressStateAsync(bobLine, "NUMCALLS"); // the same application's unfiltered handle
        await DropAsync(alice, call);

        // One handle's messages arrive in the core's order: its DISCONNECTED comes after everything the ringing sent it.
        var disconnected = await filtered.ExpectAsync("LINE_CALLSTATE DISCONNECTED on the filtered handle", "LINE_CALLSTATE", p =>
            p["hLine"]!.Value<uint>() == narrow && p["hCall"]!.Value<uint>() == offered && p["names"]!["param1"]!.Value<string>() == "DISCONNECTED");
        var beforeDrop = filtered.Received.Take(filtered.IndexOf(disconnected)).Where(e => e.Payload["hLine"]?.Value<uint>() == narrow).ToList();
        Assert.Contains(beforeDrop, e => e.Name == "LINE_CALLSTATE" && e.Payload["names"]!["param1"]!.Value<string>() == "OFFERING");
        Assert.DoesNotContain(beforeDrop, e => e.Name is "LINE_LINEDEVSTATE" or "LINE_ADDRESSSTATE");
        Assert.Equal("LINEERR_INVALLINESTATE", await filtered.RefusedAsync("lineSetStatusMessages", new { hLine = narrow, lineStates = 0x40000000, addressStates = 0 }));
        Assert.Equal("LINEERR_INVALADDRESSSTATE", await filtered.RefusedAsync("lineSetStatusMessages", new { hLine = narrow, lineStates = 0, addressStates = 0x40000000 }));
    }

    [Fact]
    public async Task Media_detection_takes_interactive_voice_and_refuses_other_media_modes()
    {
        await using var app = await ConnectAsync("media");
        var hLine = await app.OpenAsync(Line(2).DeviceId);

        await app.InvokeAsync("lineSetDefaultMediaDetection", new { hLine, mediaModes = 0x4 });
        await app.InvokeAsync("lineSetDefaultMediaDetection", new { hLine, mediaModes = 0 });
        await app.InvokeAsync("lineConditionalMediaDetection", new { hLine, mediaModes = 0x4 });

        Assert.Equal("LINEERR_INVALMEDIAMODE", await app.RefusedAsync("lineSetDefaultMediaDetection", new { hLine, mediaModes = 0x10 }));
        Assert.Equal("LINEERR_INVALMEDIAMODE", await app.RefusedAsync("lineConditionalMediaDetection", new { hLine, mediaModes = 0 }));
        Assert.Equal("LINEERR_INVALMEDIAMODE", await app.RefusedAsync("lineConditionalMediaDetection", new { hLine, mediaModes = 0x8 }));
    }

    [Fact]
    public async Task A_device_configuration_blob_round_trips_per_line_and_other_classes_and_oversized_blobs_are_refused()
    {
        await using var writer = await ConnectAsync("writer");
        await using var reader = await ConnectAsync("reader");
        var device = Line(2).DeviceId;
        var blob = Convert.ToBase64String([1, 2, 3, 0, 255]);

        await writer.InvokeAsync("lineSetDevConfig", new { deviceId = device, deviceClass = "tapi/line", devConfig = blob });

        Assert.Equal(blob, (await reader.InvokeObjectAsync("lineGetDevConfig", new { deviceId = device, deviceClass = "tapi/line" }))["devConfig"]!.Value<string>());
        Assert.NotEqual(blob, (await reader.InvokeObjectAsync("lineGetDevConfig", new { deviceId = Line(3).DeviceId, deviceClass = "tapi/line" }))["devConfig"]!.Value<string>());
        Assert.Equal("LINEERR_INVALDEVICECLASS", await reader.RefusedAsync("lineGetDevConfig", new { deviceId = device, deviceClass = "comm" }));
        Assert.Equal("LINEERR_INVALPARAM", await writer.RefusedAsync("lineSetDevConfig", new { deviceId = device, deviceClass = "tapi/line", devConfig = "not base64!" }));
        Assert.Equal("LINEERR_INVALPARAM", await writer.RefusedAsync("lineSetDevConfig", new { deviceId = device, deviceClass = "tapi/line", devConfig = Convert.ToBase64String(new byte[65 * 1024]) }));
        Assert.Equal(blob, (await reader.InvokeObjectAsync("lineGetDevConfig", new { deviceId = device, deviceClass = "tapi/line" }))["devConfig"]!.Value<string>());
        await writer.InvokeAsync("lineSetDevConfig", new { deviceId = device, deviceClass = "tapi/line", devConfig = "" });
    }

    [Fact]
    public async Task User_user_info_and_device_specific_features_are_refused_and_lineCloseCall_deallocates_an_idle_call()
    {
        await using var alice = await ConnectAsync("alice");
        await using var bob = await ConnectAsync("bob");
        var aliceLine = await alice.OpenAsync(Line(0).DeviceId);
        var bobLine = await bob.OpenAsync(Line(1).DeviceId);
        var (call, _) = await AnsweredCallAsync(alice, aliceLine, bob, bobLine, Line(1));

        Assert.Equal("LINEERR_OPERATIONUNAVAIL", await alice.RefusedAsync("lineSendUserUserInfo", new { hCall = call, userUserInfo = "aGk=" }));
        Assert.Equal("LINEERR_INVALFEATURE", await alice.RefusedAsync("lineDevSpecificFeature", new { hLine = aliceLine, feature = 1 }));
        Assert.Equal("LINEERR_INVALCALLSTATE", await alice.RefusedAsync("lineCloseCall", new { hCall = call }));
        await DropAsync(alice, call);

        await alice.InvokeAsync("lineCloseCall", new { hCall = call });
        Assert.Equal("LINEERR_INVALCALLHANDLE", await alice.RefusedAsync("lineGetCallInfo", new { hCall = call }));
    }

    [Fact]
    public async Task The_provider_snapshot_carries_the_versions_the_extension_and_every_line()
    {
        await using var app = await ConnectAsync("bridge");

        var snapshot = await app.InvokeObjectAsync("ecstaProviderSnapshot");

        Assert.Equal(0x00020000u, snapshot["lowestApiVersion"]!.Value<uint>());
        Assert.Equal(0x00020002u, snapshot["highestApiVersion"]!.Value<uint>());
        Assert.Equal(0x00010000u, snapshot["extVersion"]!.Value<uint>());
        Assert.Equal(Host.Lines.Select(l => l.DeviceId), snapshot["lines"]!.Select(l => l["deviceId"]!.Value<uint>()));
    }
}
