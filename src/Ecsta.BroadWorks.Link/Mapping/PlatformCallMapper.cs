using Ecsta.Abstractions.Platform;
using Ecsta.BroadWorks.Xsi;

namespace Ecsta.BroadWorks.Link.Mapping;

/// <summary>Turns the XSI <c>Call</c> element and its values into the normalized platform model.</summary>
public static class PlatformCallMapper
{
    /// <summary>Maps a call.</summary>
    /// <param name="call">The call as sent.</param>
    /// <param name="inConference">Whether the call is known to be a conference member (listed as a participant, or <c>inConference</c>).</param>
    /// <returns>The platform call; numbers unformatted, times converted from epoch milliseconds.</returns>
    public static PlatformCall Map(XsiCall call, bool inConference = false)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new PlatformCall
        {
            CallId = call.CallId,
            ExtTrackingId = call.ExtTrackingId,
            Personality = ParsePersonality(call.Personality),
            State = ParseState(call.State),
            RemoteParty = call.RemoteParty is null ? PartyInfo.Empty : MapParty(call.RemoteParty),
            Redirections = call.Redirections.Count == 0
                ? []
                : [.. call.Redirections.Select(r => new Redirection(MapParty(r.Party), r.Reason, Time(r.RedirectTime)))],
            Redirect = call.Redirect is { } redirect
                ? new Redirection(new PartyInfo(Address: redirect.Address), redirect.Reason, Time(redirect.RedirectTime))
                : null,
            ReleaseCause = call.ReleaseCause is { } cause ? new ReleaseCause(cause.InternalReleaseCause, cause.CdrTerminationCause) : null,
            ReleasingParty = ParseReleasingParty(call.ReleasingParty),
            InConference = inConference,
            StartTime = Time(call.StartTime),
            AnswerTime = Time(call.AnswerTime),
            HeldTime = Time(call.HeldTime),
            DetachedTime = Time(call.DetachedTime),
            ReleaseTime = Time(call.ReleaseTime),
            AllowAnswer = call.AllowAnswer,
            AllowRetrieve = call.AllowRetrieve,
            EndpointAddressOfRecord = call.Endpoint?.AddressOfRecord,
        };
    }

    /// <summary>Maps <c>PartyInformation</c>.</summary>
    /// <param name="party">The party as sent.</param>
    /// <returns>The party.</returns>
    public static PartyInfo MapParty(XsiPartyInformation party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return new PartyInfo(party.Name, party.Address, party.UserId, party.UserDn, party.CallType, party.Privacy);
    }

    /// <summary>Parses a call <c>state</c> (<c>Remote Held</c> → <see cref="BroadWorksCallState.RemoteHeld"/>); unknown values give <see cref="BroadWorksCallState.Unknown"/>.</summary>
    /// <param name="state">The state as sent.</param>
    /// <returns>The state.</returns>
    public static BroadWorksCallState ParseState(string? state) => state?.Trim() switch
    {
        XsiCallStates.Alerting => BroadWorksCallState.Alerting,
        XsiCallStates.Active => BroadWorksCallState.Active,
        XsiCallStates.Held => BroadWorksCallState.Held,
        XsiCallStates.RemoteHeld => BroadWorksCallState.RemoteHeld,
        XsiCallStates.Detached => BroadWorksCallState.Detached,
        XsiCallStates.Released => BroadWorksCallState.Released,
        XsiCallStates.Idle => BroadWorksCallState.Idle,
        _ => BroadWorksCallState.Unknown,
    };

    /// <summary>Parses a <c>personality</c> (<c>Click-to-Dial</c> → <see cref="CallPersonality.ClickToDial"/>).</summary>
    /// <param name="personality">The personality as sent.</param>
    /// <returns>The personality.</returns>
    public static CallPersonality ParsePersonality(string? personality) => personality?.Trim() switch
    {
        XsiPersonalities.Originator => CallPersonality.Originator,
        XsiPersonalities.Terminator => CallPersonality.Terminator,
        XsiPersonalities.ClickToDial => CallPersonality.ClickToDial,
        _ => CallPersonality.Unknown,
    };

    /// <summary>Parses a <c>releasingParty</c>.</summary>
    /// <param name="releasingParty">The value as sent.</param>
    /// <returns>The releasing party.</returns>
    public static ReleasingParty ParseReleasingParty(string? releasingParty) => releasingParty?.Trim() switch
    {
        XsiPersonalities.LocalRelease => ReleasingParty.Local,
        XsiPersonalities.RemoteRelease => ReleasingParty.Remote,
        _ => ReleasingParty.Unknown,
    };

    /// <summary>Parses a <c>hookStatus</c>.</summary>
    /// <param name="hookStatus">The value as sent.</param>
    /// <returns>The hook status.</returns>
    public static HookStatus ParseHookStatus(string? hookStatus) => hookStatus?.Trim() switch
    {
        XsiHookStatus.OnHook => HookStatus.OnHook,
        XsiHookStatus.OffHook => HookStatus.OffHook,
        _ => HookStatus.Unknown,
    };

    /// <summary>Converts epoch milliseconds.</summary>
    /// <param name="epochMilliseconds">The time as sent.</param>
    /// <returns>The time in UTC, or null.</returns>
    public static DateTimeOffset? Time(long? epochMilliseconds) =>
        epochMilliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
