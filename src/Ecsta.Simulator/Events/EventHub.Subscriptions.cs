using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.Simulator.Auth;
using Ecsta.Simulator.CallEngine;
using Ecsta.Simulator.Wire;

namespace Ecsta.Simulator.Events;

internal sealed partial class EventHub
{
    /// <summary>
    /// Subscribes a user (<paramref name="user"/>) or a group target; user targets get the initial events.
    /// Every failure is a 403, as BroadWorks answers subscription commands.
    /// </summary>
    public XsiSubscription Subscribe(SimPrincipal subscriber, SimUser? user, SimGroup? group, XsiSubscription request)
    {
        var package = EventPackages.Canonical(request.Event ?? (request.EventPackages.Count > 0 ? request.EventPackages[0] : null))
            ?? throw new CallEngineException(403, "Unknown or missing event package");
        if (request.ChannelSetId is null)
        {
            throw new CallEngineException(403, "Only channel subscriptions are supported (channelSetId missing)");
        }

        lock (_gate)
        {
            if (!_channels.Values.Any(c => string.Equals(c.ChannelSetId, request.ChannelSetId, StringComparison.Ordinal)))
            {
                throw new CallEngineException(403, "Channel set not found: " + request.ChannelSetId);
            }
        }

        // Events raised while the subscription is set up wait behind the barrier, after the initial event.
        using var barrier = _engine.HoldEvents();
        var initial = user is null ? [] : InitialEvents(user, package);
        lock (_gate)
        {
            var expires = Grant(request.Expires);
            var subscription = new EventSubscription
            {
                SubscriptionId = Guid.NewGuid().ToString(),
                Subscriber = subscriber,
                TargetUser = user,
                TargetGroup = user is null ? group : null,
                Package = package,
                ChannelSetId = request.ChannelSetId,
                ApplicationId = request.ApplicationId,
                Expires = expires,
                ExpiresAt = Now.AddSeconds(expires),
            };
            _subscriptions.Add(subscription.SubscriptionId, subscription);
            var target = (object?)subscription.TargetUser ?? subscription.TargetGroup!;
            if (!_byTarget.TryGetValue(target, out var list))
            {
                _byTarget[target] = list = [];
            }

            list.Add(subscription);
            DeliverInitialLocked(subscription, user, initial);
            return new XsiSubscription { SubscriptionId = subscription.SubscriptionId, Expires = expires };
        }
    }

    /// <summary>The initial events now (before the answer), or after <see cref="InitialEventDelay"/> if the subscription still exists then.</summary>
    private void DeliverInitialLocked(EventSubscription subscription, SimUser? user, List<XsiEventData> initial)
    {
        var delay = InitialEventDelay;
        if (initial.Count == 0 || delay <= TimeSpan.Zero)
        {
            foreach (var data in initial)
            {
                Deliver(subscription, user, data);
            }

            return;
        }

        _ = DeliverInitialLaterAsync(subscription, user, initial, delay);
    }

    private async Task DeliverInitialLaterAsync(EventSubscription subscription, SimUser? user, List<XsiEventData> initial, TimeSpan delay)
    {
        await Task.Delay(delay, _time).ConfigureAwait(false);
        lock (_gate)
        {
            if (!_subscriptions.ContainsKey(subscription.SubscriptionId))
            {
                return;
            }

            foreach (var data in initial)
            {
                Deliver(subscription, user, data);
            }
        }
    }

    private List<XsiEventData> InitialEvents(SimUser user, string package)
    {
        if (EventPackages.IsCallPackage(package))
        {
            return [WireMapping.ToEventData(_engine.CreateSubscriptionSnapshot(user.UserId))!];
        }

        return EventPackages.ServiceOf(package) is { } service
            ? [WireMapping.ToEventData(_engine.CreateServiceSnapshot(user.UserId, service.Service, service.EventType))!]
            : [];
    }

    /// <summary>Refreshes a subscription (user targets get the initial events again); null when unknown.</summary>
    public XsiSubscription? RefreshSubscription(SimPrincipal principal, string subscriptionId, int? expires)
    {
        EventSubscription? subscription;
        lock (_gate)
        {
            subscription = Find(principal, subscriptionId);
            if (subscription is null)
            {
                return null;
            }
        }

        using var barrier = _engine.HoldEvents();
        var initial = subscription.TargetUser is { } user ? InitialEvents(user, subscription.Package) : [];
        lock (_gate)
        {
            subscription.Expires = Grant(expires);
            subscription.ExpiresAt = Now.AddSeconds(subscription.Expires);
            DeliverInitialLocked(subscription, subscription.TargetUser, initial);

            return new XsiSubscription { SubscriptionId = subscription.SubscriptionId, Expires = subscription.Expires };
        }
    }

    /// <summary>Deletes a subscription; false when unknown.</summary>
    public bool DeleteSubscription(SimPrincipal principal, string subscriptionId)
    {
        lock (_gate)
        {
            var subscription = Find(principal, subscriptionId);
            if (subscription is null)
            {
                return false;
            }

            RemoveSubscriptionLocked(subscription);
            return true;
        }
    }

    /// <summary>One subscription as a document; null when unknown.</summary>
    public XsiSubscription? GetSubscription(SimPrincipal principal, string subscriptionId)
    {
        lock (_gate)
        {
            return Find(principal, subscriptionId) is { } s ? Describe(s) : null;
        }
    }

    /// <summary>The principal's subscriptions.</summary>
    public IReadOnlyList<XsiSubscription> ListSubscriptions(SimPrincipal principal)
    {
        lock (_gate)
        {
            return [.. _subscriptions.Values.Where(s => Owns(principal, s)).Select(Describe)];
        }
    }

    private static XsiSubscription Describe(EventSubscription s) => new()
    {
        SubscriptionId = s.SubscriptionId,
        SubscriberId = s.Subscriber.LoginId,
        TargetIdType = s.TargetUser is null ? "Group" : "User",
        TargetGroupParentId = s.TargetGroup?.ServiceProviderId,
        TargetId = s.TargetId,
        Event = s.Package,
        Expires = s.Expires,
        ChannelSetId = s.ChannelSetId,
        ApplicationId = s.ApplicationId,
    };

    private EventSubscription? Find(SimPrincipal principal, string subscriptionId) =>
        _subscriptions.TryGetValue(subscriptionId, out var s) && Owns(principal, s) ? s : null;

    private static bool Owns(SimPrincipal principal, EventSubscription s) =>
        string.Equals(s.Subscriber.LoginId, principal.LoginId, StringComparison.OrdinalIgnoreCase);

    private void RemoveSubscriptionLocked(EventSubscription subscription)
    {
        _subscriptions.Remove(subscription.SubscriptionId);
        var target = (object?)subscription.TargetUser ?? subscription.TargetGroup!;
        if (_byTarget.TryGetValue(target, out var list))
        {
            list.Remove(subscription);
            if (list.Count == 0)
            {
                _byTarget.Remove(target);
            }
        }

        foreach (var key in _pending.Where(p => ReferenceEquals(p.Value.Subscription, subscription)).Select(p => p.Key).ToList())
        {
            _pending.Remove(key);
        }
    }
}
