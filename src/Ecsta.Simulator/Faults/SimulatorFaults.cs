using Ecsta.Simulator.CallEngine;
using Ecsta.Simulator.Events;

namespace Ecsta.Simulator.Faults;

/// <summary>
/// Fault injection, from tests (this API) or from the admin endpoint <c>/sim/admin/...</c>.
/// </summary>
public sealed class SimulatorFaults
{
    private readonly Lock _gate = new();
    private readonly SimCallEngine _engine;
    private readonly EventHub _hub;
    private readonly ConnectionRegistry _connections;
    private int _failuresLeft;
    private int _failureStatus = 503;
    private long _delayTicks;

    internal SimulatorFaults(SimCallEngine engine, EventHub hub, ConnectionRegistry connections)
    {
        _engine = engine;
        _hub = hub;
        _connections = connections;
    }

    /// <summary>Every response (XSI and CTI) is delayed by this much.</summary>
    public TimeSpan ResponseDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    /// <summary>Heartbeats are answered 200 but no ChannelHeartBeat is written on the channel.</summary>
    public bool IgnoreHeartbeats
    {
        get => _hub.IgnoreHeartbeats;
        set => _hub.IgnoreHeartbeats = value;
    }

    /// <summary>
    /// A new or refreshed subscription's initial events (e.g. the CallSubscriptionEvent) are sent this long after the
    /// subscription was answered, as an XSP may send them, instead of before the answer; none is sent if the
    /// subscription is gone by then. Zero (default) turns it off.
    /// </summary>
    public TimeSpan InitialEventDelay
    {
        get => _hub.InitialEventDelay;
        set => _hub.InitialEventDelay = value;
    }

    /// <summary>The next <paramref name="count"/> requests are answered with <paramref name="statusCode"/> (5xx, 503 …) and an ErrorInfo.</summary>
    public void FailNextRequests(int count, int statusCode = 503)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            _failuresLeft = count;
            _failureStatus = statusCode;
        }
    }

    /// <summary>How many of the failures asked for with <see cref="FailNextRequests"/> are still to be served.</summary>
    public int PendingFailures
    {
        get
        {
            lock (_gate)
            {
                return _failuresLeft;
            }
        }
    }

    internal bool TryTakeFailure(out int statusCode)
    {
        lock (_gate)
        {
            statusCode = _failureStatus;
            if (_failuresLeft <= 0)
            {
                return false;
            }

            _failuresLeft--;
            return true;
        }
    }

    /// <summary>Drops every client connection (HTTP, streaming channels, CTI) without a goodbye; channels and their subscriptions are gone.</summary>
    public void DropAllConnections()
    {
        _hub.DropAll(abortConnections: true);
        _connections.AbortAll();
    }

    /// <summary>Terminates one channel with a ChannelTerminatedEvent; false when unknown.</summary>
    public bool TerminateChannel(string channelId, string reason = "AdminTerminated") => _hub.TerminateChannel(channelId, reason);

    /// <summary>Ids of the open channels.</summary>
    public IReadOnlyList<string> ChannelIds => _hub.ChannelIds;

    /// <summary>Changes a user's (or the administrator's) password: later requests with the old one get 401.</summary>
    public void ChangePassword(string loginId, string newPassword)
    {
        ArgumentException.ThrowIfNullOrEmpty(newPassword);
        if (_engine.FindUser(loginId) is { } user)
        {
            user.Password = newPassword;
            return;
        }

        var admin = _engine.Administrators.FirstOrDefault(a => string.Equals(a.UserId, loginId, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException("Unknown login: " + loginId, nameof(loginId));
        admin.Password = newPassword;
    }

    /// <summary>An XSP/AS restart: all calls lost without events, all channels and subscriptions gone, connections dropped.</summary>
    public void Restart()
    {
        _engine.Restart();
        DropAllConnections();
    }

    /// <summary>The phantom second call: a CallReceivedEvent released after 20–50 ms (or <paramref name="releaseAfter"/>); returns its callId.</summary>
    public string EmitPhantomCall(string userId, string callerNumber = "+4989555000", TimeSpan? releaseAfter = null) =>
        _engine.EmitPhantomCall(userId, callerNumber, releaseAfter ?? TimeSpan.FromMilliseconds(Random.Shared.Next(20, 51)));

    /// <summary>Sends a malformed document (a truncated xsi:Event) to the channels subscribed to the user.</summary>
    public void EmitMalformedDocument(string userId) => _engine.EmitRaw(userId,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><xsi:Event xmlns:xsi=\"http://schema.broadsoft.com/xsi\"><xsi:eventID>broken");

    /// <summary>Sends a well-formed document of a kind no client knows to the channels subscribed to the user.</summary>
    public void EmitUnknownDocument(string userId) => _engine.EmitRaw(userId,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SimulatorUnknownDocument xmlns=\"http://schema.broadsoft.com/xsi\"><note>ignore me</note></SimulatorUnknownDocument>");

    /// <summary>Sends any raw text as one document to the channels subscribed to the user.</summary>
    public void EmitRawDocument(string userId, string document) => _engine.EmitRaw(userId, document);
}
