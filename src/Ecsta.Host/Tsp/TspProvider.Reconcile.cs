using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;

namespace Ecsta.Host.Tsp;

public sealed partial class TspProvider
{
    /// <summary>
    /// Reconcile(line, S) (MAPPING §4.2): calls gone from S end (UNKNOWN), calls unknown to the core are announced,
    /// known calls are corrected; nothing is sent for what already agrees.
    /// </summary>
    private void Reconcile(LineDevice line, CallSnapshotEvent snapshot)
    {
        var present = new Dictionary<string, PlatformCall>(StringComparer.Ordinal);
        foreach (var pc in snapshot.Calls)
        {
            present[pc.CallId] = pc;
        }

        // 1. Calls absent from S (or ended there) end, in creation order; an undialled K stays.
        foreach (var call in line.Calls.OrderBy(c => c.Sequence).ToList())
        {
            if (call.Kind == CallKind.Conference || call.CallId is null || !call.Valid || call.IsIdle)
            {
                continue;
            }

            if (!present.TryGetValue(call.CallId, out var pc) || Ends(pc, CallEventKind.Updated))
            {
                Disconnect(call, LineDisconnectMode.UNKNOWN);
            }
        }

        foreach (var phantom in line.Phantoms.Values.ToList())
        {
            if (!present.ContainsKey(phantom.CallId))
            {
                phantom.Timer?.Cancel();
                line.Phantoms.Remove(phantom.CallId);
            }
        }

        var f = ConferenceOf(line);
        var conference = snapshot.Conference is { State: not BroadWorksCallState.Released and not BroadWorksCallState.Idle } c ? c : null;
        if (f is not null && conference is null)
        {
            EndConference(f, LineDisconnectMode.UNKNOWN);
            f = null;
        }

        // 2 and 3. Unknown live calls are announced (no phantom window); known ones corrected.
        var awaitingCall = line.Current is { IsNewCallRequest: true, Phase: RequestPhase.Sent };
        foreach (var pc in snapshot.Calls)
        {
            if (Ends(pc, CallEventKind.Updated) || line.Phantoms.ContainsKey(pc.CallId))
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
        if (conference is not null)
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
        OnHook(line, snapshot.HookStatus);
    }
}
