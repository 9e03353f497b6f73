using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

/// <summary>What a call is in the core's model.</summary>
internal enum CallKind
{
    /// <summary>An ordinary call with a BroadWorks call id.</summary>
    Normal,
    /// <summary>A consultation call K made by lineSetupTransfer; undialled while it has no call id.</summary>
    Consultation,
    /// <summary>A conference call F: a TSP handle, no call id.</summary>
    Conference,
}

/// <summary>The LINECALLINFO fields that are announced with LINE_CALLINFO when they change.</summary>
internal sealed record CallInfoFields(
    LineCallOrigin Origin,
    LineCallReason Reason,
    uint CallId,
    uint RelatedCallId,
    PartyId Caller,
    PartyId Called,
    PartyId Connected,
    PartyId Redirection,
    PartyId Redirecting)
{
    public static CallInfoFields Empty { get; } = new(LineCallOrigin.OUTBOUND, LineCallReason.DIRECT, 0, 0,
        PartyId.Unknown, PartyId.Unknown, PartyId.Unknown, PartyId.Unknown, PartyId.Unknown);

    /// <summary>The LINECALLINFOSTATE_* bits of the fields that differ.</summary>
    public LineCallInfoState Diff(CallInfoFields other)
    {
        LineCallInfoState bits = 0;
        if (Origin != other.Origin) bits |= LineCallInfoState.ORIGIN;
        if (Reason != other.Reason) bits |= LineCallInfoState.REASON;
        if (CallId != other.CallId) bits |= LineCallInfoState.CALLID;
        if (RelatedCallId != other.RelatedCallId) bits |= LineCallInfoState.RELATEDCALLID;
        if (Caller != other.Caller) bits |= LineCallInfoState.CALLERID;
        if (Called != other.Called) bits |= LineCallInfoState.CALLEDID;
        if (Connected != other.Connected) bits |= LineCallInfoState.CONNECTEDID;
        if (Redirection != other.Redirection) bits |= LineCallInfoState.REDIRECTIONID;
        if (Redirecting != other.Redirecting) bits |= LineCallInfoState.REDIRECTINGID;
        return bits;
    }
}

/// <summary>One TAPI call on a line. Touched only on the instance's processing loop (under its lock).</summary>
internal sealed class TapiCall(uint handle, LineDevice line, CallKind kind, bool incoming)
{
    public uint Handle { get; } = handle;
    public LineDevice Line { get; } = line;
    public CallKind Kind { get; } = kind;

    /// <summary>Incoming rules and fields (created as Terminator) or outgoing.</summary>
    public bool Incoming { get; set; } = incoming;

    /// <summary>The BroadWorks call id, once bound.</summary>
    public string? CallId { get; set; }
    public string? ExtTrackingId { get; set; }

    /// <summary>Valid for applications: announced with LINE_NEWCALL or completed with ASYNC_COMPLETION(0).</summary>
    public bool Valid { get; set; }

    public LineCallState State { get; set; }
    public uint Mode { get; set; }

    /// <summary>State and mode as last sent with LINE_CALLSTATE.</summary>
    public LineCallState AnnouncedState { get; set; }
    public uint AnnouncedMode { get; set; }

    public LineCallFeature Features { get; set; }

    public CallInfoFields Info { get; set; } = CallInfoFields.Empty;
    public CallInfoFields AnnouncedInfo { get; set; } = CallInfoFields.Empty;

    /// <summary>The call as the platform last described it.</summary>
    public PlatformCall? LastPlatform { get; set; }

    /// <summary>Whether the call has been answered (ConnectedID follows every remote change from then on).</summary>
    public bool Answered { get; set; }

    /// <summary>The other call of a pending transfer: O for K, K for O.</summary>
    public TapiCall? TransferPartner { get; set; }

    /// <summary>Set while lineCompleteTransfer TRANSFER is in progress: the end of K does not return to O.</summary>
    public bool TransferCompleting { get; set; }

    /// <summary>For members of a conference: the conference call F.</summary>
    public TapiCall? Conference { get; set; }

    /// <summary>For F: the members, in joining order.</summary>
    public List<TapiCall> Members { get; } = [];

    public uint AppSpecific { get; set; }
    public ReadOnlyMemory<byte> CallData { get; set; }

    /// <summary>Creation order on the line.</summary>
    public long Sequence { get; set; }

    public bool IsIdle => State == LineCallState.IDLE;

    /// <summary>Alive and not on its way out.</summary>
    public bool IsLive => State != LineCallState.IDLE && State != LineCallState.DISCONNECTED && State != 0;

    /// <summary>An undialled consultation call.</summary>
    public bool IsUndialled => Kind == CallKind.Consultation && CallId is null;

    public override string ToString() => $"call {Handle} ({CallId ?? Kind.ToString()}) {TapiNames.CallState(State, Mode)}";
}
