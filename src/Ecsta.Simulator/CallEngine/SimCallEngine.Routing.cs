namespace Ecsta.Simulator.CallEngine;

public sealed partial class SimCallEngine
{
    private const int MaxForwardingHops = 5;

    /// <summary>Delivers a session from <paramref name="caller"/> to a destination, applying its services.</summary>
    private void Route(CallEnd caller, Destination destination, IReadOnlyList<RedirectSnapshot> redirections, int hops, bool forwarded)
    {
        if (destination.User is { } user)
        {
            OfferToUser(caller, user, redirections, hops, forwarded);
            return;
        }

        var external = new ExternalEnd { Number = destination.ExternalNumber!, ExtTrackingId = caller.ExtTrackingId };
        Link(caller, external);
        AnnounceForward(caller, external, forwarded);
        var behavior = FarEnds.For(external.Number);
        switch (behavior.Action)
        {
            case FarEndAction.Answer:
                external.Timer = Schedule(behavior.AnswerAfter, () =>
                {
                    if (!external.Ended && ReferenceEquals(caller.Peer, external))
                    {
                        external.Answered = true;
                        PeerAnswered(caller);
                    }
                });
                break;
            case FarEndAction.Busy:
                BusyTreatment(caller);
                break;
            case FarEndAction.Reject:
                external.Ended = true;
                RemoteReleased(caller, new ReleaseCauseSnapshot("Global Failure", "021"));
                break;
            default:
                ScheduleNoAnswerRelease(caller, external);
                break;
        }
    }

    private void AnnounceForward(CallEnd caller, CallEnd target, bool forwarded)
    {
        if (forwarded && caller is CallHalf half && half.State.IsLive())
        {
            half.Remote = target.AsRemoteParty();
            EmitCall(half, SimEventTypes.CallForwarded);
        }
    }

    private void OfferToUser(CallEnd caller, SimUser user, IReadOnlyList<RedirectSnapshot> redirections, int hops, bool forwarded)
    {
        var services = user.Services;
        var callerParty = caller.AsRemoteParty();
        if (hops < MaxForwardingHops && services.Always.Active && !string.IsNullOrEmpty(services.Always.ForwardTo))
        {
            DivertAtUser(caller, user, callerParty, redirections, "unconditional", services.Always.ForwardTo!, hops);
            return;
        }

        if (services.DoNotDisturb)
        {
            var diverted = NewHalf(user, CallPersonality.Terminator, callerParty, caller.ExtTrackingId, redirections);
            EmitCall(diverted, SimEventTypes.CallReceived);
            diverted.State = CallState.Detached;
            diverted.DetachedTime = NowMs;
            EmitCall(diverted, SimEventTypes.CallDetached);
            ReleaseHalf(diverted, "localRelease", null);
            BusyTreatment(caller);
            return;
        }

        var busy = !services.CallWaiting && _calls[user.UserId].Any(c => c.State.IsLive());
        if (busy)
        {
            if (hops < MaxForwardingHops && services.Busy.Active && !string.IsNullOrEmpty(services.Busy.ForwardTo))
            {
                DivertAtUser(caller, user, callerParty, redirections, "user-busy", services.Busy.ForwardTo!, hops);
            }
            else
            {
                BusyTreatment(caller);
            }

            return;
        }

        var half = NewHalf(user, CallPersonality.Terminator, callerParty, caller.ExtTrackingId, redirections);
        Link(caller, half);
        AnnounceForward(caller, half, forwarded);
        EmitCall(half, SimEventTypes.CallReceived);
        if (hops < MaxForwardingHops && services.NoAnswer.Active && !string.IsNullOrEmpty(services.NoAnswer.ForwardTo))
        {
            var target = services.NoAnswer.ForwardTo!;
            var rings = Math.Max(1, services.NoAnswer.NumberOfRings);
            half.Timer = Schedule(Options.RingInterval * rings, () =>
            {
                if (half.State == CallState.Alerting && half.Peer is { } stillCaller)
                {
                    RedirectAlerting(half, stillCaller, "no-answer", target, hops);
                }
            });
        }
        else
        {
            ScheduleNoAnswerRelease(caller, half);
        }
    }

