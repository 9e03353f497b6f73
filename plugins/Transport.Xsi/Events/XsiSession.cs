using System.Threading.Channels;
using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Mapping;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.Plugins.Transport.Xsi.Http;
using Serilog;

namespace Ecsta.Plugins.Transport.Xsi.Events;

/// <summary>
/// One connection epoch of a link: a channel set with one streaming channel per reachable XSP, the subscriptions
/// on it, and the timers that keep both alive (heartbeat, channel and subscription refresh at half-life). A lost
/// session is never repaired: the link replaces it.
/// </summary>
internal sealed class XsiSession : IAsyncDisposable
{
    private readonly XsiRequester _requester;
    private readonly XsiLinkSettings _settings;
    private readonly PlatformLinkOptions _options;
    private readonly IXsiSessionOwner _owner;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly List<XsiEventChannel> _channels = [];
    private readonly Dictionary<string, TrackedSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscriptionGate = new(1, 1);
    private readonly Channel<(ServiceTarget Target, string EventId)> _acks =
        Channel.CreateUnbounded<(ServiceTarget, string)>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private int _lost;

    public XsiSession(XsiRequester requester, PlatformLinkOptions options, XsiLinkSettings settings, IXsiSessionOwner owner, TimeProvider time, ILogger log, ServiceTarget primary, string channelSetId)
    {
        _requester = requester;
        _options = options;
        _settings = settings;
        _owner = owner;
        _time = time;
        _log = log;
        Primary = primary;
        ChannelSetId = channelSetId;
    }

    /// <summary>The XSP that answered authentication; Xsi-Actions go there.</summary>
    public ServiceTarget Primary { get; }

    public string ChannelSetId { get; }

    public bool IsLost => Volatile.Read(ref _lost) != 0;

    /// <summary>Events held back while the session is being set up (the link flushes them after LinkStateEvent).</summary>
    public List<PlatformEvent> Held { get; } = [];

    /// <summary>Whether events go straight to the link's stream (after set-up).</summary>
    public bool Ready { get; set; }

    public IReadOnlyList<XsiEventChannel> Channels
    {
        get
        {
            lock (_channels)
            {
                return [.. _channels];
            }
        }
    }

    public IReadOnlyList<TrackedSubscription> Subscriptions
    {
        get
        {
            lock (_subscriptions)
            {
                return [.. _subscriptions.Values];
            }
        }
    }

    /// <summary>Opens a channel on the primary XSP (required) and on every other target (best effort), then starts the timers.</summary>
    public async Task OpenAsync(IReadOnlyList<ServiceTarget> targets, CancellationToken cancellationToken)
    {
        await AddChannelAsync(Primary, cancellationToken).ConfigureAwait(false);
        var others = targets.Where(t => t != Primary).Select(async t =>
        {
            try
            {
                await AddChannelAsync(t, cancellationToken).ConfigureAwait(false);
            }
            catch (PlatformException ex) when (ex.Kind != PlatformErrorKind.Unauthorized)
            {
                _log.Information("No event channel on {Host}:{Port}: {Error}", t.Host, t.Port, ex.Message);
            }
        });
        await Task.WhenAll(others).ConfigureAwait(false);
        _workers.Add(Task.Run(() => MaintainAsync(_stop.Token), CancellationToken.None));
        _workers.Add(Task.Run(() => AcknowledgeAsync(_stop.Token), CancellationToken.None));
        _workers.Add(Task.Run(() => AcknowledgeAsync(_stop.Token), CancellationToken.None));
    }

    private async Task AddChannelAsync(ServiceTarget target, CancellationToken cancellationToken)
    {
        var request = new XsiChannel
        {
            ChannelSetId = ChannelSetId,
            Priority = 1,
            Weight = 50,
            Expires = _settings.ChannelExpiresSeconds,
            ApplicationId = _settings.ApplicationId,
        };
        var channel = await XsiEventChannel.OpenAsync(_requester, target, request, _time, _options.RequestTimeout, _log, cancellationToken).ConfigureAwait(false);
        lock (_channels)
        {
            _channels.Add(channel);
        }

        _log.Information("Event channel {ChannelId} open on {Host}:{Port} (set {ChannelSetId}, expires {Expires} s)", channel.ChannelId, target.Host, target.Port, ChannelSetId, channel.Expires);
        channel.Start(OnDocumentAsync, (c, reason) => MarkLost(reason));
    }

