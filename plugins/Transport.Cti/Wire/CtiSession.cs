using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Cti;
using Ecsta.BroadWorks.Mapping;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.Plugins.Transport.Xsi.Events;
using Ecsta.Plugins.Transport.Xsi.Http;
using Serilog;

namespace Ecsta.Plugins.Transport.Cti.Wire;

/// <summary>
/// One connection epoch of a CTI link: the socket, the event channel bound to it, the subscriptions on the channel
/// set, and one timer that sends the keepalive with the channel heartbeat and refreshes channel and subscriptions at
/// half-life. A lost session is never repaired: the link replaces it.
/// </summary>
internal sealed class CtiSession : IAsyncDisposable
{
    private readonly PlatformLinkOptions _options;
    private readonly CtiLinkSettings _settings;
    private readonly ICtiSessionOwner _owner;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Dictionary<string, TrackedSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscriptionGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _maintain = Task.CompletedTask;
    private int _lost;

    public CtiSession(CtiConnection connection, PlatformLinkOptions options, CtiLinkSettings settings, ICtiSessionOwner owner, TimeProvider time, ILogger log, string channelSetId)
    {
        Connection = connection;
        _options = options;
        _settings = settings;
        _owner = owner;
        _time = time;
        _log = log;
        ChannelSetId = channelSetId;
    }

    public CtiConnection Connection { get; }

    /// <summary>The XSP of the socket.</summary>
    public ServiceTarget Primary => Connection.Target;

    public string ChannelSetId { get; }

    public string? ChannelId { get; private set; }

    private DateTimeOffset ChannelRefreshDue { get; set; }

    public bool IsLost => Volatile.Read(ref _lost) != 0;

    /// <summary>Events held back while the session is being set up (the link flushes them after LinkStateEvent).</summary>
    public List<PlatformEvent> Held { get; } = [];

    /// <summary>Whether events go straight to the link's stream (after set-up).</summary>
    public bool Ready { get; set; }

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

    /// <summary>Starts reading the socket (events are held until <see cref="Ready"/>).</summary>
    public void Start() => Connection.Start(OnEventAsync, reason => MarkLost(reason));

    /// <summary>Sends a tunnelled Xsi command and returns its 2xx answer; anything else throws <see cref="PlatformException"/>.</summary>
    public async Task<XspResponse> SendAsync(string method, string xsiPathAndQuery, CancellationToken cancellationToken, XsiDocument? body = null, bool concernsAddress = false)
    {
        var command = new XspCommand(CtiPaths.Uri(xsiPathAndQuery), method) { Document = body };
        var response = await Connection.SendAsync(command, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is >= 200 and < 300)
        {
            return response;
        }

        throw XsiErrors.FromResponse(response.StatusCode, response.Document is null ? [] : XsiWriter.ToBytes(response.Document), concernsAddress);
    }

    /// <summary>Adds the event channel on this socket, then starts the keepalive timer.</summary>
    public async Task OpenChannelAsync(CancellationToken cancellationToken)
    {
        var request = new XsiChannel
        {
            ChannelSetId = ChannelSetId,
            Priority = 1,
            Weight = 50,
            Expires = _settings.Shared.ChannelExpiresSeconds,
            ApplicationId = _settings.Shared.ApplicationId,
        };
        var response = await SendAsync("POST", XsiPaths.Events + "/channel", cancellationToken, request).ConfigureAwait(false);
        var granted = response.Document as XsiChannel ?? throw new PlatformException("The channel answer carries no Channel document.");
        ChannelId = granted.ChannelId ?? throw new PlatformException("The Channel document has no channelId.");
        SetChannelExpiry(granted.Expires ?? _settings.Shared.ChannelExpiresSeconds);
        _log.Information("Event channel {ChannelId} open on the CTI socket to {Host}:{Port} (set {ChannelSetId})", ChannelId, Primary.Host, Primary.Port, ChannelSetId);
        _maintain = Task.Run(() => MaintainAsync(_stop.Token), CancellationToken.None);
    }

