using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Link.Mapping;
using Ecsta.BroadWorks.Link.Subscriptions;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;
using Serilog;

namespace Ecsta.BroadWorks.Link;

/// <summary>
/// One connection epoch of a link, whatever carries it (an XSI channel set over HTTP, a CTI socket): the subscriptions
/// by target and package with their refresh at half-life and their renewal when the platform ends one, the events held
/// during set-up, the handling of the events both transports share, and the one-way "lost" flag. How a request
/// travels, how channels are opened and kept alive is the transport's part. A lost session is never repaired: the
/// link replaces it.
/// </summary>
public abstract class LinkSession : IAsyncDisposable
{
    private readonly Dictionary<string, TrackedSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _subscriptionGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private int _lost;

    protected LinkSession(LinkSettings settings, ILinkSessionOwner owner, TimeProvider time, ILogger log, string channelSetId)
    {
        Settings = settings;
        Owner = owner;
        Time = time;
        Log = log;
        ChannelSetId = channelSetId;
    }

    /// <summary>The XSP the session's Xsi-Actions go to.</summary>
    public abstract ServiceTarget Primary { get; }

    public string ChannelSetId { get; }

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

    /// <summary>The settings both transports share (expiries, applicationId).</summary>
    protected LinkSettings Settings { get; }

    protected ILinkSessionOwner Owner { get; }

    protected TimeProvider Time { get; }

    protected ILogger Log { get; }

    /// <summary>Cancelled when the session is disposed: the background work of the session stops.</summary>
    protected CancellationToken Stopping => _stop.Token;

    /// <summary>Opens the session's event channel(s) (on <see cref="Primary"/>, and where the transport can, on <paramref name="otherTargets"/>) and starts its timers.</summary>
    public abstract Task OpenAsync(IReadOnlyList<ServiceTarget> otherTargets, CancellationToken cancellationToken);

    /// <summary>Deletes the subscriptions and channel(s) this session made, best effort (the link is being disposed).</summary>
    public abstract Task CloseGracefullyAsync(CancellationToken cancellationToken);

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

