using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.Simulator.Auth;
using Ecsta.Simulator.CallEngine;
using Serilog;

namespace Ecsta.Simulator.Events;

/// <summary>
/// Channels, channel sets and subscriptions of Xsi-Events, shared by the XSI and CTI servers:
/// routes engine events to subscriptions, numbers them, waits for EventResponses and re-sends.
/// </summary>
internal sealed partial class EventHub : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SimCallEngine _engine;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Dictionary<string, EventChannel> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingEvent> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<object, List<EventSubscription>> _byTarget = [];
    private readonly ITimer _housekeeping;
    private long _nextOrdinal;

    public EventHub(SimCallEngine engine, EventOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _engine = engine;
        Options = options;
        _time = timeProvider;
        _log = logger;
        _engine.EventRaised += OnEngineEvent;
        _housekeeping = _time.CreateTimer(_ => Housekeeping(), null, options.HousekeepingInterval, options.HousekeepingInterval);
    }

    public EventOptions Options { get; }

    /// <summary>Fault: heartbeats are accepted but no ChannelHeartBeat is written.</summary>
    public bool IgnoreHeartbeats { get; set; }

    /// <summary>Fault: a subscription's initial events go out this long after it was answered (zero: before the answer).</summary>
    public TimeSpan InitialEventDelay { get; set; }

    /// <summary>Number of open channels.</summary>
    public int ChannelCount
    {
        get
        {
            lock (_gate)
            {
                return _channels.Count;
            }
        }
    }

    /// <summary>Ids of the open channels.</summary>
    public IReadOnlyList<string> ChannelIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _channels.Keys];
            }
        }
    }

    public void Dispose()
    {
        _engine.EventRaised -= OnEngineEvent;
        _housekeeping.Dispose();
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private int Grant(int? requested) => Options.GrantedExpires ?? Math.Clamp(requested ?? 3600, 1, Options.MaxExpires);

    /// <summary>Adds a channel (the caller writes the Channel document first, then starts the transport).</summary>
    public EventChannel AddChannel(SimPrincipal owner, XsiChannel request, IChannelTransport transport)
    {
        if (string.IsNullOrWhiteSpace(request.ChannelSetId))
        {
            throw new CallEngineException(400, "channelSetId is required");
        }

        lock (_gate)
        {
            var now = Now;
            var expires = Grant(request.Expires);
            var channel = new EventChannel
            {
                ChannelId = Guid.NewGuid().ToString(),
                ChannelSetId = request.ChannelSetId!,
                Priority = request.Priority ?? 1,
                Weight = request.Weight ?? 50,
                Expires = expires,
                ApplicationId = request.ApplicationId,
                Owner = owner,
                Transport = transport,
                ExpiresAt = now.AddSeconds(expires),
                LastHeartbeat = now,
                Ordinal = ++_nextOrdinal,
            };
            if (request.ApplicationId is { } applicationId)
            {
                foreach (var old in _channels.Values.Where(c => string.Equals(c.ApplicationId, applicationId, StringComparison.Ordinal)
                    && !string.Equals(c.ChannelSetId, channel.ChannelSetId, StringComparison.Ordinal)).ToList())
                {
                    TerminateLocked(old, "ApplicationIdReplaced", sendEvent: true);
                }
            }

            var inSet = _channels.Values.Where(c => string.Equals(c.ChannelSetId, channel.ChannelSetId, StringComparison.Ordinal)).OrderBy(c => c.Ordinal).ToList();
            if (inSet.Count >= Options.MaxChannelsPerSet)
            {
                TerminateLocked(inSet[0], "MaxChannelsReached", sendEvent: true);
            }

            _channels.Add(channel.ChannelId, channel);
            OpenLedgerLocked(channel);
            _log.Debug("Channel {ChannelId} added to set {ChannelSetId} for {LoginId}", channel.ChannelId, channel.ChannelSetId, owner.LoginId);
            return channel;
        }
    }

    /// <summary>Heartbeat; false when the channel is unknown (the server answers 404).</summary>
    public bool Heartbeat(string channelId)
    {
        lock (_gate)
        {
            if (!_channels.TryGetValue(channelId, out var channel))
            {
                return false;
            }

            if (!IgnoreHeartbeats)
            {
                channel.LastHeartbeat = Now;
                channel.Transport.Send(new ChannelMessage(XsiChannelHeartBeat.Instance));
            }

            return true;
        }
    }

    /// <summary>Refreshes a channel's expiry; null when unknown.</summary>
    public XsiChannel? RefreshChannel(string channelId, int? expires)
    {
        lock (_gate)
        {
            if (!_channels.TryGetValue(channelId, out var channel))
            {
                return null;
            }

            channel.Expires = Grant(expires);
            channel.ExpiresAt = Now.AddSeconds(channel.Expires);
            return new XsiChannel { ChannelId = channel.ChannelId, Expires = channel.Expires };
        }
    }

    /// <summary>The channels of a set; null when the set has none.</summary>
    public XsiChannelSet? GetChannelSet(string channelSetId)
    {
        lock (_gate)
        {
            var channels = _channels.Values.Where(c => string.Equals(c.ChannelSetId, channelSetId, StringComparison.Ordinal)).OrderBy(c => c.Ordinal)
                .Select(c => new XsiChannel { ChannelId = c.ChannelId, ChannelSetId = c.ChannelSetId, Priority = c.Priority, Weight = c.Weight, Expires = c.Expires })
                .ToList();
            return channels.Count == 0 ? null : new XsiChannelSet(new ValueList<XsiChannel>(channels));
        }
    }

    /// <summary>Terminates a channel with a ChannelTerminatedEvent; false when unknown.</summary>
    public bool TerminateChannel(string channelId, string reason)
    {
        lock (_gate)
        {
            if (!_channels.TryGetValue(channelId, out var channel))
            {
                return false;
            }

            TerminateLocked(channel, reason, sendEvent: true);
            return true;
        }
    }

    /// <summary>Called by a transport whose connection went away.</summary>
    public void ChannelLost(string channelId)
    {
        lock (_gate)
        {
            if (_channels.TryGetValue(channelId, out var channel))
            {
                TerminateLocked(channel, "ConnectionLost", sendEvent: false);
            }
        }
    }

    /// <summary>Drops every channel and subscription (restart or dropped connections).</summary>
    public void DropAll(bool abortConnections)
    {
        lock (_gate)
        {
            foreach (var channel in _channels.Values.ToList())
            {
                channel.Closed = true;
                CloseLedgerLocked(channel.ChannelId);
                if (abortConnections)
                {
                    channel.Transport.Abort();
                }
                else
                {
                    channel.Transport.Close();
                }
            }

            _channels.Clear();
            _subscriptions.Clear();
            _byTarget.Clear();
            _pending.Clear();
        }
    }

    private void TerminateLocked(EventChannel channel, string reason, bool sendEvent)
    {
        if (channel.Closed)
        {
            return;
        }

        channel.Closed = true;
        _channels.Remove(channel.ChannelId);
        CloseLedgerLocked(channel.ChannelId);
        _log.Debug("Channel {ChannelId} terminated: {Reason}", channel.ChannelId, reason);
        if (sendEvent)
        {
            channel.Transport.Send(new ChannelMessage(new XsiChannelTerminatedEvent(channel.ChannelId, reason)));
        }

        channel.Transport.Close();
        foreach (var subscription in _subscriptions.Values.Where(s => string.Equals(s.ChannelId, channel.ChannelId, StringComparison.Ordinal)))
        {
            subscription.ChannelId = null;
        }

        if (!_channels.Values.Any(c => string.Equals(c.ChannelSetId, channel.ChannelSetId, StringComparison.Ordinal)))
        {
            // The last channel of the set is gone: so are the set's subscriptions.
            foreach (var orphan in _subscriptions.Values.Where(s => string.Equals(s.ChannelSetId, channel.ChannelSetId, StringComparison.Ordinal)).ToList())
            {
                RemoveSubscriptionLocked(orphan);
            }
        }
    }

    private void Housekeeping()
    {
        try
        {
            lock (_gate)
            {
                var now = Now;
                foreach (var channel in _channels.Values.ToList())
                {
                    if (now >= channel.ExpiresAt)
                    {
                        TerminateLocked(channel, "ChannelExpired", sendEvent: true);
                    }
                    else if (now - channel.LastHeartbeat > Options.EventTimeout)
                    {
                        TerminateLocked(channel, "HeartbeatTimeout", sendEvent: true);
                    }
                }

                foreach (var subscription in _subscriptions.Values.Where(s => now >= s.ExpiresAt).ToList())
                {
                    Deliver(subscription, subscription.TargetUser, XsiSubscriptionTerminatedEventData.Instance);
                    RemoveSubscriptionLocked(subscription);
                }

                ResendDue(now);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            _log.Warning(ex, "Event housekeeping failed");
        }
    }
}