    private void SetChannelExpiry(int expires) =>
        ChannelRefreshDue = _time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(2, expires) / 2.0);

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

                var body = new XsiSubscription
                {
                    Event = package,
                    Expires = _settings.Shared.SubscriptionExpiresSeconds,
                    ChannelSetId = ChannelSetId,
                    ApplicationId = _settings.Shared.ApplicationId,
                };
                var granted = (await SendAsync("POST", target.Path, cancellationToken, body).ConfigureAwait(false)).Document as XsiSubscription
                    ?? throw new PlatformException("The subscription answer carries no Subscription document.");
                var tracked = new TrackedSubscription
                {
                    Target = target,
                    Package = package,
                    SubscriptionId = granted.SubscriptionId ?? throw new PlatformException("The Subscription answer has no subscriptionId."),
                };
                SetExpiry(tracked, granted.Expires ?? _settings.Shared.SubscriptionExpiresSeconds);
                lock (_subscriptions)
                {
                    _subscriptions[key] = tracked;
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
                await DeleteQuietlyAsync(XsiPaths.Subscription(s.SubscriptionId), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _subscriptionGate.Release();
        }
    }

    /// <summary>Deletes every subscription and the channel, best effort (on dispose of the link).</summary>
    public async Task CloseGracefullyAsync(CancellationToken cancellationToken)
    {
        foreach (var s in Subscriptions)
        {
            await DeleteQuietlyAsync(XsiPaths.Subscription(s.SubscriptionId), cancellationToken).ConfigureAwait(false);
        }

        if (ChannelId is { } channel)
        {
            await DeleteQuietlyAsync(XsiPaths.Channel(channel), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeleteQuietlyAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync("DELETE", path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlatformException or OperationCanceledException)
        {
            _log.Debug("Deleting {Path} failed: {Error}", path, ex.Message);
        }
    }

    private void SetExpiry(TrackedSubscription subscription, int expires)
    {
        subscription.Expires = Math.Max(2, expires);
        subscription.RefreshDue = _time.GetUtcNow() + TimeSpan.FromSeconds(subscription.Expires / 2.0);
    }

    private async ValueTask OnEventAsync(XspEvent message, CancellationToken cancellationToken)
    {
        switch (message.Event)
        {
            case XsiChannelTerminatedEvent terminated:
                // Not acknowledged (BROADWORKS.md §4.3).
                MarkLost($"The platform terminated event channel {terminated.ChannelId} ({terminated.Reason ?? "no reason given"}).");
                return;
            case XsiSubscriptionEvent e:
                try
                {
                    await Connection.WriteAsync(new XspEventResponse(new XsiEventResponse(e.EventId), message.RequestId), cancellationToken).ConfigureAwait(false);
                }
                catch (PlatformException ex)
                {
                    MarkLost(ex.Message, ex);
                    return;
                }

                if (e.EventData is XsiSubscriptionTerminatedEventData)
                {
                    _ = Task.Run(() => ResubscribeAsync(e.SubscriptionId, _stop.Token), CancellationToken.None);
                    return;
                }

                await _owner.DeliverAsync(this, PlatformEventMapper.Map(e), cancellationToken).ConfigureAwait(false);
                return;
            default:
                await _owner.DeliverAsync(this, PlatformEventMapper.Map(message.Event), cancellationToken).ConfigureAwait(false);
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
            MarkLost($"Subscription {subscriptionId} ended and could not be renewed: {ex.Message}", ex);
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
    }

    /// <summary>
    /// Every keepalive period: checks that the previous probe (keepalive + channel heartbeat) was answered, counts
    /// misses, declares the session lost after <see cref="CtiLinkSettings.KeepaliveMisses"/> in a row, sends the next
    /// probe, and refreshes channel and subscriptions at half-life.
    /// </summary>
    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_settings.KeepaliveInterval, _time);
        Task<bool>? probe = null;
        var misses = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (probe is not null)
                {
                    if (probe.IsCompletedSuccessfully && probe.Result)
                    {
                        misses = 0;
                    }
                    else if (++misses >= _settings.KeepaliveMisses)
                    {
                        MarkLost($"No answer to the keepalive from {Primary.Host}:{Primary.Port} for {misses} periods of {_settings.KeepaliveInterval.TotalSeconds:0.###} s.");
                        return;
                    }
                }

                if (probe is null || probe.IsCompleted)
                {
                    probe = ProbeAsync(cancellationToken);
                }

                await RefreshDueAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
    }

    /// <summary>One keepalive request and one channel heartbeat; true when both were answered (the heartbeat with its <c>ChannelHeartBeat</c>).</summary>
    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        var wait = _settings.KeepaliveInterval * _settings.KeepaliveMisses;
        try
        {
            var keepalive = Connection.SendAsync(null, wait, cancellationToken);
            var heartbeat = ChannelId is { } id
                ? Connection.SendAsync(new XspCommand(CtiPaths.Uri(XsiPaths.Heartbeat(id)), "PUT"), wait, cancellationToken)
                : null;
            var keepaliveAnswer = await keepalive.ConfigureAwait(false);
            if (heartbeat is null)
            {
                return keepaliveAnswer.StatusCode is >= 200 and < 300;
            }

            var heartbeatAnswer = await heartbeat.ConfigureAwait(false);
            if (heartbeatAnswer.StatusCode is 401 or 404)
            {
                var error = XsiErrors.FromResponse(heartbeatAnswer.StatusCode, [], concernsAddress: false);
                MarkLost($"Channel {ChannelId} is gone: {error.Message}", error);
                return false;
            }

            return keepaliveAnswer.StatusCode is >= 200 and < 300 && heartbeatAnswer.Document is XsiChannelHeartBeat;
        }
        catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.LinkDown)
        {
            MarkLost(ex.Message, ex);
            return false;
        }
        catch (PlatformException ex)
        {
            _log.Debug("Keepalive to {Host}:{Port} failed: {Error}", Primary.Host, Primary.Port, ex.Message);
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task RefreshDueAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (ChannelId is { } channel && _time.GetUtcNow() >= ChannelRefreshDue)
            {
                var response = await SendAsync("PUT", XsiPaths.Channel(channel), cancellationToken, new XsiChannel { Expires = _settings.Shared.ChannelExpiresSeconds }).ConfigureAwait(false);
                SetChannelExpiry((response.Document as XsiChannel)?.Expires ?? _settings.Shared.ChannelExpiresSeconds);
            }

            foreach (var subscription in Subscriptions.Where(s => _time.GetUtcNow() >= s.RefreshDue))
            {
                try
                {
                    var response = await SendAsync("PUT", XsiPaths.Subscription(subscription.SubscriptionId), cancellationToken, new XsiSubscription { Expires = _settings.Shared.SubscriptionExpiresSeconds }).ConfigureAwait(false);
                    SetExpiry(subscription, (response.Document as XsiSubscription)?.Expires ?? _settings.Shared.SubscriptionExpiresSeconds);
                }
                catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.NotFound)
                {
                    // Known gone: now, and only now, POST it again.
                    await ResubscribeAsync(subscription.SubscriptionId, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (PlatformException ex) when (ex.Kind is PlatformErrorKind.Unauthorized or PlatformErrorKind.LinkDown or PlatformErrorKind.NotFound)
        {
            MarkLost(ex.Message, ex);
        }
        catch (PlatformException ex)
        {
            _log.Warning("Refreshing the channel or a subscription failed: {Error}; trying again at the next keepalive", ex.Message);
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

    /// <summary>Stops the timer and closes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _lost, 1);
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _maintain.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected.
        }

        await Connection.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _subscriptionGate.Dispose();
    }
}
