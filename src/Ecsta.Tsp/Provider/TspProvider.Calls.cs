using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

public sealed partial class TspProvider
{
    private void OnCallEvent(LineDevice line, CallEvent ev)
    {
        // docs/tapi-mapping.md §3.1: while lineMakeCall/lineDial waits for its answer, events for unknown call ids wait too.
        if (line.Current is { IsNewCallRequest: true, Phase: RequestPhase.Sent } &&
            ev.Calls.Any(c => !line.ByCallId.ContainsKey(c.CallId)))
        {
            line.HeldEvents.Add(ev);
            return;
        }

        foreach (var pc in ev.Calls)
        {
            ApplyCall(line, ev, pc, fromPhantom: false);
        }
    }

    private void ReplayHeldEvents(LineDevice line)
    {
        if (line.HeldEvents.Count == 0)
        {
            return;
        }

        var held = line.HeldEvents.ToList();
        line.HeldEvents.Clear();
        foreach (var ev in held)
        {
            OnCallEvent(line, ev);
        }
    }

    private void ApplyCall(LineDevice line, CallEvent ev, PlatformCall pc, bool fromPhantom)
    {
        if (!fromPhantom && line.Phantoms.TryGetValue(pc.CallId, out var phantom))
        {
            if (CallStateRules.Ends(pc, ev.Kind))
            {
                phantom.Timer?.Cancel();
                line.Phantoms.Remove(pc.CallId);
                _log.Information("Line {DeviceId}: call {CallId} released within the phantom window; not shown", line.DeviceId, pc.CallId);
            }
            else
            {
                phantom.Events.Add(ev.Calls.Count == 1 ? ev : ev with { Calls = [pc] });
            }

            return;
        }

        var call = line.ByCallId.GetValueOrDefault(pc.CallId);
        var confirmed = RequestRules.Confirmed(line, ev.Kind, pc, call);
        if (call is null)
        {
            if (CallStateRules.Ends(pc, ev.Kind))
            {
                _log.Debug("Line {DeviceId}: {Kind} for unknown call {CallId} ignored", line.DeviceId, ev.Kind, pc.CallId);
                return;
            }

            var window = _settings.Options.PhantomWindow;
            if (ev.Kind == CallEventKind.Received && !fromPhantom && window > TimeSpan.Zero)
            {
                var entry = new PhantomCall(pc.CallId);
                entry.Events.Add(ev.Calls.Count == 1 ? ev : ev with { Calls = [pc] });
                entry.Timer = _scheduler.Schedule(window, () => EndPhantomWindow(line, entry));
                line.Phantoms[pc.CallId] = entry;
                return;
            }

            call = CallFromPlatform(line, pc, ev.Kind);
        }

        if (call.IsIdle)
        {
            return;
        }

        if (confirmed is not null)
        {
            CompleteRequest(confirmed);
        }

        ApplyToCall(call, pc, ev.Kind, confirmed?.Kind == RequestKind.Drop);
        if (confirmed is not null)
        {
            AfterConfirmed(confirmed);
        }
    }

    private void EndPhantomWindow(LineDevice line, PhantomCall entry)
    {
        if (!line.Phantoms.Remove(entry.CallId) || line.Removed)
        {
            return;
        }

        foreach (var ev in entry.Events)
        {
            foreach (var pc in ev.Calls)
            {
                ApplyCall(line, ev, pc, fromPhantom: true);
            }
        }
    }

    /// <summary>A call for an unknown call id: the undialled consultation call dialled on the phone, or a new call (LINE_NEWCALL).</summary>
    private TapiCall CallFromPlatform(LineDevice line, PlatformCall pc, CallEventKind kind)
    {
        if (kind is CallEventKind.Originated or CallEventKind.Collecting &&
            line.Calls.Find(c => c.IsUndialled && c.Valid && c.IsLive && !line.Requests.Any(r => ReferenceEquals(r.Call, c) && r.Kind == RequestKind.Dial)) is { } k)
        {
            k.CallId = pc.CallId;
            line.ByCallId[pc.CallId] = k;
            return k;
        }

        var call = NewCall(line, CallKind.Normal, incoming: pc.Personality == CallPersonality.Terminator);
        call.CallId = pc.CallId;
        line.ByCallId[pc.CallId] = call;
        var dir = call.Incoming ? NumberDirection.Incoming : NumberDirection.Outgoing;
        call.Info = call.Info with
        {
            Origin = call.Incoming ? PartyMapper.Origin(pc.RemoteParty.CallType) : LineCallOrigin.OUTBOUND,
            Caller = call.Incoming ? PartyId.Unknown : PartyMapper.OwnLine(line.Settings, _formatter, dir),
            Called = call.Incoming ? PartyMapper.OwnLine(line.Settings, _formatter, dir) : PartyId.Unknown,
        };
        UpdateInfo(call, pc, kind);
        AnnounceNewCall(call);
        return call;
    }

