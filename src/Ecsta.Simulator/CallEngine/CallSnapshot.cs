namespace Ecsta.Simulator.CallEngine;

/// <summary>Remote party of a call half as BroadWorks reports it (PartyInformation).</summary>
/// <param name="Name">Display name, if known.</param>
/// <param name="Address">Address such as <c>tel:1002</c>.</param>
/// <param name="UserId">BroadWorks user id of an internal party.</param>
/// <param name="UserDn">DN of an internal party.</param>
/// <param name="CallType">Group, Network, Unknown, …</param>
public sealed record PartySnapshot(string? Name, string? Address, string? UserId, string? UserDn, string CallType);

/// <summary>One entry of <c>redirections</c> or the <c>redirect</c> element.</summary>
/// <param name="Party">The redirecting party (redirections) or the target (redirect).</param>
/// <param name="Reason">RedirectReason, e.g. <c>transfer</c>, <c>unconditional</c>.</param>
/// <param name="RedirectTime">Epoch milliseconds.</param>
public sealed record RedirectSnapshot(PartySnapshot Party, string Reason, long RedirectTime);

/// <summary>Release cause of a call half.</summary>
/// <param name="InternalReleaseCause">Schema value, e.g. <c>Busy</c>, <c>Global Failure</c>.</param>
/// <param name="CdrTerminationCause">CDR cause code.</param>
public sealed record ReleaseCauseSnapshot(string InternalReleaseCause, string CdrTerminationCause);

/// <summary>An immutable copy of a call half at the time of an event.</summary>
public sealed record CallSnapshot
{
    /// <summary>Call half id, <c>callhalf-N:M</c>.</summary>
    public required string CallId { get; init; }

    /// <summary>Shared id of the session.</summary>
    public required string ExtTrackingId { get; init; }

    /// <summary>Personality.</summary>
    public required CallPersonality Personality { get; init; }

    /// <summary>State.</summary>
    public required CallState State { get; init; }

    /// <summary>Release cause, if released with a cause.</summary>
    public ReleaseCauseSnapshot? ReleaseCause { get; init; }

    /// <summary><c>localRelease</c> or <c>remoteRelease</c>.</summary>
    public string? ReleasingParty { get; init; }

    /// <summary>Remote party.</summary>
    public required PartySnapshot RemoteParty { get; init; }

    /// <summary>Redirections, newest first.</summary>
    public IReadOnlyList<RedirectSnapshot> Redirections { get; init; } = [];

    /// <summary>Where the user redirected the call.</summary>
    public RedirectSnapshot? Redirect { get; init; }

    /// <summary>Address of record of the user's device.</summary>
    public string? EndpointAddressOfRecord { get; init; }

    /// <summary>Appearance number.</summary>
    public int Appearance { get; init; }

    /// <summary>Whether the call may be answered (alerting terminator).</summary>
    public bool AllowAnswer { get; init; }

    /// <summary>Whether the call may be retrieved (held).</summary>
    public bool AllowRetrieve { get; init; }

    /// <summary>Epoch ms.</summary>
    public long StartTime { get; init; }

    /// <summary>Epoch ms of the first answer.</summary>
    public long? AnswerTime { get; init; }

    /// <summary>Epoch ms of the last hold.</summary>
    public long? HeldTime { get; init; }

    /// <summary>Epoch ms of detaching.</summary>
    public long? DetachedTime { get; init; }

    /// <summary>Epoch ms of release.</summary>
    public long? ReleaseTime { get; init; }

    /// <summary>True when the call is a conference participant.</summary>
    public bool InConference { get; init; }
}

/// <summary>A conference of one user.</summary>
/// <param name="State">Active, Held or Released.</param>
/// <param name="Appearance">Appearance number.</param>
/// <param name="ParticipantCallIds">Participating call halves of the owner.</param>
public sealed record ConferenceSnapshot(string State, int Appearance, IReadOnlyList<string> ParticipantCallIds);

/// <summary>Hook status values.</summary>
public static class HookStatus
{
    /// <summary>On-hook.</summary>
    public const string OnHook = "On-Hook";

    /// <summary>Off-hook.</summary>
    public const string OffHook = "Off-Hook";
}
