namespace Ecsta.Abstractions.Platform;

/// <summary>
/// One BroadWorks call half as the platform reports it (the XSI <c>Call</c> element), normalized but not
/// formatted: numbers are as BroadWorks sent them; the core formats them.
/// </summary>
public sealed record PlatformCall
{
    /// <summary>The call half's id, unique per user (e.g. <c>callhalf-722:0</c>).</summary>
    public required string CallId { get; init; }

    /// <summary>The tracking id shared by the halves of one session (e.g. <c>70:1</c> or a UUID).</summary>
    public string? ExtTrackingId { get; init; }

    /// <summary>Originator, terminator or click-to-dial.</summary>
    public CallPersonality Personality { get; init; }

    /// <summary>The BroadWorks state.</summary>
    public BroadWorksCallState State { get; init; }

    /// <summary>The remote party.</summary>
    public PartyInfo RemoteParty { get; init; } = PartyInfo.Empty;

    /// <summary>The <c>redirections</c> list, newest first; empty when none.</summary>
    public IReadOnlyList<Redirection> Redirections { get; init; } = [];

    /// <summary>The <c>redirect</c> element (where a redirected call went), if any.</summary>
    public Redirection? Redirect { get; init; }

    /// <summary>Why the call is being or was released, if reported.</summary>
    public ReleaseCause? ReleaseCause { get; init; }

    /// <summary>Which side released the call, if reported.</summary>
    public ReleasingParty ReleasingParty { get; init; }

    /// <summary>Whether the call is a member of the user's conference (<c>inConference</c>, or listed as a participant).</summary>
    public bool InConference { get; init; }

    /// <summary>Start time.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>First answer time.</summary>
    public DateTimeOffset? AnswerTime { get; init; }

    /// <summary>Time the call was held.</summary>
    public DateTimeOffset? HeldTime { get; init; }

    /// <summary>Time the call was detached.</summary>
    public DateTimeOffset? DetachedTime { get; init; }

    /// <summary>Time the call was released.</summary>
    public DateTimeOffset? ReleaseTime { get; init; }

    /// <summary>Whether the platform allows answering this call (<c>allowAnswer</c>).</summary>
    public bool AllowAnswer { get; init; }

    /// <summary>Whether the platform allows retrieving this call (<c>allowRetrieve</c>).</summary>
    public bool AllowRetrieve { get; init; }

    /// <summary>The address of record of the endpoint the call is on, if reported.</summary>
    public string? EndpointAddressOfRecord { get; init; }
}