                var subscription = await AddSubscriptionAsync(target, package, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Deletes every subscription this session made, best effort.</summary>
    public async Task DeleteAllSubscriptionsAsync(CancellationToken cancellationToken)
    {
        foreach (var s in Subscriptions)
        {
            await DeleteSubscriptionAsync(s.SubscriptionId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Marks the session lost (once) and tells the link.</summary>
    public void MarkLost(string reason, PlatformException? error = null)
    {
        if (Interlocked.Exchange(ref _lost, 1) == 0)
        {
            Owner.Lost(this, reason, error);
        }
    }

    /// <summary>Marks the session lost without telling the link, stops the background work and closes what carries the session.</summary>
    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _lost, 1);
        await _stop.CancelAsync().ConfigureAwait(false);
        await ShutDownAsync().ConfigureAwait(false);
        _stop.Dispose();
        _subscriptionGate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The <c>Channel</c> document that adds an event channel to this session's channel set (expiry and applicationId as configured).</summary>
    protected XsiChannel NewChannelRequest() => new()
    {
        ChannelSetId = ChannelSetId,
        Priority = 1,
        Weight = 50,
        Expires = Settings.ChannelExpiresSeconds,
        ApplicationId = Settings.ApplicationId,
    };

    /// <summary>POSTs one subscription for <paramref name="target"/> on the session's channel set and returns the platform's answer.</summary>
    protected abstract Task<XsiSubscription> PostSubscriptionAsync(XsiSubscriptionTarget target, XsiSubscription request, CancellationToken cancellationToken);

    /// <summary>PUTs a subscription's expiry again and returns the expiry granted (null: the requested one).</summary>
    protected abstract Task<int?> RenewSubscriptionAsync(string subscriptionId, XsiSubscription request, CancellationToken cancellationToken);

    /// <summary>DELETEs a subscription, best effort (failures are logged, never thrown).</summary>
    protected abstract Task DeleteSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken);

    /// <summary>After the session was marked lost and <see cref="Stopping"/> cancelled: waits for the background work and closes the channel(s) or socket.</summary>
    protected abstract ValueTask ShutDownAsync();

    /// <summary>
    /// An event both transports handle alike (after the transport acknowledged it where it must): a
    /// <c>ChannelTerminatedEvent</c> loses the session, a <c>SubscriptionTerminatedEvent</c> renews the subscription,
    /// everything else goes mapped to the link.
    /// </summary>
    protected async ValueTask DispatchAsync(XsiEvent xsiEvent, CancellationToken cancellationToken)
    {
        switch (xsiEvent)
        {
            case XsiChannelTerminatedEvent terminated:
                // Not acknowledged (docs/broadworks.md §4.3).
                MarkLost($"The platform terminated event channel {terminated.ChannelId} ({terminated.Reason ?? "no reason given"}).");
                return;
            case XsiSubscriptionEvent { EventData: XsiSubscriptionTerminatedEventData } ended:
                _ = Task.Run(() => ResubscribeAsync(ended.SubscriptionId, Stopping), CancellationToken.None);
                return;
            default:
                await Owner.DeliverAsync(this, PlatformEventMapper.Map(xsiEvent), cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>Refreshes every subscription at half-life; a 404 (known gone) POSTs it again, a 401 or lost connection loses the session.</summary>
    protected async Task RefreshDueSubscriptionsAsync(CancellationToken cancellationToken)
    {
        foreach (var subscription in Subscriptions.Where(s => Time.GetUtcNow() >= s.RefreshDue))
        {
            try
            {
                var granted = await RenewSubscriptionAsync(subscription.SubscriptionId, new XsiSubscription { Expires = Settings.SubscriptionExpiresSeconds }, cancellationToken).ConfigureAwait(false);
                SetExpiry(subscription, granted ?? Settings.SubscriptionExpiresSeconds);
            }
            catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.NotFound)
            {
                // Known gone: now, and only now, POST it again.
                await ResubscribeAsync(subscription.SubscriptionId, cancellationToken).ConfigureAwait(false);
            }
            catch (PlatformException ex) when (ex.Kind is PlatformErrorKind.Unauthorized or PlatformErrorKind.LinkDown)
            {
                MarkLost(ex.Message, ex);
                return;
            }
            catch (PlatformException ex)
            {
                Log.Warning("Refreshing subscription {SubscriptionId} failed: {Error}; trying again at the next heartbeat", subscription.SubscriptionId, ex.Message);
            }
        }
    }

    private async Task<TrackedSubscription> AddSubscriptionAsync(XsiSubscriptionTarget target, string package, CancellationToken cancellationToken)
    {
        var request = new XsiSubscription
        {
            Event = package,
            Expires = Settings.SubscriptionExpiresSeconds,
            ChannelSetId = ChannelSetId,
            ApplicationId = Settings.ApplicationId,
        };
        var granted = await PostSubscriptionAsync(target, request, cancellationToken).ConfigureAwait(false);
        var tracked = new TrackedSubscription
        {
            Target = target,
            Package = package,
            SubscriptionId = granted.SubscriptionId ?? throw new PlatformException("The Subscription answer has no subscriptionId."),
        };
        SetExpiry(tracked, granted.Expires ?? Settings.SubscriptionExpiresSeconds);
        Log.Debug("Subscribed {Target} to {Package}: {SubscriptionId}, {Expires} s", target.Key, package, tracked.SubscriptionId, tracked.Expires);
        return tracked;
    }

    private void SetExpiry(TrackedSubscription subscription, int expires)
    {
        subscription.Expires = Math.Max(2, expires);
        subscription.RefreshDue = Time.GetUtcNow() + TimeSpan.FromSeconds(subscription.Expires / 2.0);
    }

    /// <summary>A SubscriptionTerminatedEvent or a refresh answered 404: the subscription is known gone, so it is POSTed again.</summary>
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
            Owner.Resubscribed(this, gone.Target);
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
}
