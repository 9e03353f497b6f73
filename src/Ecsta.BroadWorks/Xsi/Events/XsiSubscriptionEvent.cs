using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Events;

/// <summary>
/// An <c>xsi:Event</c> of type <c>SubscriptionEvent</c>: one event of a subscription (docs/broadworks.md §4.3),
/// children in XSD order.
/// </summary>
public sealed record XsiSubscriptionEvent : XsiEvent
{
    /// <summary>The event id to acknowledge.</summary>
    public required string EventId { get; init; }

    /// <summary>Increments per subscription.</summary>
    public long? SequenceNumber { get; init; }

    /// <summary>The subscriber (e.g. a group administrator).</summary>
    public string? UserId { get; init; }

    /// <summary>The client id (CTI mTLS) instead of <see cref="UserId"/>.</summary>
    public string? ClientId { get; init; }

    /// <summary>The subscription's application id.</summary>
    public string? ExternalApplicationId { get; init; }

    /// <summary>The subscription id.</summary>
    public string? SubscriptionId { get; init; }

    /// <summary>The shared subscription id, if any.</summary>
    public string? SharedSubscriptionId { get; init; }

    /// <summary>The channel the event went to.</summary>
    public string? ChannelId { get; init; }

    /// <summary>The HTTP contact URI (<c>httpContact/uri</c>) instead of <see cref="ChannelId"/>.</summary>
    public string? HttpContactUri { get; init; }

    /// <summary>The monitored user, when it differs from the subscriber.</summary>
    public string? TargetId { get; init; }

    /// <summary>The target sub id, if any.</summary>
    public string? TargetSubId { get; init; }

    /// <summary>The event's data.</summary>
    public required XsiEventData EventData { get; init; }

    /// <inheritdoc/>
    public override string EnvelopeType => "SubscriptionEvent";

    internal static XsiSubscriptionEvent ReadBody(XmlReader r)
    {
        string? eventId = null, userId = null, clientId = null, app = null, subscriptionId = null, shared = null,
            channelId = null, contact = null, targetId = null, targetSubId = null;
        long? sequence = null;
        XsiEventData? data = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "eventID": eventId = XmlRead.String(r); break;
                    case "sequenceNumber": sequence = XmlRead.Long(r); break;
                    case "userId": userId = XmlRead.String(r); break;
                    case "clientId": clientId = XmlRead.String(r); break;
                    case "externalApplicationId": app = XmlRead.String(r); break;
                    case "subscriptionId": subscriptionId = XmlRead.String(r); break;
                    case "sharedSubscriptionId": shared = XmlRead.String(r); break;
                    case "channelId": channelId = XmlRead.String(r); break;
                    case "httpContact": contact = XsiSubscription.ReadContact(r); break;
                    case "targetId": targetId = XmlRead.String(r); break;
                    case "targetSubId": targetSubId = XmlRead.String(r); break;
                    case "eventData": data = XsiEventData.Read(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiSubscriptionEvent
        {
            EventId = eventId ?? throw XmlRead.Missing("eventID", "Event"),
            SequenceNumber = sequence,
            UserId = userId,
            ClientId = clientId,
            ExternalApplicationId = app,
            SubscriptionId = subscriptionId,
            SharedSubscriptionId = shared,
            ChannelId = channelId,
            HttpContactUri = contact,
            TargetId = targetId,
            TargetSubId = targetSubId,
            EventData = data ?? throw XmlRead.Missing("eventData", "Event"),
        };
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Element(prefix, "eventID", EventId);
        w.Element(prefix, "sequenceNumber", SequenceNumber);
        w.Element(prefix, "userId", UserId);
        w.Element(prefix, "clientId", ClientId);
        w.Element(prefix, "externalApplicationId", ExternalApplicationId);
        w.Element(prefix, "subscriptionId", SubscriptionId);
        w.Element(prefix, "sharedSubscriptionId", SharedSubscriptionId);
        w.Element(prefix, "channelId", ChannelId);
        XsiSubscription.WriteContact(w, prefix, HttpContactUri);
        w.Element(prefix, "targetId", TargetId);
        w.Element(prefix, "targetSubId", TargetSubId);
        w.Start(prefix, "eventData");
        XmlWrite.TypeAttribute(w, prefix, EventData.Type);
        EventData.WriteContent(w, prefix);
        w.End();
    }
}
