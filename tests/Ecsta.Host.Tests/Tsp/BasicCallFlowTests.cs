using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Tests.Support;
using Ecsta.Tsp.Provider;

namespace Ecsta.Host.Tests.Tsp;

public sealed class BasicCallFlowTests
{
    [Fact]
    public async Task Click_to_dial_answered_reports_PROCEEDING_then_RINGBACK_then_CONNECTED_after_the_completion()
    {
        await using var h = await TspHarness.StartAsync();
        h.Link.NextCalls.Enqueue(Ev.Started("c1", "t-c1"));

        var make = h.Provider.MakeCall(h.LineHandle, "1020");
        await h.SettleAsync();

        Assert.True(make.Accepted);
        Assert.Equal(["Dial alice 1020"], h.Link.CallCommands);
        Assert.Empty(h.Take());
        Assert.Null(h.Provider.GetCallInfo(make.NewCallHandle));

        var c1 = Ev.ClickToDial("c1", "1020");
        await h.PushAsync(Ev.E(CallEventKind.Originating, c1), new HookStatusEvent { UserId = TspHarness.User, HookStatus = HookStatus.OffHook });
        await h.PushAsync(Ev.E(CallEventKind.Originated, c1.AsOriginator()));
        await h.PushAsync(Ev.E(CallEventKind.Answered, c1.AsOriginator().With(BroadWorksCallState.Active)));

        var call = make.NewCallHandle;
        Assert.Equal(
        [
            $"ASYNC_COMPLETION {make.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={call} PROCEEDING",
            "LINE_ADDRESSSTATE NUMCALLS",
            "LINE_ADDRESSSTATE INUSEONE",
            $"LINE_CALLSTATE call={call} RINGBACK",
            $"LINE_CALLINFO call={call} CONNECTEDID",
            $"LINE_CALLSTATE call={call} CONNECTED/ACTIVE",
        ], h.Take());

        var status = h.Status(call);
        Assert.Equal(LineCallFeature.DROP | LineCallFeature.SETCALLDATA | LineCallFeature.HOLD | LineCallFeature.BLINDTRANSFER |
            LineCallFeature.SETUPTRANSFER | LineCallFeature.GENERATEDIGITS, status.CallFeatures);
        var info = h.Info(call);
        Assert.Equal(LineCallOrigin.OUTBOUND, info.Origin);
        Assert.Equal(LineCallReason.DIRECT, info.Reason);
        Assert.Equal(new PartyId(LineCallPartyId.ADDRESS | LineCallPartyId.NAME, "1010", "Alice Example"), info.CallerId);
        Assert.Equal(new PartyId(LineCallPartyId.ADDRESS, "1020", ""), info.CalledId);
        Assert.Equal(new PartyId(LineCallPartyId.ADDRESS, "1020", ""), info.ConnectedId);
        Assert.Equal(1u, info.CallId);
        Assert.Equal(1u, h.Provider.GetAddressStatus(h.DeviceId)!.NumActiveCalls);
    }

