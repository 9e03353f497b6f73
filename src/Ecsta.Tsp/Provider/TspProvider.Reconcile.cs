using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

public sealed partial class TspProvider
{
    /// <summary>Ended call ids whose last event position a line keeps for late snapshots (beyond the live ones).</summary>
    private const int MaxEndedCallEvents = 16;

    /// <summary>
    /// Reconcile(line, S) (docs/tapi-mapping.md §4.2): calls gone from S end (UNKNOWN), calls unknown to the core are announced,
    /// known calls are corrected; nothing is sent for what already agrees. <paramref name="readAt"/> is the stream
    /// position when S was read: S may be older than the line's later events (it travelled apart from them), so a
    /// call, the conference and the hook status with an event after it are left as those events made them.
    /// </summary>
    private void Reconcile(LineDevice line, CallSnapshotEvent snapshot, long readAt)
    {
        bool Newer(string callId) => line.CallEventAt is { } at && at.TryGetValue(callId, out var position) && position > readAt;
        var conferenceNewer = line.ConferenceEventAt > readAt;

        var present = new Dictionary<string, PlatformCall>(StringComparer.Ordinal);
        foreach (var pc in snapshot.Calls)
        {
            present[pc.CallId] = pc;
        }

        // 1. Calls absent from S (or ended there) end, in creation order; an undialled K stays.
        foreach (var call in line.Calls.OrderBy(c => c.Sequence).ToList())
        {
            if (call.Kind == CallKind.Conference || call.CallId is null || !call.Valid || call.IsIdle || Newer(call.CallId))
            {
                continue;
            }

            if (!present.TryGetValue(call.CallId, out var pc) || CallStateRules.Ends(pc, CallEventKind.Updated))
            {
                Disconnect(call, LineDisconnectMode.UNKNOWN);
            }
        }

        foreach (var phantom in line.Phantoms.Values.ToList())
        {
            if (!present.ContainsKey(phantom.CallId) && !Newer(phantom.CallId))
            {
                phantom.Timer?.Cancel();
                line.Phantoms.Remove(phantom.CallId);
            }
        }

        var f = ConferenceOf(line);
        var conference = snapshot.Conference is { State: not BroadWorksCallState.Released and not BroadWorksCallState.Idle } c ? c : null;
        if (f is not null && conference is null && !conferenceNewer)
        {
            EndConference(f, LineDisconnectMode.UNKNOWN);
            f = null;
        }

        // 2 and 3. Unknown live calls are announced (no phantom window); known ones corrected.
        var awaitingCall = line.Current is { IsNewCallRequest: true, Phase: RequestPhase.Sent };
        foreach (var pc in snapshot.Calls)
        {
            // A call with a newer event keeps what the event said; one that ended since the read is not brought back.
            if (CallStateRules.Ends(pc, CallEventKind.Updated) || line.Phantoms.ContainsKey(pc.CallId) || Newer(pc.CallId))
            {
                continue;
            }

            var call = line.ByCallId.GetValueOrDefault(pc.CallId);
            if (call is null)
            {
                if (awaitingCall)
                {
                    continue;
                }

                var kind = pc.State == BroadWorksCallState.Alerting && pc.Personality == CallPersonality.Terminator
                    ? CallEventKind.Received
                    : CallEventKind.Updated;
                call = CallFromPlatform(line, pc, kind);
                ApplyToCall(call, pc, kind, dropConfirmed: false);
                continue;
            }

            if (call.Valid)
            {
                ApplyToCall(call, pc, CallEventKind.Updated, dropConfirmed: false);
            }
        }

        // 4. A conference in S: F made if missing (≥ 2 known members), membership synchronised.
        if (conference is not null && !conferenceNewer)
        {
            var known = conference.ParticipantCallIds.Count(id => line.ByCallId.ContainsKey(id));
            if (f is null && known >= 2)
            {
                StartConference(line, conference, null);
            }
            else if (f is not null)
            {
                SetState(f, conference.State == BroadWorksCallState.Held ? LineCallState.ONHOLD : LineCallState.CONNECTED,
                    conference.State == BroadWorksCallState.Held ? 0 : (uint)LineConnectedMode.ACTIVE);
                SyncMembers(line, f, conference.ParticipantCallIds, []);
            }
        }

        // 5. Hook status; the one AS(NUMCALLS) follows at the end of the step.
        if (line.HookEventAt <= readAt)
        {
            OnHook(line, snapshot.HookStatus);
        }

        ForgetEndedCallEvents(line, readAt);
    }

    /// <summary>Notes, before the event is applied (or held), the stream position of a call event for each of its calls.</summary>
    private void NoteCallEvent(LineDevice line, CallEvent ev)
    {
        var at = line.CallEventAt ??= new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pc in ev.Calls)
        {
            at[pc.CallId] = _eventPosition;
        }

        if (at.Count > line.ByCallId.Count + line.Phantoms.Count + MaxEndedCallEvents)
        {
            ForgetEndedCallEvents(line, long.MaxValue, keep: MaxEndedCallEvents / 2);
        }
    }

    /// <summary>
    /// Drops the positions of calls the line no longer has that are not after <paramref name="before"/>, keeping the
    /// newest <paramref name="keep"/> of them: a late snapshot that still shows such a call must not bring it back.
    /// </summary>
    private static void ForgetEndedCallEvents(LineDevice line, long before, int keep = 0)
    {
        if (line.CallEventAt is not { } at)
        {
            return;
        }

        var ended = at.Where(e => e.Value <= before && !line.ByCallId.ContainsKey(e.Key) && !line.Phantoms.ContainsKey(e.Key) &&
                !line.HeldEvents.Exists(h => h.Calls.Any(c => c.CallId == e.Key)))
            .OrderByDescending(e => e.Value)
            .Skip(keep)
            .Select(e => e.Key)
            .ToList();
        foreach (var callId in ended)
        {
            at.Remove(callId);
        }

        if (at.Count == 0)
        {
            line.CallEventAt = null;
        }
    }
}