    /// <summary>Subscribes a target to every package not yet held for it (idempotent; never re-POSTs a live subscription).</summary>
    public async Task SubscribeAsync(XsiSubscriptionTarget target, CancellationToken cancellationToken)
    {
        await _subscriptionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var package in XsiEventPackages.All)
            {
                var key = target.Key + "|" + package;
                lock (_subscriptions)
                {
                    if (_subscriptions.ContainsKey(key))
                    {
                        continue;
                    }
                }

                var subscription = await PostSubscriptionAsync(target, package, cancellationToken).ConfigureAwait(false);
                lock (_subscriptions)
                {
                    _subscriptions[key] = subscription;
                }
            }
        }
        finally
        {
            _subscriptionGate.Release();
        }
    }

    /// <summary>Deletes a target's subscriptions.</summary>
    public async Task UnsubscribeAsync(XsiSubscriptionTarget target, CancellationToken cancellationToken)
    {
        await _subscriptionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<TrackedSubscription> gone;
            lock (_subscriptions)
            {
                gone = [.. _subscriptions.Values.Where(s => s.Target.Key == target.Key)];
                foreach (var s in gone)
                {
                    _subscriptions.Remove(s.Key);
                }
            }

            foreach (var s in gone)
            {
                await DeleteSubscriptionAsync(s.SubscriptionId, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _subscriptionGate.Release();
        }
    }

    /// <summary>Deletes every subscription this session made, best effort (after a reconnect they usually died with the channel set).</summary>
    public async Task DeleteAllSubscriptionsAsync(CancellationToken cancellationToken)
    {
        foreach (var s in Subscriptions)
        {
            await DeleteSubscriptionAsync(s.SubscriptionId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeleteSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        try
        {
            await _requester.SendAsync(new XsiRequest(HttpMethod.Delete, Primary, XsiPaths.Subscription(subscriptionId)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlatformException or OperationCanceledException)
        {
            _log.Debug("Deleting subscription {SubscriptionId} failed: {Error}", subscriptionId, ex.Message);
        }
    }

    private async Task<TrackedSubscription> PostSubscriptionAsync(XsiSubscriptionTarget target, string package, CancellationToken cancellationToken)
    {
        var body = new XsiSubscription
        {
            Event = package,
            Expires = _settings.SubscriptionExpiresSeconds,
            ChannelSetId = ChannelSetId,
            ApplicationId = _settings.ApplicationId,
        };
        var response = await _requester.SendAsync(new XsiRequest(HttpMethod.Post, Primary, target.Path, body), cancellationToken).ConfigureAwait(false);
        var granted = response.Read<XsiSubscription>();
        var tracked = new TrackedSubscription
        {
            Target = target,
            Package = package,
            SubscriptionId = granted.SubscriptionId ?? throw new PlatformException("The Subscription answer has no subscriptionId."),
        };
        SetExpiry(tracked, granted.Expires ?? _settings.SubscriptionExpiresSeconds);
        _log.Debug("Subscribed {Target} to {Package}: {SubscriptionId}, {Expires} s", target.Key, package, tracked.SubscriptionId, tracked.Expires);
        return tracked;
    }

    private void SetExpiry(TrackedSubscription subscription, int expires)
    {
        subscription.Expires = Math.Max(2, expires);
        subscription.RefreshDue = _time.GetUtcNow() + TimeSpan.FromSeconds(subscription.Expires / 2.0);
    }

    private async ValueTask OnDocumentAsync(XsiEventChannel channel, byte[] raw, CancellationToken cancellationToken)
    {
        XsiDocument document;
        try
        {
            document = XsiReader.Read(raw);
        }
        catch (XsiFormatException ex)
        {
            _log.Warning("Unreadable document on channel {ChannelId}: {Error}", channel.ChannelId, ex.Message);
            await _owner.DeliverAsync(this, new UnknownPlatformEvent { RawType = "unreadable: " + ex.Message }, cancellationToken).ConfigureAwait(false);
            return;
        }

        switch (document)
        {
            case XsiChannelHeartBeat:
                channel.HeartbeatEchoed();
                return;
            case XsiChannelTerminatedEvent terminated:
                // Not acknowledged (BROADWORKS.md §4.3).
                MarkLost($"The platform terminated event channel {terminated.ChannelId} ({terminated.Reason ?? "no reason given"}).");
                return;
            case XsiSubscriptionEvent e:
                _acks.Writer.TryWrite((channel.Target, e.EventId));
                if (e.EventData is XsiSubscriptionTerminatedEventData)
                {
                    _ = Task.Run(() => ResubscribeAsync(e.SubscriptionId, _stop.Token), CancellationToken.None);
                    return;
                }

                await _owner.DeliverAsync(this, PlatformEventMapper.Map(e), cancellationToken).ConfigureAwait(false);
                return;
            case XsiEvent other:
                await _owner.DeliverAsync(this, PlatformEventMapper.Map(other), cancellationToken).ConfigureAwait(false);
                return;
            default:
                await _owner.DeliverAsync(this, new UnknownPlatformEvent { RawType = document.GetType().Name }, cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>A SubscriptionTerminatedEvent: the subscription is known gone, so it is POSTed again.</summary>
    private async Task ResubscribeAsync(string? subscriptionId, CancellationToken cancellationToken)
    {
        TrackedSubscription? gone;
        lock (_subscriptions)
        {
            gone = _subscriptions.Values.FirstOrDefault(s => s.SubscriptionId == subscriptionId);
            if (gone is not null)
            {
                _subscriptions.Remove(gone.Key);
            }
        }

        if (gone is null)
        {
            return;
        }

        try
        {
            await SubscribeAsync(gone.Target, cancellationToken).ConfigureAwait(false);
            _owner.Resubscribed(this, gone.Target);
        }
        catch (PlatformException ex)
        {
            _owner.Lost(this, $"Subscription {subscriptionId} ended and could not be renewed: {ex.Message}", ex);
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
    }

    private async Task AcknowledgeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (target, eventId) in _acks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await _requester.SendAsync(new XsiRequest(HttpMethod.Post, target, XsiPaths.EventResponse, new XsiEventResponse(eventId)), cancellationToken).ConfigureAwait(false);
                }
                catch (PlatformException ex)
                {
                    _log.Warning("EventResponse for {EventId} failed: {Error}", eventId, ex.Message);
                    if (ex.Kind is PlatformErrorKind.LinkDown or PlatformErrorKind.Unauthorized)
                    {
                        MarkLost(ex.Message, ex);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
    }

    /// <summary>Heartbeat every interval to each channel's XSP; refresh channels and subscriptions at half-life.</summary>
    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_settings.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await MaintainOnceAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
    }

    private async Task MaintainOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var channel in Channels)
        {
            // Two intervals without the echo (30 s by default, BroadWorks' usual eventTimeout): the stream is dead.
            var limit = _settings.HeartbeatInterval * 2;
            if (channel.HeartbeatUnanswered(limit))
            {
                MarkLost($"No ChannelHeartBeat from {channel.Target.Host}:{channel.Target.Port} on channel {channel.ChannelId} within {limit.TotalSeconds:0.###} s.");
                return;
            }

            try
            {
                await channel.HeartbeatAsync(cancellationToken).ConfigureAwait(false);
                if (_time.GetUtcNow() >= channel.RefreshDue)
                {
                    await channel.RefreshAsync(_settings.ChannelExpiresSeconds, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (PlatformException ex) when (ex.Kind is PlatformErrorKind.NotFound or PlatformErrorKind.Unauthorized or PlatformErrorKind.LinkDown)
            {
                MarkLost($"Channel {channel.ChannelId} is gone: {ex.Message}", ex);
                return;
            }
            catch (PlatformException ex)
            {
                _log.Warning("Heartbeat on channel {ChannelId} failed: {Error}", channel.ChannelId, ex.Message);
            }
        }

        foreach (var subscription in Subscriptions.Where(s => _time.GetUtcNow() >= s.RefreshDue))
        {
            await RefreshSubscriptionAsync(subscription, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RefreshSubscriptionAsync(TrackedSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _requester.SendAsync(
                new XsiRequest(HttpMethod.Put, Primary, XsiPaths.Subscription(subscription.SubscriptionId), new XsiSubscription { Expires = _settings.SubscriptionExpiresSeconds }),
                cancellationToken).ConfigureAwait(false);
            var granted = response.Body.Length > 0 ? response.Read<XsiSubscription>().Expires : null;
            SetExpiry(subscription, granted ?? _settings.SubscriptionExpiresSeconds);
        }
        catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.NotFound)
        {
            // Known gone: now, and only now, POST it again.
            await ResubscribeAsync(subscription.SubscriptionId, cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformException ex) when (ex.Kind is PlatformErrorKind.Unauthorized or PlatformErrorKind.LinkDown)
        {
            MarkLost(ex.Message, ex);
        }
        catch (PlatformException ex)
        {
            _log.Warning("Refreshing subscription {SubscriptionId} failed: {Error}; trying again at the next heartbeat", subscription.SubscriptionId, ex.Message);
        }
    }

    /// <summary>Marks the session lost (once) and tells the link.</summary>
    public void MarkLost(string reason, PlatformException? error = null)
    {
        if (Interlocked.Exchange(ref _lost, 1) == 0)
        {
            _owner.Lost(this, reason, error);
        }
    }

    /// <summary>Stops the timers and closes the streams (the channels are deleted best effort, briefly).</summary>
    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _lost, 1);
        await _stop.CancelAsync().ConfigureAwait(false);
        _acks.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected.
        }

        foreach (var channel in Channels)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
        _subscriptionGate.Dispose();
    }
}
