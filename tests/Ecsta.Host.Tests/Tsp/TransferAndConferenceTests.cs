using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Tests.Support;
using Ecsta.Tsp.Provider;

namespace Ecsta.Host.Tests.Tsp;

public sealed class TransferAndConferenceTests
{
    private static readonly PlatformCall C1 = Ev.Incoming("c1", "1020");
    private static readonly PlatformCall C2 = Ev.ClickToDial("c2", "1030").AsOriginator();

    [Fact]
    public async Task SetupTransfer_holds_the_original_and_gives_the_consultation_call_DIALTONE_only_after_the_completion()
    {
        await using var h = await TspHarness.StartAsync();
        var o = await Flows.ConnectedIncomingAsync(h, "c1", "1020");

        var setup = h.Provider.SetupTransfer(h.LineHandle, o);
        await h.SettleAsync();
        Assert.Equal(["Hold alice c1"], h.Link.CallCommands);
        Assert.Empty(h.Take());
        await h.PushAsync(Ev.E(CallEventKind.Held, C1.With(BroadWorksCallState.Held)));

        var k = setup.NewCallHandle;
        Assert.Equal(
        [
            $"ASYNC_COMPLETION {setup.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={o} ONHOLDPENDTRANSFER",
            $"LINE_CALLSTATE call={k} DIALTONE/UNAVAIL",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
        Assert.Equal(LineCallFeature.DROP | LineCallFeature.SETCALLDATA | LineCallFeature.DIAL | LineCallFeature.SWAPHOLD, h.Status(k).CallFeatures);
        Assert.Equal(new LineCallIds(0, 0, h.Info(o).CallId), h.Provider.GetCallIds(k));

        h.Link.NextCalls.Enqueue(Ev.Started("c2", "t-c2"));
        var dial = h.Provider.Dial(h.LineHandle, k, "1030");
        await h.SettleAsync();
        await h.PushAsync(Ev.E(CallEventKind.Originating, Ev.ClickToDial("c2", "1030")), Ev.E(CallEventKind.Originated, C2),
            Ev.E(CallEventKind.Answered, C2.With(BroadWorksCallState.Active)));
        Assert.Equal(
        [
            $"ASYNC_COMPLETION {dial.RequestId} SUCCESS",
            $"LINE_CALLINFO call={k} CALLID|CALLEDID",
            $"LINE_CALLSTATE call={k} PROCEEDING",
            $"LINE_CALLSTATE call={k} RINGBACK",
            $"LINE_CALLINFO call={k} CONNECTEDID",
            $"LINE_CALLSTATE call={k} CONNECTED/ACTIVE",
        ], h.Take());
        Assert.Equal(["Hold alice c1", "Dial alice 1030"], h.Link.CallCommands);
        Assert.Equal(new LineCallIds(0, 2, 1), h.Provider.GetCallIds(k));
    }

    [Fact]
    public async Task Consultation_completed_as_transfer_ends_both_calls()
    {
        await using var h = await TspHarness.StartAsync();
        var (o, k) = await Flows.ConsultationAsync(h);
        Assert.True((h.Status(o).CallFeatures & LineCallFeature.COMPLETETRANSF) != 0);

        var complete = h.Provider.CompleteTransfer(h.LineHandle, o, k, LineTransferMode.TRANSFER);
        await h.SettleAsync();
        Assert.Equal(["ConsultTransfer alice c1 c2"], h.Link.CallCommands);
        await h.PushAsync(Ev.E(CallEventKind.Redirected, C1.With(BroadWorksCallState.Detached), C2.With(BroadWorksCallState.Detached)));

        Assert.Equal(
        [
            $"ASYNC_COMPLETION {complete.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={o} DISCONNECTED/NORMAL",
            $"LINE_CALLSTATE call={o} IDLE",
            $"LINE_CALLSTATE call={k} DISCONNECTED/NORMAL",
            $"LINE_CALLSTATE call={k} IDLE",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
        Assert.Equal(["ConsultTransfer alice c1 c2"], h.Link.CallCommands);
    }

    [Fact]
    public async Task Consultation_completed_as_conference_makes_a_CONNECTED_conference_call_with_both_parties_CONFERENCED()
    {
        await using var h = await TspHarness.StartAsync();
        var (o, k) = await Flows.ConsultationAsync(h);

        var complete = h.Provider.CompleteTransfer(h.LineHandle, o, k, LineTransferMode.CONFERENCE);
        await h.SettleAsync();
        Assert.Equal(["StartConference alice c1,c2"], h.Link.CallCommands);
        Assert.Null(h.Provider.GetCallInfo(complete.NewCallHandle));
        await h.PushAsync(Ev.Conference("ConferenceStartedEvent", BroadWorksCallState.Active, "c1", "c2"),
            Ev.E(CallEventKind.Retrieved, C1.With(BroadWorksCallState.Active) with { InConference = true }));

        var f = complete.NewCallHandle;
        Assert.Equal(
        [
            $"ASYNC_COMPLETION {complete.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={f} CONNECTED/ACTIVE",
            $"LINE_CALLINFO call={o} RELATEDCALLID",
            $"LINE_CALLSTATE call={o} CONFERENCED conf={f}",
            $"LINE_CALLINFO call={k} RELATEDCALLID",
            $"LINE_CALLSTATE call={k} CONFERENCED conf={f}",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
        Assert.Equal(LineCallOrigin.CONFERENCE, h.Info(f).Origin);
        Assert.Equal(h.Info(f).CallId, h.Info(o).RelatedCallId);
        Assert.Equal(h.Info(f).CallId, h.Info(k).RelatedCallId);
        Assert.Equal(3u, h.Info(f).CallId);
    }

    [Fact]
    public async Task Conference_refused_with_403_completes_with_OPERATIONUNAVAIL_and_changes_nothing()
    {
        await using var h = await TspHarness.StartAsync();
        var (o, k) = await Flows.ConsultationAsync(h);
        h.Link.FailNext(new Abstractions.Transports.PlatformException(Abstractions.Transports.PlatformErrorKind.Forbidden, "no three-way call", 403));

        var complete = h.Provider.CompleteTransfer(h.LineHandle, o, k, LineTransferMode.CONFERENCE);
        await h.SettleAsync();

        Assert.Equal([$"ASYNC_COMPLETION {complete.RequestId} LINEERR_OPERATIONUNAVAIL"], h.Take());
        Assert.Null(h.Provider.GetCallInfo(complete.NewCallHandle));
        Assert.Equal(LineCallState.ONHOLDPENDTRANSFER, h.Status(o).CallState);
        Assert.Equal(LineCallState.CONNECTED, h.Status(k).CallState);
    }

    [Fact]
    public async Task AddToConference_makes_the_held_conference_CONNECTED_and_the_new_call_CONFERENCED()
    {
        await using var h = await TspHarness.StartAsync();
        var (o, k) = await Flows.ConsultationAsync(h);
        var f = h.Provider.CompleteTransfer(h.LineHandle, o, k, LineTransferMode.CONFERENCE).NewCallHandle;
        await h.SettleAsync();
        await h.PushAsync(Ev.Conference("ConferenceStartedEvent", BroadWorksCallState.Active, "c1", "c2"));
        var hold = h.Provider.Hold(h.LineHandle, f);
        await h.SettleAsync();
        await h.PushAsync(Ev.Conference("ConferenceHeldEvent", BroadWorksCallState.Held, "c1", "c2"));
        h.Take();
        var third = await Flows.ConnectedOutgoingAsync(h, "c3", "1040");
        Assert.True((h.Status(third).CallFeatures & LineCallFeature.ADDTOCONF) != 0);

        var add = h.Provider.AddToConference(h.LineHandle, f, third);
        await h.SettleAsync();
        Assert.Equal(["AddToConference alice c3"], h.Link.CallCommands);
        await h.PushAsync(Ev.Conference("ConferenceUpdatedEvent", BroadWorksCallState.Active, "c1", "c2", "c3"));

        Assert.Equal(
        [
            $"ASYNC_COMPLETION {add.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={f} CONNECTED/ACTIVE",
            $"LINE_CALLINFO call={third} RELATEDCALLID",
            $"LINE_CALLSTATE call={third} CONFERENCED conf={f}",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
        Assert.True(hold.Accepted);
    }

    [Fact]
    public async Task Dropping_the_conference_call_releases_it_and_reports_the_legs_and_the_conference_IDLE()
    {
        await using var h = await TspHarness.StartAsync();
        var (o, k) = await Flows.ConsultationAsync(h);
        var f = h.Provider.CompleteTransfer(h.LineHandle, o, k, LineTransferMode.CONFERENCE).NewCallHandle;
        await h.SettleAsync();
        await h.PushAsync(Ev.Conference("ConferenceStartedEvent", BroadWorksCallState.Active, "c1", "c2"));
        h.Take();
        h.Link.ClearCommands();

        var drop = h.Provider.Drop(h.LineHandle, f);
        await h.SettleAsync();
        Assert.Equal(["ReleaseConference alice"], h.Link.CallCommands);
        await h.PushAsync(Ev.Released(C1.With(BroadWorksCallState.Active), ReleasingParty.Local),
            Ev.Released(C2.With(BroadWorksCallState.Active), ReleasingParty.Local),
            Ev.Conference("ConferenceReleasedEvent", BroadWorksCallState.Released));

        Assert.Equal(
        [
            $"LINE_CALLSTATE call={o} DISCONNECTED/NORMAL",
            $"LINE_CALLSTATE call={o} IDLE",
            "LINE_ADDRESSSTATE NUMCALLS",
            $"LINE_CALLSTATE call={k} DISCONNECTED/NORMAL",
            $"LINE_CALLSTATE call={k} IDLE",
            "LINE_ADDRESSSTATE NUMCALLS",
            $"ASYNC_COMPLETION {drop.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={f} DISCONNECTED/NORMAL",
            $"LINE_CALLSTATE call={f} IDLE",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
    }

    [Fact]
    public async Task SwapHold_holds_the_active_call_in_the_held_calls_former_state_and_reconnects_the_held_one()
    {
        await using var h = await TspHarness.StartAsync();
        var (o, k) = await Flows.ConsultationAsync(h);

        var swap = h.Provider.SwapHold(h.LineHandle, k, o);
        await h.SettleAsync();
        Assert.Equal(["Hold alice c2", "Talk alice c1"], h.Link.CallCommands);
        await h.PushAsync(Ev.E(CallEventKind.Held, C2.With(BroadWorksCallState.Held)));
        await h.PushAsync(Ev.E(CallEventKind.Retrieved, C1.With(BroadWorksCallState.Active)));

        Assert.Equal(
        [
            $"LINE_CALLSTATE call={k} ONHOLDPENDTRANSFER",
            "LINE_ADDRESSSTATE NUMCALLS",
            $"ASYNC_COMPLETION {swap.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={o} CONNECTED/ACTIVE",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
        Assert.True((h.Status(o).CallFeatures & LineCallFeature.COMPLETETRANSF) != 0);
    }

    [Fact]
    public async Task Consultation_dropped_with_return_to_held_on_retrieves_the_held_call()
    {
        await using var h = await TspHarness.StartAsync(new TspOptions { ReturnToHeldParty = true });
        var (o, k) = await Flows.ConsultationAsync(h);

        var drop = h.Provider.Drop(h.LineHandle, k);
        await h.SettleAsync();
        await h.PushAsync(Ev.Released(C2.With(BroadWorksCallState.Active), ReleasingParty.Local));
        Assert.Equal(["Release alice c2", "Talk alice c1"], h.Link.CallCommands);
        Assert.Equal(LineCallState.ONHOLDPENDTRANSFER, h.Status(o).CallState);
        await h.PushAsync(Ev.E(CallEventKind.Retrieved, C1.With(BroadWorksCallState.Active)));

        Assert.Equal(
        [
            $"ASYNC_COMPLETION {drop.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={k} DISCONNECTED/NORMAL",
            $"LINE_CALLSTATE call={k} IDLE",
            "LINE_ADDRESSSTATE NUMCALLS",
            $"LINE_CALLSTATE call={o} CONNECTED/ACTIVE",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
        Assert.DoesNotContain(h.Link.CallCommands, c => c.StartsWith("Reconnect", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Consultation_dropped_with_return_to_held_off_leaves_the_held_call_ONHOLD()
    {
        await using var h = await TspHarness.StartAsync(new TspOptions { ReturnToHeldParty = false });
        var (o, k) = await Flows.ConsultationAsync(h);

        var drop = h.Provider.Drop(h.LineHandle, k);
        await h.SettleAsync();
        await h.PushAsync(Ev.Released(C2.With(BroadWorksCallState.Active), ReleasingParty.Local));

        Assert.Equal(
        [
            $"ASYNC_COMPLETION {drop.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={k} DISCONNECTED/NORMAL",
            $"LINE_CALLSTATE call={k} IDLE",
            $"LINE_CALLSTATE call={o} ONHOLD",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
        Assert.Equal(["Release alice c2"], h.Link.CallCommands);
    }

    [Fact]
    public async Task Undialled_consultation_call_dropped_ends_without_a_command_and_returns_to_the_held_call()
    {
        await using var h = await TspHarness.StartAsync();
        var o = await Flows.ConnectedIncomingAsync(h, "c1", "1020");
        var k = h.Provider.SetupTransfer(h.LineHandle, o).NewCallHandle;
        await h.SettleAsync();
        await h.PushAsync(Ev.E(CallEventKind.Held, C1.With(BroadWorksCallState.Held)));
        h.Take();
        h.Link.ClearCommands();

        var drop = h.Provider.Drop(h.LineHandle, k);
        await h.SettleAsync();

        Assert.Equal(
        [
            $"ASYNC_COMPLETION {drop.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={k} DISCONNECTED/NORMAL",
            $"LINE_CALLSTATE call={k} IDLE",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
        Assert.Equal(["Talk alice c1"], h.Link.CallCommands);
    }
}
