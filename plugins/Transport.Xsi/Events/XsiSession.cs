using System.Threading.Channels;
using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Xsi.Events;
using Serilog;

namespace Ecsta.Plugins.Transport.Xsi.Events;

/// <summary>
/// One connection epoch of an XSI link: a channel set with one streaming channel per reachable XSP and the timers that
/// keep it alive (heartbeat, channel refresh at half-life, event responses). The subscriptions, their refresh and
/// renewal and the shared event handling are <see cref="LinkSession"/>'s.
/// </summary>
internal sealed class XsiSession : LinkSession
{
    private readonly XsiRequester _requester;
    private readonly PlatformLinkOptions _options;
    private readonly List<XsiEventChannel> _channels = [];
    /// <summary>
    /// Acknowledgements waiting to be sent. Bounded: when the XSP answers them more slowly than it streams events,
    /// the stream reader waits here (and so reads no faster than acks go out) instead of the queue growing.
    /// </summary>
    private readonly Channel<(ServiceTarget Target, string EventId)> _acks =
        Channel.CreateBounded<(ServiceTarget, string)>(new BoundedChannelOptions(AckQueueCapacity) { SingleWriter = false, SingleReader = false, FullMode = BoundedChannelFullMode.Wait });
    private readonly List<Task> _workers = [];

    /// <summary>How many acknowledgements may wait before the stream reader waits for them.</summary>
    internal const int AckQueueCapacity = 256;

    /// <summary>Acknowledgements waiting to be sent (tests).</summary>
    internal int PendingAcks => _acks.Reader.Count;

    public XsiSession(XsiRequester requester, PlatformLinkOptions options, LinkSettings settings, ILinkSessionOwner owner, TimeProvider time, ILogger log, ServiceTarget primary, string channelSetId)
        : base(settings, owner, time, log, channelSetId)
    {
        _requester = requester;
        _options = options;
        Primary = primary;
    }

    /// <summary>The XSP that answered authentication; Xsi-Actions go there.</summary>
    public override ServiceTarget Primary { get; }

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

    /// <summary>Opens a channel on the primary XSP (required) and on every other target (best effort), then starts the timers.</summary>
    public override async Task OpenAsync(IReadOnlyList<ServiceTarget> otherTargets, CancellationToken cancellationToken)
    {
        await AddChannelAsync(Primary, cancellationToken).ConfigureAwait(false);
        var others = otherTargets.Where(t => t != Primary).Select(async t =>
        {
            try
            {
                await AddChannelAsync(t, cancellationToken).ConfigureAwait(false);
            }
            catch (PlatformException ex) when (ex.Kind != PlatformErrorKind.Unauthorized)
            {
                Log.Information("No event channel on {Host}:{Port}: {Error}", t.Host, t.Port, ex.Message);
            }
        });
        await Task.WhenAll(others).ConfigureAwait(false);
        _workers.Add(Task.Run(() => MaintainAsync(Stopping), CancellationToken.None));
        _workers.Add(Task.Run(() => AcknowledgeAsync(Stopping), CancellationToken.None));
        _workers.Add(Task.Run(() => AcknowledgeAsync(Stopping), CancellationToken.None));
    }