    private TapiCall NewCall(LineDevice line, CallKind kind, bool incoming)
    {
        var call = new TapiCall(_registry.NextCallHandle(), line, kind, incoming) { Sequence = line.NextSequence++ };
        _registry.Calls[call.Handle] = call;
        line.Calls.Add(call);
        return call;
    }

    /// <summary>Applies one platform call to its TAPI call: party fields (CI), then the state (CS) per R2.</summary>
    private void ApplyToCall(TapiCall call, PlatformCall pc, CallEventKind kind, bool dropConfirmed)
    {
        var before = call.State;
        UpdateInfo(call, pc, kind);
        if (CallStateRules.Ends(pc, kind))
        {
            LineDisconnectMode mode;
            if (kind == CallEventKind.Redirected || pc.Redirect is not null)
            {
                mode = before == LineCallState.OFFERING ? LineDisconnectMode.FORWARDED : LineDisconnectMode.NORMAL;
            }
            else if (kind == CallEventKind.Detached || pc.State == BroadWorksCallState.Detached)
            {
                mode = before == LineCallState.OFFERING ? LineDisconnectMode.PICKUP : LineDisconnectMode.NORMAL;
            }
            else if (pc.ReleasingParty == ReleasingParty.Local || dropConfirmed)
            {
                mode = LineDisconnectMode.NORMAL;
            }
            else if (pc.Personality == CallPersonality.ClickToDial)
            {
                mode = LineDisconnectMode.NOANSWER;
            }
            else
            {
                mode = PartyMapper.DisconnectMode(pc.ReleaseCause);
            }

            AnnounceInfo(call);
            Disconnect(call, mode);
            return;
        }

        call.LastPlatform = pc;
        AnnounceInfo(call);
        if (kind == CallEventKind.Releasing)
        {
            if (call.Conference is not null)
            {
                return;
            }

            if (pc.ReleaseCause?.InternalReleaseCause == "Busy")
            {
                SetState(call, LineCallState.BUSY, (uint)LineBusyMode.UNKNOWN);
            }
            else
            {
                SetState(call, LineCallState.DISCONNECTED, (uint)PartyMapper.DisconnectMode(pc.ReleaseCause));
            }

            return;
        }

        var (state, stateMode) = Derive(call, pc, kind);
        if (state != 0)
        {
            SetState(call, state, stateMode);
        }
    }

    /// <summary>The TAPI state of a live call from its platform description (<see cref="CallStateRules"/>).</summary>
    private static (LineCallState State, uint Mode) Derive(TapiCall call, PlatformCall pc, CallEventKind kind) =>
        CallStateRules.Derive(new CallStateContext(call.State, call.Mode, call.Conference?.Handle, IsPendingTransferSide(call)), pc, kind);

    /// <summary>The held side of a pending transfer: its partner is alive, or it waits for return to held.</summary>
    private static bool IsPendingTransferSide(TapiCall call) =>
        call.TransferPartner is { IsIdle: false } ||
        (call.State == LineCallState.ONHOLDPENDTRANSFER && call.Line.Requests.Any(r => r.Kind == RequestKind.ReturnToHeld && ReferenceEquals(r.Call, call)));

