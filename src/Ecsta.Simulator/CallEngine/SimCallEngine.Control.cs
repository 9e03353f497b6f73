namespace Ecsta.Simulator.CallEngine;

public sealed partial class SimCallEngine
{
    /// <summary><c>Talk</c>: answers an alerting call, or retrieves a held one.</summary>
    public void Talk(string userId, string callId)
    {
        lock (_gate)
        {
            var half = RequireCall(RequireUser(userId), callId);
            switch (half.State)
            {
                case CallState.Alerting when half.Personality == CallPersonality.ClickToDial:
                    if (_pendingOwnLeg.TryGetValue(half.CallId, out var destination))
                    {
                        AnswerOwnLeg(half, destination);
                    }

                    break;
                case CallState.Alerting when half.Personality == CallPersonality.Terminator && half.AnswerTime is null:
                    AnswerIncoming(half);
                    break;
                case CallState.Held:
                    Retrieve(half);
                    break;
                case CallState.Active or CallState.RemoteHeld:
                    break;
                default:
                    throw new CallEngineException(400, "The call cannot be answered or retrieved in state " + half.State.ToWire());
            }
        }
    }

    private void AnswerIncoming(CallHalf half)
    {
        half.CancelTimer();
        half.State = CallState.Active;
        half.AnswerTime = NowMs;
        EmitCall(half, SimEventTypes.CallAnswered);
        UpdateHook(half.Owner);
        if (half.Peer is { } peer)
        {
            peer.CancelTimer();
            PeerAnswered(peer);
        }
    }

    private void Retrieve(CallHalf half)
    {
        half.State = CallState.Active;
        EmitCall(half, SimEventTypes.CallRetrieved);
        if (half.Peer is CallHalf peer && peer.State == CallState.RemoteHeld)
        {
            peer.State = CallState.Active;
            EmitCall(peer, SimEventTypes.CallRetrieved);
        }
    }

    /// <summary><c>Hold</c>: holds an active call; an internal remote party sees Remote Held.</summary>
    public void Hold(string userId, string callId)
    {
        lock (_gate)
        {
            var half = RequireCall(RequireUser(userId), callId);
            if (half.State == CallState.Held)
            {
                return;
            }

            if (half.State is not (CallState.Active or CallState.RemoteHeld))
            {
                throw new CallEngineException(400, "Only an active call can be held");
            }

            HoldHalf(half);
        }
    }

    private void HoldHalf(CallHalf half)
    {
        half.State = CallState.Held;
        half.HeldTime = NowMs;
        EmitCall(half, SimEventTypes.CallHeld);
        if (half.Peer is CallHalf peer && peer.State == CallState.Active)
        {
            peer.State = CallState.RemoteHeld;
            peer.HeldTime = NowMs;
            EmitCall(peer, SimEventTypes.CallHeld);
        }
    }

    /// <summary><c>Reconnect</c>: retrieves this call and releases every other call of the user.</summary>
    public void Reconnect(string userId, string callId)
    {
        lock (_gate)
        {
            var user = RequireUser(userId);
            var half = RequireCall(user, callId);
            foreach (var other in _calls[user.UserId].Where(c => c != half && c.State.IsLive()).ToList())
            {
                ReleaseLocally(other);
            }

            if (half.State == CallState.Held)
            {
                Retrieve(half);
            }
        }
    }

    /// <summary><c>DELETE calls/{id}</c>: releases a call; with <paramref name="decline"/> an alerting call is rejected.</summary>
    public void Release(string userId, string callId, bool decline)
    {
        lock (_gate)
        {
            var half = RequireCall(RequireUser(userId), callId);
            if (half.State == CallState.Alerting && half.Personality == CallPersonality.Terminator && half.AnswerTime is null)
            {
                var caller = half.Peer;
                half.Peer = null;
                if (caller is not null)
                {
                    caller.Peer = null;
                }

                ReleaseHalf(half, "localRelease", null);
                if (caller is null)
                {
                    return;
                }

                if (decline)
                {
                    RemoteReleased(caller, new ReleaseCauseSnapshot("Global Failure", "021"));
                }
                else if (Options.NoAnswerTimeout is { } timeout)
                {
                    // Not declined: the caller keeps ringing until it gives up (no-answer timer).
                    caller.CancelTimer();
                    caller.Timer = Schedule(timeout, () => RemoteReleased(caller, new ReleaseCauseSnapshot("Request Timeout", "019")));
                }

                return;
            }

            _pendingOwnLeg.Remove(half.CallId);
            ReleaseLocally(half);
        }
    }

    private void ReleaseLocally(CallHalf half)
    {
        var peer = half.Peer;
        half.Peer = null;
        ReleaseHalf(half, "localRelease", null);
        if (peer is not null)
        {
            peer.Peer = null;
            RemoteReleased(peer, null);
        }
    }

    /// <summary><c>TransmitDTMF</c> on an active call.</summary>
    public void TransmitDtmf(string userId, string callId, string digits)
    {
        lock (_gate)
        {
            var half = RequireCall(RequireUser(userId), callId);
            if (string.IsNullOrEmpty(digits) || !digits.All(ch => char.IsAsciiDigit(ch) || ch is '*' or '#' or ',' or 'A' or 'B' or 'C' or 'D'))
            {
                throw new CallEngineException(400, "Invalid DTMF digits");
            }

            if (half.State != CallState.Active)
            {
                throw new CallEngineException(400, "DTMF needs an active call");
            }

            half.DtmfSent.Add(digits);
        }
    }

    private void RemoteReleased(CallEnd end, ReleaseCauseSnapshot? cause)
    {
        end.Peer = null;
        end.CancelTimer();
        switch (end)
        {
            case CallHalf half when half.State.IsLive():
                ReleaseHalf(half, "remoteRelease", cause);
                break;
            case ExternalEnd external:
                external.Ended = true;
                break;
        }
    }

    private void ReleaseHalf(CallHalf half, string? releasingParty, ReleaseCauseSnapshot? cause, bool updateHook = true)
    {
        half.CancelTimer();
        _pendingOwnLeg.Remove(half.CallId);
        if (half.State != CallState.Detached)
        {
            half.State = CallState.Released;
        }

        half.ReleaseTime = NowMs;
        half.ReleasingParty = releasingParty;
        half.ReleaseCause = cause ?? half.ReleaseCause;
        _calls[half.Owner.UserId].Remove(half);
        half.State = CallState.Released;
        EmitCall(half, SimEventTypes.CallReleased);
        LeaveConference(half);
        if (updateHook)
        {
            UpdateHook(half.Owner);
        }
    }
}
