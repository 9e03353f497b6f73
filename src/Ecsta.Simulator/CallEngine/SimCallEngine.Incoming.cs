namespace Ecsta.Simulator.CallEngine;

/// <summary>An external caller placed by a test; lets the test hang up the far end.</summary>
public sealed class IncomingCall
{
    private readonly SimCallEngine _engine;

    internal IncomingCall(SimCallEngine engine, ExternalEnd end)
    {
        _engine = engine;
        End = end;
    }

    internal ExternalEnd End { get; }

    /// <summary>The caller's number.</summary>
    public string CallerNumber => End.Number;

    /// <summary>The shared extTrackingId of the session.</summary>
    public string ExtTrackingId => End.ExtTrackingId;

    /// <summary>The external caller hangs up.</summary>
    public void HangUp() => _engine.HangUpExternal(End);
}

public sealed partial class SimCallEngine
{
    /// <summary>
    /// An external caller (<paramref name="callerNumber"/>) calls <paramref name="address"/>
    /// (a user's extension, number or id); the user's services apply.
    /// </summary>
    public IncomingCall PlaceIncomingCall(string callerNumber, string address, string? callerName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(callerNumber);
        lock (_gate)
        {
            var destination = Resolve(address);
            var caller = new ExternalEnd { Number = callerNumber, Name = callerName, ExtTrackingId = NextSession(), Answered = true };
            Route(caller, destination, [], hops: 0, forwarded: false);
            return new IncomingCall(this, caller);
        }
    }

    internal void HangUpExternal(ExternalEnd end)
    {
        lock (_gate)
        {
            if (end.Ended)
            {
                return;
            }

            end.Ended = true;
            end.CancelTimer();
            var peer = end.Peer;
            end.Peer = null;
            if (peer is not null)
            {
                RemoteReleased(peer, null);
            }
        }
    }

    /// <summary>
    /// The phantom second call: a CallReceivedEvent for a new call that is released after
    /// <paramref name="releaseAfter"/> (BroadWorks does this even with call waiting off).
    /// </summary>
    public string EmitPhantomCall(string userId, string callerNumber, TimeSpan releaseAfter)
    {
        lock (_gate)
        {
            var user = RequireUser(userId);
            var caller = new ExternalEnd { Number = callerNumber, ExtTrackingId = NextSession(), Answered = true };
            var half = NewHalf(user, CallPersonality.Terminator, caller.AsRemoteParty(), caller.ExtTrackingId);
            Link(caller, half);
            EmitCall(half, SimEventTypes.CallReceived);
            half.Timer = Schedule(releaseAfter, () =>
            {
                if (half.State.IsLive())
                {
                    caller.Ended = true;
                    half.Peer = null;
                    ReleaseHalf(half, "remoteRelease", null);
                }
            });
            return half.CallId;
        }
    }
}
