using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;
using Ecsta.Abstractions.Transports;
using Ecsta.Host.Tests.Support;
using Ecsta.Tsp.Provider;

namespace Ecsta.Host.Tests.Tsp;

public sealed class LinkAndTimingTests
{
    private static readonly PlatformCall C1 = Ev.Incoming("c1", "1020");

    [Fact]
    public async Task Link_loss_and_restore_report_OUTOFSERVICE_and_INSERVICE_and_the_snapshot_fixes_the_calls()
    {
        await using var h = await TspHarness.StartAsync();
        var c1 = await Flows.ConnectedIncomingAsync(h, "c1", "1020");
        var c2 = await Flows.ConnectedIncomingAsync(h, "c2", "1021");
        var pendingAnswer = h.Link.HoldNext();
        var hold = h.Provider.Hold(h.LineHandle, c2);
        await h.SettleAsync();

        await h.PushAsync(new LinkStateEvent { State = LinkState.Reconnecting, Reason = "stream closed" });
        Assert.Equal(["LINE_LINEDEVSTATE OUTOFSERVICE", $"ASYNC_COMPLETION {hold.RequestId} LINEERR_RESOURCEUNAVAIL"], h.Take());
        Assert.Equal(LineErr.INVALLINESTATE, h.Provider.Unhold(h.LineHandle, c1).Result);
        Assert.Equal(LineErr.INVALLINESTATE, h.Provider.MakeCall(h.LineHandle, "1040").Result);
        var status = h.Provider.GetLineDevStatus(h.DeviceId)!;
        Assert.False(status.InService);
        Assert.Equal("stream closed", status.OutOfServiceReason);
        Assert.Equal(LineCallState.CONNECTED, h.Status(c1).CallState);
        await h.PushAsync(new LinkStateEvent { State = LinkState.Reconnecting, Reason = "still down" });
        Assert.Empty(h.Take());
        pendingAnswer.SetResult();

        await h.PushAsync(new LinkStateEvent { State = LinkState.Connected });
        Assert.Equal(["LINE_LINEDEVSTATE INSERVICE"], h.Take());

        var snapshot = new CallSnapshotEvent
        {
            UserId = TspHarness.User,
            Calls = [C1.With(BroadWorksCallState.Held), Ev.Incoming("c3", "1050")],
        };
        await h.PushAsync(snapshot);
        var c3 = h.Provider.GetCalls(h.LineHandle).Max();
        Assert.Equal(
        [
            $"LINE_CALLSTATE call={c2} DISCONNECTED/UNKNOWN",
            $"LINE_CALLSTATE call={c2} IDLE",
            $"LINE_CALLSTATE call={c1} ONHOLD",
            $"LINE_NEWCALL call={c3}",
            $"LINE_CALLSTATE call={c3} OFFERING/ACTIVE",
            "LINE_ADDRESSSTATE NUMCALLS",
            "LINE_LINEDEVSTATE RINGING",
        ], h.Take());

        await h.PushAsync(snapshot);
        Assert.Empty(h.Take());
    }

