using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Tests.Support;
using Ecsta.Tsp.Provider;

namespace Ecsta.Host.Tests.Tsp;

/// <summary>
/// A snapshot read apart from the event stream reaches the core after newer events of the same line: it must not end,
/// correct or bring back what those events said, and still end real ghosts and announce missing calls.
/// </summary>
public sealed class LateSnapshotTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    private static PlatformCall Active(string callId, string from) => Ev.Incoming(callId, from).With(BroadWorksCallState.Active);

    /// <summary>Starts the periodic snapshot with its read held: it answers <paramref name="calls"/>, as taken now.</summary>
    private static async Task<TaskCompletionSource> StartLateSnapshotAsync(TspHarness h, params PlatformCall[] calls)
    {
        h.Link.Snapshots[TspHarness.User] = new CallSnapshotEvent { UserId = TspHarness.User, Calls = calls };
        var read = new TaskCompletionSource();
        h.Link.SnapshotHeld = read;
        h.Link.ClearCommands();
        await h.AdvanceAsync(Interval);
        Assert.Contains("GetCalls alice", h.Link.Commands);
        return read;
    }

    private static async Task AnswerAsync(TspHarness h, TaskCompletionSource read)
    {
        read.SetResult();
        await h.SettleAsync();
    }

    [Fact]
    public async Task A_call_that_starts_while_a_periodic_snapshot_is_read_survives_the_late_snapshot_that_lacks_it()
    {
        await using var h = await TspHarness.StartAsync(new TspOptions { SnapshotInterval = Interval });
        await Flows.ConnectedIncomingAsync(h, "c1", "1020");
        var read = await StartLateSnapshotAsync(h, Active("c1", "1020"));
        var c2 = await Flows.ConnectedIncomingAsync(h, "c2", "1021");

        await AnswerAsync(h, read);

        Assert.Empty(h.Take());
        Assert.Equal(LineCallState.CONNECTED, h.Status(c2).CallState);
    }

    [Fact]
    public async Task A_late_periodic_snapshot_that_shows_an_older_state_of_a_call_does_not_take_the_call_back_to_it()
    {
        await using var h = await TspHarness.StartAsync(new TspOptions { SnapshotInterval = Interval });
        var c1 = await Flows.ConnectedIncomingAsync(h, "c1", "1020");
        var read = await StartLateSnapshotAsync(h, Active("c1", "1020"));
        await h.PushAsync(Ev.E(CallEventKind.Held, Active("c1", "1020").With(BroadWorksCallState.Held)));
        Assert.Contains($"LINE_CALLSTATE call={c1} ONHOLD", h.Take());

        await AnswerAsync(h, read);

        Assert.Empty(h.Take());
        Assert.Equal(LineCallState.ONHOLD, h.Status(c1).CallState);
    }

    [Fact]
    public async Task A_late_periodic_snapshot_still_ends_a_call_that_had_no_event_since_the_read_was_asked_for()
    {
        await using var h = await TspHarness.StartAsync(new TspOptions { SnapshotInterval = Interval });
        var c1 = await Flows.ConnectedIncomingAsync(h, "c1", "1020");
        var ghost = await Flows.ConnectedIncomingAsync(h, "c2", "1021");
        var read = await StartLateSnapshotAsync(h, Active("c1", "1020"));
        await h.PushAsync(Ev.E(CallEventKind.Held, Active("c1", "1020").With(BroadWorksCallState.Held)));
        h.Take();

        await AnswerAsync(h, read);

        Assert.Equal(
        [
            $"LINE_CALLSTATE call={ghost} DISCONNECTED/UNKNOWN",
            $"LINE_CALLSTATE call={ghost} IDLE",
            "LINE_ADDRESSSTATE NUMCALLS",
        ], h.Take());
        Assert.Equal(LineCallState.ONHOLD, h.Status(c1).CallState);
    }

    [Fact]
    public async Task A_late_periodic_snapshot_still_announces_a_call_the_core_does_not_know()
    {
        await using var h = await TspHarness.StartAsync(new TspOptions { SnapshotInterval = Interval });
        var c1 = await Flows.ConnectedIncomingAsync(h, "c1", "1020");
        var read = await StartLateSnapshotAsync(h, Active("c1", "1020"), Ev.Incoming("c3", "1050"));
        await h.PushAsync(Ev.E(CallEventKind.Held, Active("c1", "1020").With(BroadWorksCallState.Held)));
        h.Take();

        await AnswerAsync(h, read);

        var c3 = h.Provider.GetCalls(h.LineHandle).Max();
        Assert.Equal(
        [
            $"LINE_NEWCALL call={c3}",
            $"LINE_CALLSTATE call={c3} OFFERING/ACTIVE",
            "LINE_ADDRESSSTATE NUMCALLS",
            "LINE_LINEDEVSTATE RINGING",
        ], h.Take());
        Assert.Equal(LineCallState.ONHOLD, h.Status(c1).CallState);
    }

    [Fact]
    public async Task A_call_released_while_a_periodic_snapshot_is_read_is_not_brought_back_by_the_late_snapshot()
    {
        await using var h = await TspHarness.StartAsync(new TspOptions { SnapshotInterval = Interval });
        var c1 = await Flows.ConnectedIncomingAsync(h, "c1", "1020");
        await Flows.ConnectedIncomingAsync(h, "c2", "1021");
        var read = await StartLateSnapshotAsync(h, Active("c1", "1020"), Active("c2", "1021"));
        await h.PushAsync(Ev.Released(Active("c2", "1021")));
        h.Take();

        await AnswerAsync(h, read);

        Assert.Empty(h.Take());
        Assert.Equal([c1], h.Provider.GetCalls(h.LineHandle));
    }

    [Fact]
    public async Task A_snapshot_the_transport_read_apart_from_the_events_spares_calls_with_later_events_and_ends_the_rest()
    {
        await using var h = await TspHarness.StartAsync();
        var c1 = await Flows.ConnectedIncomingAsync(h, "c1", "1020");
        var ghost = await Flows.ConnectedIncomingAsync(h, "c2", "1021");
        var readAt = h.Link.Pushed;
        var c3 = await Flows.ConnectedIncomingAsync(h, "c3", "1030");
        await h.PushAsync(Ev.E(CallEventKind.Held, Active("c1", "1020").With(BroadWorksCallState.Held)));
        h.Take();

        await h.PushAsync(new CallSnapshotEvent
        {
            UserId = TspHarness.User,
            Calls = [Active("c1", "1020"), Ev.Incoming("c4", "1040")],
            ReadAfterEvents = readAt,
        });

        var c4 = h.Provider.GetCalls(h.LineHandle).Max();
        Assert.Equal(
        [
            $"LINE_CALLSTATE call={ghost} DISCONNECTED/UNKNOWN",
            $"LINE_CALLSTATE call={ghost} IDLE",
            $"LINE_NEWCALL call={c4}",
            $"LINE_CALLSTATE call={c4} OFFERING/ACTIVE",
            "LINE_LINEDEVSTATE RINGING",
        ], h.Take());
        Assert.Equal(LineCallState.ONHOLD, h.Status(c1).CallState);
        Assert.Equal(LineCallState.CONNECTED, h.Status(c3).CallState);
    }
}
