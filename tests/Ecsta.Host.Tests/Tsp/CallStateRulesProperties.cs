using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;
using Ecsta.Tsp.Provider;
using FsCheck.Xunit;

namespace Ecsta.Host.Tests.Tsp;

/// <summary>
/// The state deriver on its own (docs/tapi-mapping.md R2): for any platform call, event kind and current call, the
/// TAPI state it derives.
/// </summary>
public sealed class CallStateRulesProperties
{
    private static readonly DateTimeOffset Answered = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Property]
    public bool A_conference_member_is_CONFERENCED_with_its_parents_handle_whatever_the_platform_says(
        BroadWorksCallState state, CallPersonality personality, CallEventKind kind, bool answered, LineCallState current, uint parent) =>
        Derive(Context(current) with { ConferenceHandle = parent }, state, personality, kind, answered) == (LineCallState.CONFERENCED, parent);

    [Property]
    public bool A_collecting_event_outside_a_conference_is_DIALING(BroadWorksCallState state, CallPersonality personality, bool answered, bool pending) =>
        Derive(Context(LineCallState.DIALTONE) with { PendingTransferSide = pending }, state, personality, CallEventKind.Collecting, answered) == (LineCallState.DIALING, 0u);

    [Property]
    public bool An_active_call_is_CONNECTED_ACTIVE(CallPersonality personality, bool answered, bool pending, LineCallState current) =>
        Derive(Context(current) with { PendingTransferSide = pending }, BroadWorksCallState.Active, personality, CallEventKind.Answered, answered) ==
            (LineCallState.CONNECTED, (uint)LineConnectedMode.ACTIVE);

    [Property]
    public bool A_held_call_is_ONHOLDPENDTRANSFER_exactly_when_it_is_the_held_side_of_a_pending_transfer(CallPersonality personality, bool answered, bool pending) =>
        Derive(Context(LineCallState.CONNECTED) with { PendingTransferSide = pending }, BroadWorksCallState.Held, personality, CallEventKind.Held, answered) ==
            (pending ? LineCallState.ONHOLDPENDTRANSFER : LineCallState.ONHOLD, 0u);

    [Property]
    public bool An_alerting_call_is_OFFERING_only_for_an_unanswered_terminator_PROCEEDING_for_click_to_dial_else_RINGBACK(
        CallPersonality personality, bool answered, LineCallState current)
    {
        var expected = personality == CallPersonality.Terminator && !answered
            ? (LineCallState.OFFERING, (uint)LineOfferingMode.ACTIVE)
            : personality == CallPersonality.ClickToDial
                ? (LineCallState.PROCEEDING, 0u)
                : (LineCallState.RINGBACK, 0u);
        return Derive(Context(current), BroadWorksCallState.Alerting, personality, CallEventKind.Updated, answered) == expected;
    }

    [Property]
    public bool Remote_held_and_ended_platform_states_leave_the_state_and_mode_as_they_are(CallPersonality personality, bool answered, LineCallState current, uint mode, bool pending)
    {
        BroadWorksCallState[] unchanged = [BroadWorksCallState.RemoteHeld, BroadWorksCallState.Detached, BroadWorksCallState.Released, BroadWorksCallState.Idle, BroadWorksCallState.Unknown];
        var call = new CallStateContext(current, mode, null, pending);
        return unchanged.All(state => Derive(call, state, personality, CallEventKind.Updated, answered) == (current, mode));
    }

    [Fact]
    public void Every_platform_state_and_personality_of_a_live_call_gives_a_state_the_mapping_names()
    {
        LineCallState[] named =
        [
            LineCallState.CONFERENCED, LineCallState.DIALING, LineCallState.OFFERING, LineCallState.PROCEEDING, LineCallState.RINGBACK,
            LineCallState.CONNECTED, LineCallState.ONHOLDPENDTRANSFER, LineCallState.ONHOLD, LineCallState.IDLE,
        ];
        foreach (var state in Enum.GetValues<BroadWorksCallState>())
        {
            foreach (var personality in Enum.GetValues<CallPersonality>())
            {
                var (derived, _) = Derive(Context(LineCallState.IDLE), state, personality, CallEventKind.Updated, answered: false);
                Assert.Contains(derived, named);
            }
        }
    }

    private static CallStateContext Context(LineCallState current) => new(current, 0, null, false);

    private static (LineCallState, uint) Derive(CallStateContext call, BroadWorksCallState state, CallPersonality personality, CallEventKind kind, bool answered) =>
        CallStateRules.Derive(call, new PlatformCall { CallId = "c1", State = state, Personality = personality, AnswerTime = answered ? Answered : null }, kind);
}
