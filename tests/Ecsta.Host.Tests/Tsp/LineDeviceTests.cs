using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Tests.Support;
using Ecsta.Tsp.Provider;

namespace Ecsta.Host.Tests.Tsp;

public sealed class LineDeviceTests
{
    [Fact]
    public async Task Address_caps_carry_the_flags_features_and_forward_modes_of_the_mapping()
    {
        await using var h = await TspHarness.StartAsync();

        var caps = h.Provider.GetAddressCaps(h.DeviceId)!;

        Assert.Equal("1010", caps.Address);
        Assert.Equal(0x25001u, (uint)caps.AddrCapFlags);
        Assert.Equal(LineAddrCapFlags.TRANSFERHELD | LineAddrCapFlags.CONFERENCEHELD | LineAddrCapFlags.FWDNUMRINGS | LineAddrCapFlags.FWDSTATUSVALID, caps.AddrCapFlags);
        Assert.Equal(0x8E020AEEu, (uint)caps.CallFeatures);
        Assert.Equal(LineAddrFeature.FORWARD | LineAddrFeature.FORWARDFWD | LineAddrFeature.FORWARDDND | LineAddrFeature.MAKECALL, caps.AddressFeatures);
        Assert.Equal(0x111u, (uint)caps.ForwardModes);
        Assert.Equal(4u, caps.MaxForwardEntries);
        Assert.Equal(LineTransferMode.TRANSFER | LineTransferMode.CONFERENCE, caps.TransferModes);
        Assert.True(caps.MinFwdNumRings <= caps.MaxFwdNumRings);
    }

    [Theory]
    [InlineData(LineNameFormat.Standard, "1010 / Alice Example")]
    [InlineData(LineNameFormat.Number, "1010")]
    [InlineData(LineNameFormat.Name, "Alice Example")]
    public async Task Line_names_follow_the_instances_line_name_format(LineNameFormat format, string expected)
    {
        await using var h = await TspHarness.StartAsync(new TspOptions { LineNameFormat = format });

        var caps = h.Provider.GetDevCaps(h.DeviceId)!;

        Assert.Equal(expected, caps.LineName);
        Assert.Equal(1u, caps.NumAddresses);
    }

    [Fact]
    public async Task Lines_added_and_removed_at_run_time_raise_LINE_CREATE_and_LINE_REMOVE()
    {
        await using var h = await TspHarness.StartAsync();
        var providerSink = new RecordingSink();
        h.Provider.AddProviderSink(providerSink);

        var id = h.Provider.AddLine(new TspLineSettings("bob", "1011", "Bob"));
        await h.SettleAsync();
        Assert.Equal([$"LINE_CREATE device={id}"], providerSink.Texts);
        Assert.Contains("Monitor bob", h.Link.Commands);
        Assert.True(h.Provider.GetLineDevStatus(id)!.InService);

        Assert.True(h.Provider.RemoveLine(TspHarness.User));
        await h.SettleAsync();
        Assert.Equal([$"LINE_CREATE device={id}", $"LINE_REMOVE device={h.DeviceId}"], providerSink.Texts);
        Assert.Equal(["LINE_CLOSE"], h.Take());
        Assert.Null(h.Provider.GetDevCaps(h.DeviceId));
    }

    [Fact]
    public async Task Opening_a_line_without_a_free_seat_fails_with_RESOURCEUNAVAIL_and_the_reason()
    {
        var pool = new TestLicensePool(0);
        await using var h = await TspHarness.StartAsync(licenses: pool, open: false);

        var open = h.Provider.Open(h.DeviceId, new RecordingSink(), LineCallPrivilege.OWNER);

        Assert.Equal(LineErr.RESOURCEUNAVAIL, open.Result);
        Assert.Equal("all 0 line seats are in use", open.Reason);
    }

    [Fact]
    public async Task Several_opens_of_one_line_share_one_seat_given_back_by_the_last_close()
    {
        var pool = new TestLicensePool(1);
        await using var h = await TspHarness.StartAsync(licenses: pool);

        var second = h.Provider.Open(h.DeviceId, new RecordingSink(), LineCallPrivilege.MONITOR);
        Assert.Equal(LineErr.SUCCESS, second.Result);
        Assert.Single(pool.Taken);
        Assert.Equal(LineErr.SUCCESS, h.Provider.Close(second.LineHandle));
        Assert.Single(pool.Taken);
        Assert.Equal(LineErr.SUCCESS, h.Provider.Close(h.LineHandle));
        Assert.Empty(pool.Taken);
    }

    [Fact]
    public async Task TSPI_version_negotiation_offers_at_most_2_2()
    {
        await using var h = await TspHarness.StartAsync();

        Assert.Equal(LineErr.SUCCESS, h.Provider.NegotiateTspiVersion(TspProvider.InitializeNegotiation, 0x10004, 0x30000, out var version));
        Assert.Equal(0x20002u, version);
        Assert.Equal(LineErr.INCOMPATIBLEAPIVERSION, h.Provider.NegotiateTspiVersion(h.DeviceId, 0x10000, 0x10004, out _));
        Assert.Equal(LineErr.BADDEVICEID, h.Provider.NegotiateTspiVersion(999, 0x20000, 0x20002, out _));
    }

    [Fact]
    public async Task Numbers_dialled_use_the_dial_rules_and_reported_numbers_the_rules_of_the_calls_direction()
    {
        await using var h = await TspHarness.StartAsync(formatter: new PassThroughFormatter("in:", "out:", "0"));
        h.Link.NextCalls.Enqueue(Ev.Started("c1", "t-c1"));

        var make = h.Provider.MakeCall(h.LineHandle, "1020");
        await h.SettleAsync();
        await h.PushAsync(Ev.E(Abstractions.Platform.CallEventKind.Originating, Ev.ClickToDial("c1", "01020")));
        await h.PushAsync(Ev.E(Abstractions.Platform.CallEventKind.Received, Ev.Incoming("c2", "1030")));
        await h.AdvanceAsync(Flows.Window);

        Assert.Equal(["Dial alice 01020"], h.Link.CallCommands);
        var outgoing = h.Info(make.NewCallHandle);
        Assert.Equal("out:01020", outgoing.CalledId.Number);
        Assert.Equal("out:1010", outgoing.CallerId.Number);
        var incoming = h.Info(h.Provider.GetCalls(h.LineHandle).Max());
        Assert.Equal("in:1030", incoming.CallerId.Number);
        Assert.Equal("in:1010", incoming.CalledId.Number);
    }

    [Fact]
    public async Task AppSpecific_and_CallData_are_announced_with_LINE_CALLINFO()
    {
        await using var h = await TspHarness.StartAsync();
        var call = await Flows.ConnectedIncomingAsync(h, "c1", "1020");

        Assert.Equal(LineErr.SUCCESS, h.Provider.SetAppSpecific(h.LineHandle, call, 42));
        var data = h.Provider.SetCallData(h.LineHandle, call, new byte[] { 1, 2, 3 });
        await h.SettleAsync();

        Assert.Equal(
        [
            $"LINE_CALLINFO call={call} APPSPECIFIC",
            $"ASYNC_COMPLETION {data.RequestId} SUCCESS",
            $"LINE_CALLINFO call={call} CALLDATA",
        ], h.Take());
        Assert.Equal(42u, h.Info(call).AppSpecific);
        Assert.Equal(new byte[] { 1, 2, 3 }, h.Info(call).CallData.ToArray());
    }
}
