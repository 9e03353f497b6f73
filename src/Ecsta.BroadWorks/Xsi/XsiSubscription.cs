using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>
/// The XSI <c>Subscription</c> document: subscribe and refresh requests and their responses
/// (docs/broadworks.md §4.2). Children in XSD order.
/// </summary>
public sealed record XsiSubscription : XsiDocument
{
    /// <summary>The subscription id (responses, refresh).</summary>
    public string? SubscriptionId { get; init; }

    /// <summary>The shared subscription id, if any.</summary>
    public string? SharedSubscriptionId { get; init; }

    /// <summary>The subscriber (owner) user id.</summary>
    public string? SubscriberId { get; init; }

    /// <summary>The client id (instead of a subscriber id).</summary>
    public string? ClientId { get; init; }

    /// <summary>The target id type (<c>User</c>, <c>Group</c>, …).</summary>
    public string? TargetIdType { get; init; }

    /// <summary>The parent of a group target.</summary>
    public string? TargetGroupParentId { get; init; }

    /// <summary>The target id.</summary>
    public string? TargetId { get; init; }

    /// <summary>The target sub id.</summary>
    public string? TargetSubId { get; init; }

    /// <summary>The event package, e.g. <c>Advanced Call</c>.</summary>
    public string? Event { get; init; }

    /// <summary>Several event packages (<c>eventPackageList/event</c>) instead of <see cref="Event"/>; empty when absent.</summary>
    public ValueList<string> EventPackages { get; init; } = ValueList<string>.Empty;

    /// <summary>Lifetime in seconds (asked for, or granted).</summary>
    public int? Expires { get; init; }

    /// <summary>The HTTP contact URI (<c>httpContact/uri</c>) instead of a channel set.</summary>
    public string? HttpContactUri { get; init; }

    /// <summary>The channel set that receives the events.</summary>
    public string? ChannelSetId { get; init; }

    /// <summary>The application id.</summary>
    public string? ApplicationId { get; init; }

    internal override string RootName => "Subscription";

    internal static XsiSubscription Read(XmlReader r)
    {
        string? id = null, shared = null, subscriber = null, client = null, targetType = null, parent = null, target = null,
            targetSub = null, evt = null, contact = null, setId = null, app = null;
        var packages = ValueList<string>.Empty;
        int? expires = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "subscriptionId": id = XmlRead.String(r); break;
                    case "sharedSubscriptionId": shared = XmlRead.String(r); break;
                    case "subscriberId": subscriber = XmlRead.String(r); break;
                    case "clientId": client = XmlRead.String(r); break;
                    case "targetIdType": targetType = XmlRead.String(r); break;
                    case "targetGrpParentId": parent = XmlRead.String(r); break;
                    case "targetId": target = XmlRead.String(r); break;
                    case "targetSubId": targetSub = XmlRead.String(r); break;
                    case "event": evt = XmlRead.String(r); break;
                    case "eventPackageList": packages = XmlRead.List(r, "event", XmlRead.String); break;
                    case "expires": expires = XmlRead.Int(r); break;
                    case "httpContact": contact = ReadContact(r); break;
                    case "channelSetId": setId = XmlRead.String(r); break;
                    case "applicationId": app = XmlRead.String(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiSubscription
        {
            SubscriptionId = id,
            SharedSubscriptionId = shared,
            SubscriberId = subscriber,
            ClientId = client,
            TargetIdType = targetType,
            TargetGroupParentId = parent,
            TargetId = target,
            TargetSubId = targetSub,
            Event = evt,
            EventPackages = packages,
            Expires = expires,
            HttpContactUri = contact,
            ChannelSetId = setId,
            ApplicationId = app,
        };
    }

    /// <summary>Reads <c>httpContact</c> (<c>uri</c> child).</summary>
    internal static string? ReadContact(XmlReader r)
    {
        string? uri = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                if (XmlRead.IsXsi(r) && r.LocalName == "uri")
                {
                    uri = XmlRead.String(r);
                }
                else
                {
                    r.Skip();
                }
            }
        }

        return uri ?? string.Empty;
    }

    /// <summary>Writes <c>httpContact</c> with its <c>uri</c>.</summary>
    internal static void WriteContact(XmlTextBuilder w, string? prefix, string? uri)
    {
        if (uri is null)
        {
            return;
        }

        w.Start(prefix, "httpContact");
        w.Element(prefix, "uri", uri);
        w.End();
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Element(prefix, "subscriptionId", SubscriptionId);
        w.Element(prefix, "sharedSubscriptionId", SharedSubscriptionId);
        w.Element(prefix, "subscriberId", SubscriberId);
        w.Element(prefix, "clientId", ClientId);
        w.Element(prefix, "targetIdType", TargetIdType);
        w.Element(prefix, "targetGrpParentId", TargetGroupParentId);
        w.Element(prefix, "targetId", TargetId);
        w.Element(prefix, "targetSubId", TargetSubId);
        w.Element(prefix, "event", Event);
        if (EventPackages.Count > 0)
        {
            w.Start(prefix, "eventPackageList");
            foreach (var package in EventPackages)
            {
                w.Element(prefix, "event", package);
            }

            w.End();
        }

        w.Element(prefix, "expires", Expires);
        WriteContact(w, prefix, HttpContactUri);
        w.Element(prefix, "channelSetId", ChannelSetId);
        w.Element(prefix, "applicationId", ApplicationId);
    }
}
