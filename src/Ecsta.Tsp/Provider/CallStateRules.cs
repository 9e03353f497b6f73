using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

/// <summary>What the core knows of a call when it derives its next TAPI state.</summary>
/// <param name="State">The call's current TAPI state.</param>
/// <param name="Mode">The current state's mode (dwParam2 of LINE_CALLSTATE).</param>
/// <param name="ConferenceHandle">The parent conference call's handle when the call is a conference member.</param>
/// <param name="PendingTransferSide">Whether the call is the held side of a pending transfer.</param>
internal readonly record struct CallStateContext(LineCallState State, uint Mode, uint? ConferenceHandle, bool PendingTransferSide);

/// <summary>
/// The TAPI state of a live call from its platform description (docs/tapi-mapping.md R2): a pure function of the
/// platform call, the kind of event and what the core knows of the call, so it is tested on its own
/// (CallStateRulesProperties) and needs no provider.
/// </summary>
internal static class CallStateRules
{
    /// <summary>Whether the platform says the call ended: a release event, or a Released, Detached or Idle call.</summary>
    public static bool Ends(PlatformCall platform, CallEventKind kind)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return kind == CallEventKind.Released ||
            platform.State is BroadWorksCallState.Released or BroadWorksCallState.Detached or BroadWorksCallState.Idle;
    }

    /// <summary>The state and mode the call takes; the current ones when the platform state says nothing new.</summary>
    public static (LineCallState State, uint Mode) Derive(CallStateContext call, PlatformCall platform, CallEventKind kind)
    {
        ArgumentNullException.ThrowIfNull(platform);
        if (call.ConferenceHandle is { } conference)
        {
            return (LineCallState.CONFERENCED, conference);
        }

        if (kind == CallEventKind.Collecting)
        {
            return (LineCallState.DIALING, 0);
        }

        return platform.State switch
        {
            BroadWorksCallState.Alerting when platform.Personality == CallPersonality.Terminator && platform.AnswerTime is null =>
                (LineCallState.OFFERING, (uint)LineOfferingMode.ACTIVE),
            BroadWorksCallState.Alerting when platform.Personality == CallPersonality.ClickToDial => (LineCallState.PROCEEDING, 0),
            BroadWorksCallState.Alerting => (LineCallState.RINGBACK, 0),
            BroadWorksCallState.Active => (LineCallState.CONNECTED, (uint)LineConnectedMode.ACTIVE),
            BroadWorksCallState.Held when call.PendingTransferSide => (LineCallState.ONHOLDPENDTRANSFER, 0),
            BroadWorksCallState.Held => (LineCallState.ONHOLD, 0),
            _ => (call.State, call.Mode),
        };
    }
}