    /// <summary>CFA/CFB: the user sees the call arrive and leave (Advanced Call), the caller is forwarded.</summary>
    private void DivertAtUser(CallEnd caller, SimUser user, PartySnapshot callerParty, IReadOnlyList<RedirectSnapshot> redirections, string reason, string forwardTo, int hops)
    {
        Destination target;
        try
        {
            target = Resolve(forwardTo);
        }
        catch (CallEngineException)
        {
            BusyTreatment(caller);
            return;
        }

        var half = NewHalf(user, CallPersonality.Terminator, callerParty, caller.ExtTrackingId, redirections);
        EmitCall(half, SimEventTypes.CallReceived);
        var now = NowMs;
        half.State = CallState.Detached;
        half.DetachedTime = now;
        half.Redirect = new RedirectSnapshot(target.Party(), reason, now);
        Emit(new SimEvent { UserId = user.UserId, EventType = SimEventTypes.CallRedirected, Calls = [half.Snapshot()] });
        ReleaseHalf(half, "localRelease", null);
        var next = new List<RedirectSnapshot> { new(new PartySnapshot(user.DisplayName, "tel:" + user.Extension, user.UserId, user.UserDn, "Group"), reason, now) };
        next.AddRange(redirections);
        Route(caller, target, next, hops + 1, forwarded: true);
    }

    /// <summary>An alerting call leaves the user (CFNA or BlindTransfer on an alerting call) and goes on to a new target.</summary>
    private void RedirectAlerting(CallHalf half, CallEnd caller, string reason, string address, int hops)
    {
        var target = Resolve(address);
        var now = NowMs;
        half.CancelTimer();
        half.State = CallState.Detached;
        half.DetachedTime = now;
        half.Redirect = new RedirectSnapshot(target.Party(), reason, now);
        half.Peer = null;
        caller.Peer = null;
        Emit(new SimEvent { UserId = half.Owner.UserId, EventType = SimEventTypes.CallRedirected, Calls = [half.Snapshot()] });
        ReleaseHalf(half, "localRelease", null);
        var user = half.Owner;
        var next = new List<RedirectSnapshot> { new(new PartySnapshot(user.DisplayName, "tel:" + user.Extension, user.UserId, user.UserDn, "Group"), reason, now) };
        next.AddRange(half.Redirections);
        Route(caller, target, next, hops + 1, forwarded: true);
    }

    private void ScheduleNoAnswerRelease(CallEnd caller, CallEnd ringing)
    {
        if (Options.NoAnswerTimeout is not { } timeout)
        {
            return;
        }

        ringing.Timer = Schedule(timeout, () =>
        {
            if (ringing.HasAnswered || !ReferenceEquals(caller.Peer, ringing))
            {
                return;
            }

            if (ringing is CallHalf half && half.State == CallState.Alerting)
            {
                half.Peer = null;
                ReleaseHalf(half, "remoteRelease", null);
            }

            if (ringing is ExternalEnd external)
            {
                external.Ended = true;
            }

            RemoteReleased(caller, new ReleaseCauseSnapshot("Request Timeout", "019"));
        });
    }

    /// <summary>The caller hears busy: CallReleasingEvent (Busy), then CallReleasedEvent after the treatment.</summary>
    private void BusyTreatment(CallEnd caller)
    {
        if (caller is not CallHalf half || !half.State.IsLive())
        {
            if (caller is ExternalEnd external)
            {
                external.Ended = true;
            }

            return;
        }

        half.Peer = null;
        var cause = new ReleaseCauseSnapshot("Busy", "017");
        half.ReleaseCause = cause;
        EmitCall(half, SimEventTypes.CallReleasing);
        half.CancelTimer();
        half.Timer = Schedule(Options.BusyTreatment, () =>
        {
            if (half.State.IsLive())
            {
                ReleaseHalf(half, "remoteRelease", cause);
            }
        });
    }

    /// <summary>The peer of <paramref name="end"/> answered.</summary>
    private void PeerAnswered(CallEnd end)
    {
        if (end is not CallHalf half || !half.State.IsLive())
        {
            return;
        }

        half.CancelTimer();
        if (half.Peer is { } peer)
        {
            half.Remote = peer.AsRemoteParty();
        }

        half.State = CallState.Active;
        half.AnswerTime ??= NowMs;
        EmitCall(half, SimEventTypes.CallAnswered);
        UpdateHook(half.Owner);
    }
}