    /// <summary>Deletes every subscription, then every channel, best effort.</summary>
    public override async Task CloseGracefullyAsync(CancellationToken cancellationToken)
    {
        await DeleteAllSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var channel in Channels)
        {
            await channel.DeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task<XsiSubscription> PostSubscriptionAsync(XsiSubscriptionTarget target, XsiSubscription request, CancellationToken cancellationToken)
    {
        var response = await _requester.SendAsync(new XsiRequest(HttpMethod.Post, Primary, target.Path, request), cancellationToken).ConfigureAwait(false);
        return response.Read<XsiSubscription>();
    }

    protected override async Task<int?> RenewSubscriptionAsync(string subscriptionId, XsiSubscription request, CancellationToken cancellationToken)
    {
        var response = await _requester.SendAsync(new XsiRequest(HttpMethod.Put, Primary, XsiPaths.Subscription(subscriptionId), request), cancellationToken).ConfigureAwait(false);
        return response.Body.Length > 0 ? response.Read<XsiSubscription>().Expires : null;
    }

    protected override async Task DeleteSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        try
        {
            await _requester.SendAsync(new XsiRequest(HttpMethod.Delete, Primary, XsiPaths.Subscription(subscriptionId)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlatformException or OperationCanceledException)
        {
            Log.Debug("Deleting subscription {SubscriptionId} failed: {Error}", subscriptionId, ex.Message);
        }
    }

    /// <summary>Waits for the timers and senders, then closes the streams.</summary>
    private async ValueTask QueueAckAsync(ServiceTarget target, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            await _acks.Writer.WriteAsync((target, eventId), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The session is shutting down: the channel goes away with it, nothing is left to acknowledge on.
        }
    }

    protected override async ValueTask ShutDownAsync()
    {
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
    }

    private async Task AddChannelAsync(ServiceTarget target, CancellationToken cancellationToken)
    {
        var channel = await XsiEventChannel.OpenAsync(_requester, target, NewChannelRequest(), Time, _options.RequestTimeout, Log, cancellationToken).ConfigureAwait(false);
        lock (_channels)
        {
            _channels.Add(channel);
        }

        Log.Information("Event channel {ChannelId} open on {Host}:{Port} (set {ChannelSetId}, expires {Expires} s)", channel.ChannelId, target.Host, target.Port, ChannelSetId, channel.Expires);
        channel.Start(OnDocumentAsync, (c, reason) => MarkLost(reason));
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
            Log.Warning("Unreadable document on channel {ChannelId}: {Error}", channel.ChannelId, ex.Message);
            await Owner.DeliverAsync(this, new UnknownPlatformEvent { RawType = "unreadable: " + ex.Message }, cancellationToken).ConfigureAwait(false);
            return;
        }

        switch (document)
        {
            case XsiChannelHeartBeat:
                channel.HeartbeatEchoed();
                return;
            case XsiSubscriptionEvent e:
                await QueueAckAsync(channel.Target, e.EventId, cancellationToken).ConfigureAwait(false);
                await DispatchAsync(e, cancellationToken).ConfigureAwait(false);
                return;
            case XsiEvent other:
                // ChannelTerminatedEvent among them: not acknowledged (docs/broadworks.md §4.3).
                await DispatchAsync(other, cancellationToken).ConfigureAwait(false);
                return;
            default:
                await Owner.DeliverAsync(this, new UnknownPlatformEvent { RawType = document.GetType().Name }, cancellationToken).ConfigureAwait(false);
                return;
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
                    Log.Warning("EventResponse for {EventId} failed: {Error}", eventId, ex.Message);
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
        using var timer = new PeriodicTimer(Settings.HeartbeatInterval, Time);
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
            var limit = Settings.HeartbeatInterval * 2;
            if (channel.HeartbeatUnanswered(limit))
            {
                MarkLost($"No ChannelHeartBeat from {channel.Target.Host}:{channel.Target.Port} on channel {channel.ChannelId} within {limit.TotalSeconds:0.###} s.");
                return;
            }

            try
            {
                await channel.HeartbeatAsync(cancellationToken).ConfigureAwait(false);
                if (Time.GetUtcNow() >= channel.RefreshDue)
                {
                    await channel.RefreshAsync(Settings.ChannelExpiresSeconds, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (PlatformException ex) when (ex.Kind is PlatformErrorKind.NotFound or PlatformErrorKind.Unauthorized or PlatformErrorKind.LinkDown)
            {
                MarkLost($"Channel {channel.ChannelId} is gone: {ex.Message}", ex);
                return;
            }
            catch (PlatformException ex)
            {
                Log.Warning("Heartbeat on channel {ChannelId} failed: {Error}", channel.ChannelId, ex.Message);
            }
        }

        await RefreshDueSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
    }
}