    /// <summary>LINECALLINFO party fields, origin, reason and dwCallID from a platform call (docs/tapi-mapping.md §2).</summary>
    private void UpdateInfo(TapiCall call, PlatformCall pc, CallEventKind kind)
    {
        var dir = call.Incoming ? NumberDirection.Incoming : NumberDirection.Outgoing;
        var remote = PartyMapper.Party(pc.RemoteParty, _formatter, dir);
        var hasRemote = !ReferenceEquals(pc.RemoteParty, PartyInfo.Empty) && remote != PartyId.Unknown;
        var info = call.Info;

        if (pc.ExtTrackingId is { Length: > 0 } ext && ext != call.ExtTrackingId)
        {
            _registry.ReleaseTracking(call.ExtTrackingId);
            call.ExtTrackingId = ext;
            info = info with { CallId = _registry.Track(ext) };
        }

        var previous = call.Answered ? info.Connected : (call.Incoming ? info.Caller : info.Called);
        switch (kind)
        {
            case CallEventKind.Transferred when hasRemote:
                info = info with { Connected = remote, Redirecting = previous, Reason = LineCallReason.TRANSFER };
                call.Answered = true;
                break;
            case CallEventKind.Forwarded when hasRemote:
                info = info with { Redirecting = previous, Redirection = remote };
                if (!call.Answered) info = info with { Called = remote };
                break;
            case CallEventKind.PickedUp:
                call.Incoming = true;
                dir = NumberDirection.Incoming;
                remote = PartyMapper.Party(pc.RemoteParty, _formatter, dir);
                info = info with
                {
                    Caller = remote,
                    Called = PartyMapper.OwnLine(call.Line.Settings, _formatter, dir),
                    Origin = PartyMapper.Origin(pc.RemoteParty.CallType),
                    Reason = LineCallReason.PICKUP,
                };
                break;
            default:
                if (call.Incoming)
                {
                    if (hasRemote && !call.Answered) info = info with { Caller = remote };
                    if (pc.Redirections.Count > 0)
                    {
                        info = info with
                        {
                            Called = PartyMapper.Party(pc.Redirections[^1].Party, _formatter, dir),
                            Redirecting = PartyMapper.Party(pc.Redirections[0].Party, _formatter, dir),
                            Redirection = PartyMapper.OwnLine(call.Line.Settings, _formatter, dir),
                            Reason = PartyMapper.Reason(pc.Redirections),
                        };
                    }

                    if (hasRemote && !call.Answered) info = info with { Origin = PartyMapper.Origin(pc.RemoteParty.CallType) };
                }
                else if (hasRemote && !call.Answered)
                {
                    info = info with { Called = remote };
                }

                break;
        }

        var connectedNow = pc.State is BroadWorksCallState.Active or BroadWorksCallState.Held or BroadWorksCallState.RemoteHeld;
        if (hasRemote && kind is not CallEventKind.Transferred and not CallEventKind.Forwarded && !CallStateRules.Ends(pc, kind))
        {
            if (!call.Answered && (kind == CallEventKind.Answered || connectedNow))
            {
                call.Answered = true;
                info = info with { Connected = remote };
            }
            else if (call.Answered)
            {
                info = info with { Connected = remote };
            }
        }

        call.Info = info;
    }

    /// <summary>What the end of a call means: maps, relations (return to held party, docs/tapi-mapping.md §3.13), conference membership.</summary>
    private void OnIdle(TapiCall call)
    {
        var line = call.Line;
        line.Calls.Remove(call);
        if (call.CallId is not null && line.ByCallId.TryGetValue(call.CallId, out var bound) && ReferenceEquals(bound, call))
        {
            line.ByCallId.Remove(call.CallId);
        }

        _registry.ReleaseTracking(call.ExtTrackingId);
        call.ExtTrackingId = null;
        call.Conference?.Members.Remove(call);
        if (line.Handles.Count == 0)
        {
            _registry.Calls.Remove(call.Handle);
        }

        RecalculateFeatures(line);

        if (call.TransferPartner is { } partner)
        {
            partner.TransferPartner = null;
            call.TransferPartner = null;
            if (!call.TransferCompleting && partner.State == LineCallState.ONHOLDPENDTRANSFER && partner.CallId is not null)
            {
                if (_settings.Options.ReturnToHeldParty)
                {
                    var request = new TspRequest(0, RequestKind.ReturnToHeld, line, null) { Call = partner };
                    var callId = partner.CallId;
                    request.Steps.Add(async (link, ct) =>
                    {
                        await link.TalkAsync(line.UserId, callId, ct).ConfigureAwait(false);
                        return null;
                    });
                    line.Requests.AddLast(request);
                    Post(() => Pump(line));
                }
                else
                {
                    SetState(partner, LineCallState.ONHOLD, 0);
                }
            }
        }
    }
}
