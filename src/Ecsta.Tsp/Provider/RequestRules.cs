using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Tsp.Provider;

/// <summary>
/// The pure rules of asynchronous requests (docs/tapi-mapping.md R5, §3): which platform event confirms the line's
/// current request, and which LINEERR a failed platform command gives. The provider keeps the queues, the deadlines
/// and the completions; these rules decide.
/// </summary>
internal static class RequestRules
{
    /// <summary>The LINEERR a failed platform command completes its request with (R5).</summary>
    public static LineErr ErrorFor(TspRequest request, Exception error)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (error is not PlatformException pe)
        {
            return LineErr.OPERATIONFAILED;
        }

        return pe.Kind switch
        {
            PlatformErrorKind.InvalidAddress => LineErr.INVALADDRESS,
            PlatformErrorKind.Forbidden when request.Kind is not RequestKind.Forward => LineErr.OPERATIONUNAVAIL,
            PlatformErrorKind.LinkDown => LineErr.RESOURCEUNAVAIL,
            _ => LineErr.OPERATIONFAILED,
        };
    }

    /// <summary>The request (the line's current one) that this call event confirms, if any (docs/tapi-mapping.md §3).</summary>
    public static TspRequest? Confirmed(LineDevice line, CallEventKind kind, PlatformCall pc, TapiCall? call)
    {
        if (line.Current is not { Phase: RequestPhase.Sent or RequestPhase.Responded, AwaitsEvent: true } request || call is null)
        {
            return null;
        }

        var ends = CallStateRules.Ends(pc, kind) || kind == CallEventKind.Redirected;
        var held = kind == CallEventKind.Held && pc.State == BroadWorksCallState.Held;
        var retrieved = kind is CallEventKind.Retrieved or CallEventKind.Answered && pc.State == BroadWorksCallState.Active;
        var isCall = ReferenceEquals(call, request.Call);
        var confirms = request.Kind switch
        {
            // TSP++ rule: the first event of the new call completes its request (docs/tapi-mapping.md R5).
            RequestKind.MakeCall => ReferenceEquals(call, request.NewCall),
            RequestKind.Dial => isCall,
            RequestKind.Answer => isCall && (retrieved || ends),
            RequestKind.Drop => isCall && ends,
            RequestKind.Hold => isCall && held,
            RequestKind.Unhold => isCall && retrieved,
            RequestKind.Redirect or RequestKind.BlindTransfer => isCall && ends,
            RequestKind.SetupTransfer => isCall && held,
            RequestKind.SwapHold => ReferenceEquals(call, request.Other) && retrieved && request.StepIndex >= 1,
            RequestKind.CompleteTransfer => (isCall || ReferenceEquals(call, request.Other)) && ends,
            RequestKind.ReturnToHeld => isCall && retrieved,
            _ => false,
        };
        return confirms ? request : null;
    }
}
