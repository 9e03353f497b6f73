namespace Ecsta.Simulator.CallEngine;

/// <summary>One end of a two-party session: a user's call half or an external far end.</summary>
internal abstract class CallEnd
{
    public CallEnd? Peer { get; set; }

    public required string ExtTrackingId { get; set; }

    /// <summary>Pending timer of this end (ringing, answer, treatment), disposed on change.</summary>
    public ITimer? Timer { get; set; }

    public void CancelTimer()
    {
        Timer?.Dispose();
        Timer = null;
    }

    /// <summary>How the other side of a session sees this end.</summary>
    public abstract PartySnapshot AsRemoteParty();

    /// <summary>Whether this end has answered (is connected).</summary>
    public abstract bool HasAnswered { get; }
}

/// <summary>A BroadWorks call half of one user.</summary>
internal sealed class CallHalf : CallEnd
{
    public required string CallId { get; init; }

    public required SimUser Owner { get; init; }

    public required CallPersonality Personality { get; set; }

    public required CallState State { get; set; }

    public required PartySnapshot Remote { get; set; }

    public List<RedirectSnapshot> Redirections { get; init; } = [];

    public RedirectSnapshot? Redirect { get; set; }

    public ReleaseCauseSnapshot? ReleaseCause { get; set; }

    public string? ReleasingParty { get; set; }

    public int Appearance { get; init; }

    public long StartTime { get; init; }

    public long? AnswerTime { get; set; }

    public long? HeldTime { get; set; }

    public long? DetachedTime { get; set; }

    public long? ReleaseTime { get; set; }

    public bool InConference { get; set; }

    public List<string> DtmfSent { get; } = [];

    public override bool HasAnswered => State is CallState.Active or CallState.Held or CallState.RemoteHeld;

    public override PartySnapshot AsRemoteParty() =>
        new(Owner.DisplayName, "tel:" + Owner.Extension, Owner.UserId, Owner.UserDn, "Group");

    public CallSnapshot Snapshot() => new()
    {
        CallId = CallId,
        ExtTrackingId = ExtTrackingId,
        Personality = Personality,
        State = State,
        ReleaseCause = ReleaseCause,
        ReleasingParty = ReleasingParty,
        RemoteParty = Remote,
        Redirections = [.. Redirections],
        Redirect = Redirect,
        EndpointAddressOfRecord = Owner.UserId,
        Appearance = Appearance,
        AllowAnswer = State == CallState.Alerting && Personality == CallPersonality.Terminator,
        AllowRetrieve = State == CallState.Held,
        StartTime = StartTime,
        AnswerTime = AnswerTime,
        HeldTime = State == CallState.Held ? HeldTime : null,
        DetachedTime = DetachedTime,
        ReleaseTime = ReleaseTime,
        InConference = InConference,
    };
}

/// <summary>An external (network) party, scripted by <see cref="FarEndScripts"/>.</summary>
internal sealed class ExternalEnd : CallEnd
{
    public required string Number { get; init; }

    public string? Name { get; init; }

    public bool Answered { get; set; }

    public bool Ended { get; set; }

    public override bool HasAnswered => Answered;

    public override PartySnapshot AsRemoteParty() => new(Name, "tel:" + Number, null, null, "Network");
}

/// <summary>The conference of one user.</summary>
internal sealed class ConferenceState
{
    public List<CallHalf> Legs { get; } = [];

    public string State { get; set; } = "Active";

    public int Appearance { get; init; }

    public ConferenceSnapshot Snapshot() => new(State, Appearance, [.. Legs.Select(l => l.CallId)]);
}
