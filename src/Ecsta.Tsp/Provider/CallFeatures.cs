using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

/// <summary>dwCallFeatures per state and sibling calls (docs/tapi-mapping.md appendix A), masked by the address caps (docs/tapi-mapping.md R6).</summary>
internal static class CallFeatures
{
    /// <summary>ADDTOCONF|ANSWER|BLINDTRANSFER|COMPLETETRANSF|DIAL|DROP|GENERATEDIGITS|HOLD|REDIRECT|SETUPTRANSFER|SWAPHOLD|UNHOLD|SETCALLDATA.</summary>
    public const LineCallFeature Mask = (LineCallFeature)0x8E020AEE;

    private const LineCallState HeldStates = LineCallState.ONHOLD | LineCallState.ONHOLDPENDTRANSFER | LineCallState.ONHOLDPENDCONF;
    private const LineCallState ActiveOrDialling = LineCallState.CONNECTED | LineCallState.DIALTONE | LineCallState.DIALING |
        LineCallState.PROCEEDING | LineCallState.RINGBACK;
    private const LineCallState ConsultStates = LineCallState.CONNECTED | LineCallState.RINGBACK | LineCallState.PROCEEDING;

    /// <summary>The features a call in this state may ever have (for checks).</summary>
    public static LineCallFeature AllowedIn(LineCallState state) => Mask & (state switch
    {
        LineCallState.IDLE or LineCallState.UNKNOWN or 0 => LineCallFeature.None,
        LineCallState.DISCONNECTED => LineCallFeature.DROP,
        LineCallState.OFFERING => Base | LineCallFeature.REDIRECT | LineCallFeature.ANSWER,
        LineCallState.DIALTONE or LineCallState.DIALING => Base | LineCallFeature.DIAL | LineCallFeature.SWAPHOLD,
        LineCallState.PROCEEDING => Base | LineCallFeature.BLINDTRANSFER | LineCallFeature.HOLD | LineCallFeature.SWAPHOLD | LineCallFeature.ADDTOCONF,
        LineCallState.RINGBACK => Base | LineCallFeature.SWAPHOLD | LineCallFeature.ADDTOCONF,
        LineCallState.BUSY => Base | LineCallFeature.SWAPHOLD,
        LineCallState.CONNECTED => Base | LineCallFeature.HOLD | LineCallFeature.BLINDTRANSFER | LineCallFeature.SETUPTRANSFER |
            LineCallFeature.COMPLETETRANSF | LineCallFeature.SWAPHOLD | LineCallFeature.ADDTOCONF | LineCallFeature.GENERATEDIGITS,
        LineCallState.ONHOLD => Base | LineCallFeature.UNHOLD | LineCallFeature.SWAPHOLD | LineCallFeature.COMPLETETRANSF | LineCallFeature.ADDTOCONF,
        LineCallState.ONHOLDPENDTRANSFER => Base | LineCallFeature.UNHOLD | LineCallFeature.COMPLETETRANSF | LineCallFeature.SWAPHOLD,
        LineCallState.ONHOLDPENDCONF => Base | LineCallFeature.UNHOLD | LineCallFeature.SWAPHOLD,
        _ => Base,
    });

    private const LineCallFeature Base = LineCallFeature.DROP | LineCallFeature.SETCALLDATA;

    /// <summary>The call's features given its siblings on the address.</summary>
    public static LineCallFeature Compute(TapiCall call, IReadOnlyList<TapiCall> siblings)
    {
        var others = new List<TapiCall>(siblings.Count);
        foreach (var s in siblings)
        {
            if (!ReferenceEquals(s, call) && s.Valid && s.State != LineCallState.IDLE)
            {
                others.Add(s);
            }
        }

        var isConf = call.Kind == CallKind.Conference;
        var heldOther = others.Exists(o => (o.State & HeldStates) != 0 && o.Kind != CallKind.Conference);
        var activeOther = others.Exists(o => (o.State & ActiveOrDialling) != 0 && o.Kind != CallKind.Conference);
        var conference = others.Find(o => o.Kind == CallKind.Conference && (o.State & (LineCallState.CONNECTED | LineCallState.ONHOLD)) != 0);
        var canJoin = conference is not null && call.Conference is null && !isConf;
        var pendingTransfer = others.Exists(o => o.State == LineCallState.ONHOLDPENDTRANSFER);
        var plainHeld = others.Exists(o => o.State == LineCallState.ONHOLD && o.Kind != CallKind.Conference);
        var consultCandidate = others.Exists(o => (o.State & ConsultStates) != 0 && o.Kind != CallKind.Conference);

        var f = Base;
        switch (call.State)
        {
            case LineCallState.IDLE or LineCallState.UNKNOWN or 0:
                return LineCallFeature.None;
            case LineCallState.DISCONNECTED:
                return LineCallFeature.DROP;
            case LineCallState.OFFERING:
                f |= LineCallFeature.REDIRECT | LineCallFeature.ANSWER;
                break;
            case LineCallState.DIALTONE or LineCallState.DIALING:
                f |= LineCallFeature.DIAL;
                if (heldOther) f |= LineCallFeature.SWAPHOLD;
                break;
            case LineCallState.PROCEEDING:
                f |= LineCallFeature.BLINDTRANSFER | LineCallFeature.HOLD;
                if (heldOther) f |= LineCallFeature.SWAPHOLD;
                if (canJoin) f |= LineCallFeature.ADDTOCONF;
                break;
            case LineCallState.RINGBACK:
                if (heldOther) f |= LineCallFeature.SWAPHOLD;
                if (canJoin) f |= LineCallFeature.ADDTOCONF;
                break;
            case LineCallState.BUSY:
                if (heldOther) f |= LineCallFeature.SWAPHOLD;
                break;
            case LineCallState.CONNECTED:
                f |= LineCallFeature.HOLD;
                if (!isConf)
                {
                    f |= LineCallFeature.BLINDTRANSFER | LineCallFeature.GENERATEDIGITS;
                    if (call.Kind != CallKind.Consultation && !pendingTransfer) f |= LineCallFeature.SETUPTRANSFER;
                    if (pendingTransfer || plainHeld) f |= LineCallFeature.COMPLETETRANSF;
                    if (heldOther) f |= LineCallFeature.SWAPHOLD;
                    if (canJoin) f |= LineCallFeature.ADDTOCONF;
                }

                break;
            case LineCallState.ONHOLD:
                f |= LineCallFeature.UNHOLD;
                if (!isConf)
                {
                    if (activeOther) f |= LineCallFeature.SWAPHOLD;
                    if (consultCandidate) f |= LineCallFeature.COMPLETETRANSF;
                    if (canJoin) f |= LineCallFeature.ADDTOCONF;
                }

                break;
            case LineCallState.ONHOLDPENDTRANSFER:
                f |= LineCallFeature.UNHOLD | LineCallFeature.COMPLETETRANSF | LineCallFeature.SWAPHOLD;
                break;
            case LineCallState.ONHOLDPENDCONF:
                f |= LineCallFeature.UNHOLD | LineCallFeature.SWAPHOLD;
                break;
            default:
                break;
        }

        return f & Mask;
    }
}