    [Fact]
    public async Task Periodic_snapshot_reads_lines_with_calls_and_ends_calls_the_platform_no_longer_has()
    {
        await using var h = await TspHarness.StartAsync(new TspOptions { SnapshotInterval = TimeSpan.FromSeconds(60) });
        var c1 = await Flows.ConnectedIncomingAsync(h, "c1", "1020");
        h.Link.Snapshots[TspHarness.User] = new CallSnapshotEvent { UserId = TspHarness.User, Calls = [] };
        h.Link.ClearCommands();

        await h.AdvanceAsync(TimeSpan.FromSeconds(60));

        Assert.Contains("GetCalls alice", h.Link.Commands);
        Assert.Equal(
        [
            $"LINE_CALLSTATE call={c1} DISCONNECTED/UNKNOWN",
            $"LINE_CALLSTATE call={c1} IDLE",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());

        h.Link.ClearCommands();
        await h.AdvanceAsync(TimeSpan.FromSeconds(60));
        Assert.DoesNotContain("GetCalls alice", h.Link.Commands);
    }

    [Fact]
    public async Task A_second_call_released_within_the_phantom_window_is_never_shown()
    {
        await using var h = await TspHarness.StartAsync();
        var c1 = await Flows.ConnectedIncomingAsync(h, "c1", "1020");
        var phantom = Ev.Incoming("c9", "1020");

        await h.PushAsync(Ev.E(CallEventKind.Received, phantom));
        await h.AdvanceAsync(TimeSpan.FromMilliseconds(40));
        await h.PushAsync(Ev.Released(phantom));
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Empty(h.Take());
        Assert.Equal([c1], h.Provider.GetCalls(h.LineHandle));
        Assert.Equal(1u, h.Provider.GetAddressStatus(h.DeviceId)!.NumActiveCalls);
    }

    [Fact]
    public async Task Events_of_a_new_call_within_the_window_are_replayed_in_order_when_it_ends()
    {
        await using var h = await TspHarness.StartAsync();
        var c1 = Ev.Incoming("c1", "1020");

        await h.PushAsync(Ev.E(CallEventKind.Received, c1), Ev.E(CallEventKind.Updated, c1 with { RemoteParty = new PartyInfo("Bob", "tel:1020", CallType: "Group") }));
        Assert.Empty(h.Take());
        await h.AdvanceAsync(TimeSpan.FromMilliseconds(250));

        var call = h.Provider.GetCalls(h.LineHandle).Single();
        Assert.Equal(
        [
            $"LINE_NEWCALL call={call}",
            $"LINE_CALLSTATE call={call} OFFERING/ACTIVE",
            $"LINE_CALLINFO call={call} CALLERID",
            "LINE_ADDRESSSTATE NUMCALLS",
            "LINE_LINEDEVSTATE RINGING",
        ], h.Take());
    }

    [Fact]
    public async Task Operation_on_a_call_in_the_wrong_state_fails_with_INVALCALLSTATE_without_touching_the_platform()
    {
        await using var h = await TspHarness.StartAsync();
        await h.PushAsync(Ev.E(CallEventKind.Received, C1));
        await h.AdvanceAsync(Flows.Window);
        var offering = h.Provider.GetCalls(h.LineHandle).Single();
        h.Take();

        Assert.Equal(LineErr.INVALCALLSTATE, h.Provider.Hold(h.LineHandle, offering).Result);
        Assert.Equal(LineErr.INVALCALLSTATE, h.Provider.Unhold(h.LineHandle, offering).Result);
        Assert.Equal(LineErr.INVALCALLSTATE, h.Provider.BlindTransfer(h.LineHandle, offering, "1030").Result);
        Assert.Equal(LineErr.INVALCALLSTATE, h.Provider.SetupTransfer(h.LineHandle, offering).Result);
        Assert.Equal(LineErr.INVALCALLHANDLE, h.Provider.Answer(h.LineHandle, 999).Result);
        await h.SettleAsync();

        Assert.Empty(h.Link.CallCommands);
        Assert.Empty(h.Take());
    }

    [Fact]
    public async Task A_monitor_may_watch_but_not_control_calls()
    {
        await using var h = await TspHarness.StartAsync();
        var watcher = new RecordingSink();
        var monitor = h.Provider.Open(h.DeviceId, watcher, LineCallPrivilege.MONITOR);
        await h.PushAsync(Ev.E(CallEventKind.Received, C1));
        await h.AdvanceAsync(Flows.Window);
        var call = h.Provider.GetCalls(h.LineHandle).Single();

        Assert.Equal(LineErr.NOTOWNER, h.Provider.Answer(monitor.LineHandle, call).Result);
        Assert.Equal(LineErr.NOTOWNER, h.Provider.MakeCall(monitor.LineHandle, "1030").Result);
        Assert.Equal(h.Take(), watcher.Texts);
        Assert.Equal(4, watcher.Texts.Count);
    }

    [Fact]
    public async Task A_request_without_any_answer_fails_with_OPERATIONFAILED_after_the_timeout()
    {
        await using var h = await TspHarness.StartAsync();
        var call = await Flows.ConnectedIncomingAsync(h, "c1", "1020");
        _ = h.Link.HoldNext();

        var hold = h.Provider.Hold(h.LineHandle, call);
        await h.AdvanceAsync(TimeSpan.FromSeconds(9.9));
        Assert.Empty(h.Take());
        await h.AdvanceAsync(TimeSpan.FromSeconds(0.2));

        Assert.Equal([$"ASYNC_COMPLETION {hold.RequestId} LINEERR_OPERATIONFAILED"], h.Take());
        Assert.Equal(LineCallState.CONNECTED, h.Status(call).CallState);
    }

    [Fact]
    public async Task A_request_answered_2xx_but_never_confirmed_completes_with_success_after_the_timeout()
    {
        await using var h = await TspHarness.StartAsync();
        var call = await Flows.ConnectedIncomingAsync(h, "c1", "1020");

        var hold = h.Provider.Hold(h.LineHandle, call);
        await h.AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([$"ASYNC_COMPLETION {hold.RequestId} SUCCESS"], h.Take());
    }

    [Fact]
    public async Task Completion_comes_just_before_the_confirming_events_messages_when_the_event_precedes_the_answer()
    {
        await using var h = await TspHarness.StartAsync();
        var call = await Flows.ConnectedIncomingAsync(h, "c1", "1020");
        var answer = h.Link.HoldNext();

        var hold = h.Provider.Hold(h.LineHandle, call);
        await h.SettleAsync();
        await h.PushAsync(Ev.E(CallEventKind.Held, C1.With(BroadWorksCallState.Held)));
        Assert.Equal([$"ASYNC_COMPLETION {hold.RequestId} SUCCESS", $"LINE_CALLSTATE call={call} ONHOLD", "LINE_ADDRESSSTATE NUMCALLS"], h.Take());
        answer.SetResult();
        await h.SettleAsync();

        Assert.Empty(h.Take());
    }

    [Fact]
    public async Task New_call_events_that_precede_the_calls_new_answer_wait_for_it_and_then_complete_the_request()
    {
        await using var h = await TspHarness.StartAsync();
        var answer = h.Link.HoldNext();
        h.Link.NextCalls.Enqueue(Ev.Started("c1", "t-c1"));

        var make = h.Provider.MakeCall(h.LineHandle, "1020");
        await h.SettleAsync();
        await h.PushAsync(Ev.E(CallEventKind.Originating, Ev.ClickToDial("c1", "1020")));
        Assert.Empty(h.Take());
        answer.SetResult();
        await h.SettleAsync();

        Assert.Equal(
        [
            $"ASYNC_COMPLETION {make.RequestId} SUCCESS",
            $"LINE_CALLSTATE call={make.NewCallHandle} PROCEEDING",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
    }

    [Fact]
    public async Task Monitoring_that_cannot_start_keeps_the_line_out_of_service_with_a_reason_and_is_retried()
    {
        var link = new FakePlatformLink { MonitorFailure = new PlatformException(PlatformErrorKind.Forbidden, "user not in group", 403) };
        await using var h = await TspHarness.StartAsync(new TspOptions { MonitorRetryInterval = TimeSpan.FromSeconds(30) }, link: link);

        var status = h.Provider.GetLineDevStatus(h.DeviceId)!;
        Assert.False(status.InService);
        Assert.Contains("user not in group", status.OutOfServiceReason, StringComparison.Ordinal);
        Assert.Equal(LineErr.INVALLINESTATE, h.Provider.MakeCall(h.LineHandle, "1020").Result);

        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("Monitor alice", link.Commands);
        Assert.False(h.Provider.GetLineDevStatus(h.DeviceId)!.InService);

        link.MonitorFailure = null;
        await h.AdvanceAsync(TimeSpan.FromSeconds(30));
        await h.SettleAsync();
        Assert.True(h.Provider.GetLineDevStatus(h.DeviceId)!.InService);
        Assert.Equal(["LINE_LINEDEVSTATE INSERVICE"], h.Take());
    }

    [Fact]
    public async Task Lines_whose_monitoring_failed_are_monitored_again_as_soon_as_the_link_is_back_not_after_the_retry_interval()
    {
        var link = new FakePlatformLink { MonitorFailure = new PlatformException(PlatformErrorKind.LinkDown, "connection reset") };
        await using var h = await TspHarness.StartAsync(new TspOptions { MonitorRetryInterval = TimeSpan.FromSeconds(30) }, link: link);
        Assert.False(h.Provider.GetLineDevStatus(h.DeviceId)!.InService);
        var attempts = link.Commands.Count(c => c == "Monitor alice");

        link.MonitorFailure = null;
        await h.PushAsync(new LinkStateEvent { State = LinkState.Reconnecting, Reason = "connection reset" });
        await h.PushAsync(new LinkStateEvent { State = LinkState.Connected });
        await h.SettleAsync();

        Assert.Equal(attempts + 1, link.Commands.Count(c => c == "Monitor alice"));
        Assert.True(h.Provider.GetLineDevStatus(h.DeviceId)!.InService);
        Assert.Equal("LINE_LINEDEVSTATE INSERVICE", Assert.Single(h.Take(), m => m.StartsWith("LINE_LINEDEVSTATE", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_line_whose_monitoring_is_still_starting_when_the_link_reports_Connected_is_monitored_only_once()
    {
        // The provider reports the link Connected (on its loop) while MonitorAsync of the start is still under way, as
        // it always is against a real platform: that must not start monitoring the line a second time (in server mode a
        // second MonitorAsync reads the line's calls again, and that late snapshot ends a call made in the meantime).
        var link = new FakePlatformLink { MonitorHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var lines = new[] { new TspLineSettings(TspHarness.User, TspHarness.Number, "Alice Example") };
        await using var provider = new TspProvider(new TspInstanceSettings("starting", lines, new TspOptions()), link, new PassThroughFormatter(),
            new TspHostServices { Time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider() });

        var start = provider.StartAsync(CancellationToken.None);
        await provider.SettleAsync();
        Assert.Equal(["Connect", "Monitor alice"], link.Commands);
        Assert.False(provider.GetLineDevStatus(provider.DeviceIds[0])!.InService);

        link.MonitorHeld.SetResult();
        await start;
        await provider.SettleAsync();
        Assert.Equal(["Connect", "Monitor alice"], link.Commands);
        Assert.True(provider.GetLineDevStatus(provider.DeviceIds[0])!.InService);
    }

    [Fact]
    public async Task Opening_many_lines_reads_their_services_a_few_lines_at_a_time_and_each_line_once()
    {
        var link = new FakePlatformLink { ServiceReadsHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var lines = Enumerable.Range(0, 40).Select(i => new TspLineSettings($"user{i}", $"{100 + i}", $"User {i}")).ToList();
        await using var provider = new TspProvider(new TspInstanceSettings("many", lines, new TspOptions()), link, new PassThroughFormatter(),
            new TspHostServices { Time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider() });
        await provider.StartAsync(CancellationToken.None);
        await provider.SettleAsync();
        var sink = new RecordingSink();

        foreach (var deviceId in provider.DeviceIds)
        {
            Assert.Equal(LineErr.SUCCESS, provider.Open(deviceId, sink, LineCallPrivilege.OWNER).Result);
        }

        await provider.SettleAsync();
        var reads = link.Commands.Count(c => c.StartsWith("GetService", StringComparison.Ordinal));
        Assert.InRange(reads, 1, 8);
        link.ServiceReadsHeld.SetResult();
        using var all = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (link.Commands.Count(c => c.StartsWith("GetService", StringComparison.Ordinal)) < 40 * 5)
        {
            await Task.Delay(10, all.Token);
        }

        await provider.SettleAsync();
        Assert.InRange(link.MaxConcurrentServiceReads, 1, 8);
        Assert.All(link.Commands.Where(c => c.StartsWith("GetService", StringComparison.Ordinal)).GroupBy(c => c), g => Assert.Single(g));
    }

    [Fact]
    public async Task A_terminated_subscription_takes_only_its_line_out_of_service_until_monitoring_is_back()
    {
        await using var h = await TspHarness.StartAsync(new TspOptions { MonitorRetryInterval = TimeSpan.FromSeconds(10) });

        await h.PushAsync(new MonitoringEvent { UserId = TspHarness.User, Monitored = false, Reason = "subscription terminated" });
        Assert.Equal(["LINE_LINEDEVSTATE OUTOFSERVICE"], h.Take());
        Assert.Equal("subscription terminated", h.Provider.GetLineDevStatus(h.DeviceId)!.OutOfServiceReason);

        await h.AdvanceAsync(TimeSpan.FromSeconds(10));
        await h.SettleAsync();
        Assert.Equal(["LINE_LINEDEVSTATE INSERVICE"], h.Take());
    }
}