    [Fact]
    public async Task Outgoing_call_to_a_busy_party_reports_BUSY_then_DISCONNECTED_BUSY_and_IDLE()
    {
        await using var h = await TspHarness.StartAsync();
        h.Link.NextCalls.Enqueue(Ev.Started("c1", "t-c1"));
        var make = h.Provider.MakeCall(h.LineHandle, "1020");
        await h.SettleAsync();
        var c1 = Ev.ClickToDial("c1", "1020");

        await h.PushAsync(
            Ev.E(CallEventKind.Originating, c1),
            Ev.E(CallEventKind.Originated, c1.AsOriginator()),
            Ev.E(CallEventKind.Releasing, c1.AsOriginator() with { ReleaseCause = new ReleaseCause("Busy") }),
            Ev.Released(c1.AsOriginator(), ReleasingParty.Remote, "Busy"));

        var call = make.NewCallHandle;
        Assert.Equal(
        [
            $"ASYNC_COMPLETION {make.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={call} PROCEEDING",
            "LINE_ADDRESSSTATE NUMCALLS",
            $"LINE_CALLSTATE call={call} RINGBACK",
            $"LINE_CALLSTATE call={call} BUSY/UNKNOWN",
            $"LINE_CALLSTATE call={call} DISCONNECTED/BUSY",
            $"LINE_CALLSTATE call={call} IDLE",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
        Assert.Equal(LineCallState.IDLE, h.Status(call).CallState);
        Assert.Equal(LineCallFeature.None, h.Status(call).CallFeatures);
    }

    [Fact]
    public async Task Own_phone_not_answering_a_click_to_dial_call_ends_it_with_DISCONNECTED_NOANSWER()
    {
        await using var h = await TspHarness.StartAsync();
        h.Link.NextCalls.Enqueue(Ev.Started("c1", "t-c1"));
        var make = h.Provider.MakeCall(h.LineHandle, "1020");
        await h.SettleAsync();
        var c1 = Ev.ClickToDial("c1", "1020");

        await h.PushAsync(Ev.E(CallEventKind.Originating, c1), Ev.Released(c1, ReleasingParty.Remote));

        Assert.Equal(
        [
            $"ASYNC_COMPLETION {make.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={make.NewCallHandle} PROCEEDING",
            "LINE_ADDRESSSTATE NUMCALLS",
            $"LINE_CALLSTATE call={make.NewCallHandle} DISCONNECTED/NOANSWER",
            $"LINE_CALLSTATE call={make.NewCallHandle} IDLE",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
    }

    [Fact]
    public async Task MakeCall_refused_with_400_completes_with_INVALADDRESS_and_no_call_states()
    {
        await using var h = await TspHarness.StartAsync();
        h.Link.FailNext(new Abstractions.Transports.PlatformException(Abstractions.Transports.PlatformErrorKind.InvalidAddress, "bad address", 400));

        var make = h.Provider.MakeCall(h.LineHandle, "abc");
        await h.SettleAsync();

        Assert.Equal([$"ASYNC_COMPLETION {make.RequestId} LINEERR_INVALADDRESS"], h.Take());
        Assert.Null(h.Provider.GetCallInfo(make.NewCallHandle));
        Assert.Empty(h.Provider.GetCalls(h.LineHandle));
    }

    [Fact]
    public async Task Incoming_call_answered_reports_NEWCALL_OFFERING_RINGING_then_CONNECTED()
    {
        await using var h = await TspHarness.StartAsync();
        var c1 = Ev.Incoming("c1", "1020") with { RemoteParty = new PartyInfo("Bob", "tel:1020", CallType: "Network") };

        await h.PushAsync(Ev.E(CallEventKind.Received, c1));
        Assert.Empty(h.Take());
        await h.AdvanceAsync(Flows.Window);
        var call = h.Provider.GetCalls(h.LineHandle).Single();
        Assert.Equal(
        [
            $"LINE_NEWCALL call={call}",
            $"LINE_CALLSTATE call={call} OFFERING/ACTIVE",
            "LINE_ADDRESSSTATE NUMCALLS",
            "LINE_LINEDEVSTATE RINGING",
        ], h.Take());
        Assert.Equal(LineCallFeature.DROP | LineCallFeature.SETCALLDATA | LineCallFeature.ANSWER | LineCallFeature.REDIRECT, h.Status(call).CallFeatures);

        var answer = h.Provider.Answer(h.LineHandle, call);
        await h.SettleAsync();
        Assert.Equal(["Talk alice c1"], h.Link.CallCommands);
        await h.PushAsync(Ev.E(CallEventKind.Answered, c1.With(BroadWorksCallState.Active)));

        Assert.Equal(
        [
            $"ASYNC_COMPLETION {answer.RequestId} SUCCESS",
            $"LINE_CALLINFO call={call} CONNECTEDID",
            $"LINE_CALLSTATE call={call} CONNECTED/ACTIVE",
        ], h.Take());
        var info = h.Info(call);
        Assert.Equal(LineCallOrigin.EXTERNAL, info.Origin);
        Assert.Equal(new PartyId(LineCallPartyId.ADDRESS | LineCallPartyId.NAME, "1020", "Bob"), info.CallerId);
        Assert.Equal(new PartyId(LineCallPartyId.ADDRESS | LineCallPartyId.NAME, "1010", "Alice Example"), info.CalledId);
        Assert.Equal(info.CallerId, info.ConnectedId);
    }

    [Fact]
    public async Task Incoming_call_rejected_with_lineDrop_declines_it_and_reports_DISCONNECTED_NORMAL_then_IDLE()
    {
        await using var h = await TspHarness.StartAsync();
        var c1 = Ev.Incoming("c1", "1020");
        await h.PushAsync(Ev.E(CallEventKind.Received, c1));
        await h.AdvanceAsync(Flows.Window);
        var call = h.Provider.GetCalls(h.LineHandle).Single();
        h.Take();

        var drop = h.Provider.Drop(h.LineHandle, call);
        await h.SettleAsync();
        Assert.Equal(["Release alice c1 decline"], h.Link.CallCommands);
        await h.PushAsync(Ev.Released(c1, ReleasingParty.Local));

        Assert.Equal(
        [
            $"ASYNC_COMPLETION {drop.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={call} DISCONNECTED/NORMAL",
            $"LINE_CALLSTATE call={call} IDLE",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
    }

    [Fact]
    public async Task Incoming_call_redirected_reports_DISCONNECTED_FORWARDED_then_IDLE()
    {
        await using var h = await TspHarness.StartAsync();
        var c1 = Ev.Incoming("c1", "1020");
        await h.PushAsync(Ev.E(CallEventKind.Received, c1));
        await h.AdvanceAsync(Flows.Window);
        var call = h.Provider.GetCalls(h.LineHandle).Single();
        h.Take();

        var redirect = h.Provider.Redirect(h.LineHandle, call, "1030");
        await h.SettleAsync();
        Assert.Equal(["BlindTransfer alice c1 1030"], h.Link.CallCommands);
        await h.PushAsync(Ev.E(CallEventKind.Redirected, c1.With(BroadWorksCallState.Detached) with
        {
            Redirect = new Redirection(new PartyInfo(null, "tel:1030"), "deflection"),
        }));

        Assert.Equal(
        [
            $"ASYNC_COMPLETION {redirect.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={call} DISCONNECTED/FORWARDED",
            $"LINE_CALLSTATE call={call} IDLE",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
    }

    [Fact]
    public async Task Remote_release_reports_DISCONNECTED_then_IDLE_and_nothing_after_IDLE()
    {
        await using var h = await TspHarness.StartAsync();
        var call = await Flows.ConnectedIncomingAsync(h, "c1", "1020");
        var c1 = Ev.Incoming("c1", "1020").With(BroadWorksCallState.Active);

        await h.PushAsync(Ev.Released(c1, ReleasingParty.Remote), Ev.E(CallEventKind.Detached, c1.With(BroadWorksCallState.Detached)), Ev.Released(c1));

        Assert.Equal(
        [
            $"LINE_CALLSTATE call={call} DISCONNECTED/NORMAL",
            $"LINE_CALLSTATE call={call} IDLE",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
    }

    [Fact]
    public async Task Hold_and_unhold_report_ONHOLD_and_CONNECTED_after_their_confirming_events()
    {
        await using var h = await TspHarness.StartAsync();
        var call = await Flows.ConnectedIncomingAsync(h, "c1", "1020");
        var c1 = Ev.Incoming("c1", "1020");

        var hold = h.Provider.Hold(h.LineHandle, call);
        await h.SettleAsync();
        Assert.Empty(h.Take());
        await h.PushAsync(Ev.E(CallEventKind.Held, c1.With(BroadWorksCallState.Held)));
        Assert.Equal(
        [
            $"ASYNC_COMPLETION {hold.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={call} ONHOLD",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
        Assert.Equal(LineCallFeature.DROP | LineCallFeature.SETCALLDATA | LineCallFeature.UNHOLD, h.Status(call).CallFeatures);
        Assert.Equal(1u, h.Provider.GetAddressStatus(h.DeviceId)!.NumOnHoldCalls);

        var unhold = h.Provider.Unhold(h.LineHandle, call);
        await h.SettleAsync();
        await h.PushAsync(Ev.E(CallEventKind.Retrieved, c1.With(BroadWorksCallState.Active)));
        Assert.Equal(
        [
            $"ASYNC_COMPLETION {unhold.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={call} CONNECTED/ACTIVE",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
        Assert.Equal(["Hold alice c1", "Talk alice c1"], h.Link.CallCommands);
    }

    [Fact]
    public async Task Remote_hold_changes_nothing()
    {
        await using var h = await TspHarness.StartAsync();
        var call = await Flows.ConnectedIncomingAsync(h, "c1", "1020");

        await h.PushAsync(Ev.E(CallEventKind.Held, Ev.Incoming("c1", "1020").With(BroadWorksCallState.RemoteHeld)));

        Assert.Empty(h.Take());
        Assert.Equal(LineCallState.CONNECTED, h.Status(call).CallState);
    }

    [Fact]
    public async Task Blind_transfer_reports_DISCONNECTED_NORMAL_then_IDLE_after_the_redirected_event()
    {
        await using var h = await TspHarness.StartAsync();
        var call = await Flows.ConnectedIncomingAsync(h, "c1", "1020");

        var transfer = h.Provider.BlindTransfer(h.LineHandle, call, "1030");
        await h.SettleAsync();
        Assert.Equal(["BlindTransfer alice c1 1030"], h.Link.CallCommands);
        await h.PushAsync(Ev.E(CallEventKind.Redirected, Ev.Incoming("c1", "1020").With(BroadWorksCallState.Detached) with
        {
            Redirect = new Redirection(new PartyInfo(null, "tel:1030"), "transfer"),
        }));

        Assert.Equal(
        [
            $"ASYNC_COMPLETION {transfer.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={call} DISCONNECTED/NORMAL",
            $"LINE_CALLSTATE call={call} IDLE",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
    }
}
