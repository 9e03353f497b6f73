using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.Simulator.CallEngine;
using Ecsta.Simulator.Wire;

namespace Ecsta.Simulator.Events;

internal sealed partial class EventHub
{
    private sealed class PendingEvent
    {
        public required XsiSubscriptionEvent Document { get; set; }

        public required EventSubscription Subscription { get; init; }

        public int Attempts { get; set; }

        public DateTimeOffset Due { get; set; }
    }

    /// <summary>An EventResponse arrived; true when it matched an event waiting for it.</summary>
    public bool Acknowledge(string eventId)
    {
        lock (_gate)
        {
            if (!_pending.Remove(eventId, out var pending))
            {
                // Unknown, answered already, or too late: its subscription or channel is gone.
                return false;
            }

            CreditLocked(pending.Document.ChannelId);
            return true;
        }
    }

    /// <summary>Number of events still waiting for their EventResponse.</summary>
    public int PendingAcknowledgements
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    private void OnEngineEvent(SimEvent simEvent)
    {
        var user = _engine.FindUser(simEvent.UserId);
        if (user is null)
        {
            return;
        }

        lock (_gate)
        {
            XsiEventData? data = null;
            foreach (var subscription in SubscriptionsCovering(user))
            {
                if (!EventPackages.Delivers(subscription.Package, simEvent.EventType))
                {
                    continue;
                }

                if (simEvent.RawDocument is { } raw)
                {
                    PickChannel(subscription)?.Transport.Send(new ChannelMessage(null, raw));
                    continue;
                }

                data ??= WireMapping.ToEventData(simEvent);
                if (data is not null)
                {
                    Deliver(subscription, user, data);
                }
            }
        }
    }

    /// <summary>The user's own subscriptions, then its group's (indexed: no scan over all subscriptions per event).</summary>
    private List<EventSubscription> SubscriptionsCovering(SimUser user)
    {
        var result = new List<EventSubscription>();
        if (_byTarget.TryGetValue(user, out var own))
        {
            result.AddRange(own);
        }

        if (_byTarget.TryGetValue(user.Group, out var group))
        {
            result.AddRange(group);
        }

        return result;
    }

    /// <summary>Sends one event of a subscription to its channel (under the lock).</summary>
    private void Deliver(EventSubscription subscription, SimUser? target, XsiEventData data)
    {
        var channel = PickChannel(subscription);
        if (channel is null)
        {
            return;
        }

        subscription.SequenceNumber++;
        var document = new XsiSubscriptionEvent
        {
            EventId = Guid.NewGuid().ToString(),
            SequenceNumber = subscription.SequenceNumber,
            UserId = subscription.Subscriber.LoginId,
            ExternalApplicationId = subscription.ApplicationId,
            SubscriptionId = subscription.SubscriptionId,
            ChannelId = channel.ChannelId,
            TargetId = subscription.TargetUser is null ? target?.UserId : null,
            EventData = data,
        };
        channel.Transport.Send(new ChannelMessage(document));
        if (Options.RequireAcknowledgement && data is not XsiSubscriptionTerminatedEventData)
        {
            ChargeLocked(channel.ChannelId);
            _pending[document.EventId] = new PendingEvent
            {
                Document = document,
                Subscription = subscription,
                Attempts = 1,
                Due = Now + Options.AcknowledgementTimeout,
            };
        }
    }

    /// <summary>The subscription's channel: its current one while open, else the best of its set (priority, then load per weight).</summary>
    private EventChannel? PickChannel(EventSubscription subscription)
    {
        if (subscription.ChannelId is { } id && _channels.TryGetValue(id, out var current) && !current.Closed)
        {
            return current;
        }

        var candidates = _channels.Values.Where(c => string.Equals(c.ChannelSetId, subscription.ChannelSetId, StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
        {
            subscription.ChannelId = null;
            return null;
        }

        var best = candidates.Min(c => c.Priority);
        var chosen = candidates.Where(c => c.Priority == best)
            .OrderBy(c => (_subscriptions.Values.Count(s => string.Equals(s.ChannelId, c.ChannelId, StringComparison.Ordinal)) + 1.0) / Math.Max(1, c.Weight))
            .ThenBy(c => c.Ordinal)
            .First();
        subscription.ChannelId = chosen.ChannelId;
        return chosen;
    }

    private void ResendDue(DateTimeOffset now)
    {
        foreach (var (eventId, pending) in _pending.Where(p => p.Value.Due <= now).ToList())
        {
            if (!_subscriptions.ContainsKey(pending.Subscription.SubscriptionId))
            {
                _pending.Remove(eventId);
                continue;
            }

            if (pending.Attempts >= Options.MaxDeliveryAttempts)
            {
                _pending.Remove(eventId);
                if (pending.Subscription.ChannelId is { } channelId && _channels.TryGetValue(channelId, out var stuck))
                {
                    TerminateLocked(stuck, "EventResponseTimeout", sendEvent: true);
                }

                continue;
            }

            var channel = PickChannel(pending.Subscription);
            if (channel is null)
            {
                continue;
            }

            pending.Attempts++;
            pending.Due = now + Options.AcknowledgementTimeout;
            if (!string.Equals(pending.Document.ChannelId, channel.ChannelId, StringComparison.Ordinal))
            {
                ChargeLocked(channel.ChannelId, pending.Document.ChannelId);
            }

            pending.Document = pending.Document with { ChannelId = channel.ChannelId };
            channel.Transport.Send(new ChannelMessage(pending.Document));
        }
    }
}
