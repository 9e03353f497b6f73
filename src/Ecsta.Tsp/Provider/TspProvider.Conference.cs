using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

public sealed partial class TspProvider
{
    private static TapiCall? ConferenceOf(LineDevice line) => line.Calls.Find(c => c.Kind == CallKind.Conference && c.Valid && !c.IsIdle);

    private void OnConferenceEvent(LineDevice line, ConferenceEvent ev)
    {
        var type = ev.RawType;
        var info = ev.Conference;
        var f = ConferenceOf(line);
        var request = line.Current is { Phase: RequestPhase.Sent or RequestPhase.Responded } r ? r : null;

        if (type.StartsWith("ConferenceStarted", StringComparison.Ordinal) ||
            (type.StartsWith("ConferenceUpdated", StringComparison.Ordinal) && f is null))
        {
            StartConference(line, info, request?.Kind == RequestKind.CompleteConference ? request : null);
            return;
        }

        if (f is null)
        {
            _log.Debug("Line {DeviceId}: {Type} without a conference call ignored", line.DeviceId, type);
            return;
        }

        if (type.StartsWith("ConferenceHeld", StringComparison.Ordinal))
        {
            var confirmed = request is { Kind: RequestKind.Hold } && ReferenceEquals(request.Call, f) ? request : null;
            if (confirmed is not null) CompleteRequest(confirmed);
            SetState(f, LineCallState.ONHOLD, 0);
            if (confirmed is not null) AfterConfirmed(confirmed);
        }
        else if (type.StartsWith("ConferenceRetrieved", StringComparison.Ordinal))
        {
            var confirmed = request is { Kind: RequestKind.Unhold } && ReferenceEquals(request.Call, f) ? request : null;
            if (confirmed is not null) CompleteRequest(confirmed);
            SetState(f, LineCallState.CONNECTED, (uint)LineConnectedMode.ACTIVE);
            if (confirmed is not null) AfterConfirmed(confirmed);
        }
        else if (type.StartsWith("ConferenceUpdated", StringComparison.Ordinal))
        {
            var confirmed = request is { Kind: RequestKind.AddToConference, Other.CallId: { } k } && info.ParticipantCallIds.Contains(k) ? request : null;
            if (confirmed is not null) CompleteRequest(confirmed);
            if (info.State == BroadWorksCallState.Released)
            {
                EndConference(f, LineDisconnectMode.NORMAL);
            }
            else
            {
                SetState(f, info.State == BroadWorksCallState.Held ? LineCallState.ONHOLD : LineCallState.CONNECTED,
                    info.State == BroadWorksCallState.Held ? 0 : (uint)LineConnectedMode.ACTIVE);
                SyncMembers(line, f, info.ParticipantCallIds, []);
            }

            if (confirmed is not null) AfterConfirmed(confirmed);
        }
        else if (type.StartsWith("ConferenceReleased", StringComparison.Ordinal))
        {
            var confirmed = request is { Kind: RequestKind.Drop } && ReferenceEquals(request.Call, f) ? request : null;
            if (confirmed is not null) CompleteRequest(confirmed);
            EndConference(f, LineDisconnectMode.NORMAL);
            if (confirmed is not null) AfterConfirmed(confirmed);
        }
    }

    /// <summary>ConferenceStartedEvent: confirms lineCompleteTransfer CONFERENCE, else the TSP makes F (docs/tapi-mapping.md §1, §3.10).</summary>
    private void StartConference(LineDevice line, ConferenceInfo info, TspRequest? confirmed)
    {
        TapiCall f;
        List<TapiCall> first = [];
        if (confirmed?.NewCall is { IsIdle: false } pending)
        {
            CompleteRequest(confirmed);
            f = pending;
            first.Add(confirmed.Call!);
            first.Add(confirmed.Other!);
        }
        else
        {
            var known = info.ParticipantCallIds.Count(id => line.ByCallId.ContainsKey(id));
            if (known == 0)
            {
                _log.Debug("Line {DeviceId}: conference of unknown calls ignored", line.DeviceId);
                return;
            }

            f = NewConferenceCall(line);
            AnnounceNewCall(f);
        }

        SetState(f, info.State == BroadWorksCallState.Held ? LineCallState.ONHOLD : LineCallState.CONNECTED,
            info.State == BroadWorksCallState.Held ? 0 : (uint)LineConnectedMode.ACTIVE);
        SyncMembers(line, f, info.ParticipantCallIds, first);
        if (confirmed is not null)
        {
            AfterConfirmed(confirmed);
        }
    }

    private TapiCall NewConferenceCall(LineDevice line)
    {
        var f = NewCall(line, CallKind.Conference, incoming: false);
        f.Info = f.Info with
        {
            Origin = LineCallOrigin.CONFERENCE,
            CallId = _registry.NextCallId(),
            Caller = PartyMapper.OwnLine(line.Settings, _formatter, Abstractions.NumberFormatting.NumberDirection.Outgoing),
        };
        return f;
    }

    /// <summary>Listed calls join (in <paramref name="first"/> order, then as listed); live unlisted members leave.</summary>
    private void SyncMembers(LineDevice line, TapiCall f, IReadOnlyList<string> participants, List<TapiCall> first)
    {
        var listed = new List<TapiCall>(first);
        foreach (var id in participants)
        {
            if (line.ByCallId.TryGetValue(id, out var c) && !listed.Contains(c))
            {
                listed.Add(c);
            }
        }

        foreach (var member in f.Members.ToList())
        {
            if (!listed.Contains(member))
            {
                Leave(f, member);
            }
        }

        foreach (var c in listed)
        {
            if (!c.IsIdle && !ReferenceEquals(c.Conference, f))
            {
                Join(f, c);
            }
        }
    }

    private void Join(TapiCall f, TapiCall call)
    {
        if (call.TransferPartner is { } partner)
        {
            partner.TransferPartner = null;
            call.TransferPartner = null;
        }

        call.Conference = f;
        f.Members.Add(call);
        call.Info = call.Info with { RelatedCallId = f.Info.CallId };
        AnnounceInfo(call);
        SetState(call, LineCallState.CONFERENCED, f.Handle);
    }

    private void Leave(TapiCall f, TapiCall call)
    {
        call.Conference = null;
        f.Members.Remove(call);
        call.Info = call.Info with { RelatedCallId = 0 };
        AnnounceInfo(call);
        if (call.LastPlatform is { } pc)
        {
            var (state, mode) = Derive(call, pc, CallEventKind.Updated);
            if (state is not 0 and not LineCallState.CONFERENCED)
            {
                SetState(call, state, mode);
            }
        }
    }

    private void EndConference(TapiCall f, LineDisconnectMode mode)
    {
        foreach (var member in f.Members.ToList())
        {
            Leave(f, member);
        }

        Disconnect(f, mode);
    }
}
