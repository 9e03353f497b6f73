namespace Ecsta.Simulator.CallEngine;

public sealed partial class SimCallEngine
{
    /// <summary>
    /// <c>BlindTransfer?address=</c>: an alerting call is redirected (reason deflection), a connected
    /// call transferred (reason transfer); the user's half is Detached, then released.
    /// </summary>
    public void BlindTransfer(string userId, string callId, string address)
    {
        lock (_gate)
        {
            var half = RequireCall(RequireUser(userId), callId);
            var target = Resolve(address);
            var remote = half.Peer ?? throw new CallEngineException(400, "The call has no remote party to transfer");
            if (half.State == CallState.Alerting && half.Personality == CallPersonality.Terminator && half.AnswerTime is null)
            {
                RedirectAlerting(half, remote, "deflection", address, hops: 0);
                return;
            }

            if (half.State == CallState.Alerting)
            {
                throw new CallEngineException(400, "An outgoing call cannot be transferred before it is answered");
            }

            var user = half.Owner;
            var now = NowMs;
            half.Peer = null;
            remote.Peer = null;
            half.State = CallState.Detached;
            half.DetachedTime = now;
            half.Redirect = new RedirectSnapshot(target.Party(), "transfer", now);
            Emit(new SimEvent { UserId = user.UserId, EventType = SimEventTypes.CallRedirected, Calls = [half.Snapshot()] });
            ReleaseHalf(half, "localRelease", null);
            var redirections = new List<RedirectSnapshot> { new(half.AsRemoteParty(), "transfer", now) };
            if (remote is CallHalf remoteHalf && remoteHalf.State.IsLive())
            {
                remoteHalf.Remote = target.Party();
                remoteHalf.State = CallState.Alerting;
                EmitCall(remoteHalf, SimEventTypes.CallTransferred);
            }

            Route(remote, target, redirections, hops: 0, forwarded: false);
        }
    }

    /// <summary>
    /// <c>ConsultTransfer/{callId2}</c>: connects the remote parties of both calls; the user's
    /// halves are Detached (one CallRedirectedEvent), then released.
    /// </summary>
    public void ConsultTransfer(string userId, string callId, string otherCallId)
    {
        lock (_gate)
        {
            var user = RequireUser(userId);
            var first = RequireCall(user, callId);
            var second = RequireCall(user, otherCallId);
            if (first == second)
            {
                throw new CallEngineException(400, "ConsultTransfer needs two different calls");
            }

            var firstRemote = first.Peer ?? throw new CallEngineException(400, "The call has no remote party: " + callId);
            var secondRemote = second.Peer ?? throw new CallEngineException(400, "The call has no remote party: " + otherCallId);
            if (first.State == CallState.Alerting && first.Personality != CallPersonality.Originator)
            {
                throw new CallEngineException(400, "The call to transfer must be answered");
            }

            var now = NowMs;
            first.Redirect = new RedirectSnapshot(secondRemote.AsRemoteParty(), "transfer", now);
            second.Redirect = new RedirectSnapshot(firstRemote.AsRemoteParty(), "transfer", now);
            foreach (var half in new[] { first, second })
            {
                half.CancelTimer();
                half.Peer = null;
                half.State = CallState.Detached;
                half.DetachedTime = now;
            }

            Emit(new SimEvent { UserId = user.UserId, EventType = SimEventTypes.CallRedirected, Calls = [first.Snapshot(), second.Snapshot()] });
            ReleaseHalf(first, "localRelease", null, updateHook: false);
            ReleaseHalf(second, "localRelease", null);
            Link(firstRemote, secondRemote);
            var connected = secondRemote.HasAnswered;
            AfterConsultTransfer(firstRemote, secondRemote, connected);
            AfterConsultTransfer(secondRemote, firstRemote, connected: true);
        }
    }

    private void AfterConsultTransfer(CallEnd end, CallEnd newRemote, bool connected)
    {
        if (end is not CallHalf half || !half.State.IsLive())
        {
            return;
        }

        half.Remote = newRemote.AsRemoteParty();
        if (half.State != CallState.Alerting || half.Personality != CallPersonality.Terminator)
        {
            half.State = connected ? CallState.Active : CallState.Alerting;
        }

        EmitCall(half, SimEventTypes.CallTransferred);
    }
}
