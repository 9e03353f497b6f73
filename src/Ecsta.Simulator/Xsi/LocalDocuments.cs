using System.Text;
using System.Xml;
using Ecsta.BroadWorks.Xsi;

namespace Ecsta.Simulator.Xsi;

/// <summary>
/// The few documents the wire model (Ecsta.BroadWorks) has no type for, written here with
/// <see cref="XmlWriter"/>: the services list and the subscription list.
/// </summary>
internal static class LocalDocuments
{
    private const string Namespace = "http://schema.broadsoft.com/xsi";

    private static readonly Dictionary<string, string> DisplayNames = new(StringComparer.Ordinal)
    {
        ["CallForwardingAlways"] = "Call Forwarding Always",
        ["CallForwardingBusy"] = "Call Forwarding Busy",
        ["CallForwardingNoAnswer"] = "Call Forwarding No Answer",
        ["DoNotDisturb"] = "Do Not Disturb",
        ["RemoteOffice"] = "Remote Office",
    };

    /// <summary><c>&lt;Services&gt;&lt;service&gt;&lt;name/&gt;&lt;uri/&gt;&lt;/service&gt;…</c>.</summary>
    public static string Services(string userId, IEnumerable<string> serviceNames) => Write("Services", w =>
    {
        foreach (var name in serviceNames)
        {
            w.WriteStartElement("service", Namespace);
            w.WriteElementString("name", Namespace, DisplayNames.GetValueOrDefault(name, name));
            w.WriteElementString("uri", Namespace, $"/v2.0/user/{userId}/services/{name.ToLowerInvariant()}");
            w.WriteEndElement();
        }
    });

    /// <summary><c>&lt;SubscriptionList&gt;&lt;subscription&gt;…</c> with the Subscription elements in XSD order.</summary>
    public static string SubscriptionList(IEnumerable<XsiSubscription> subscriptions) => Write("SubscriptionList", w =>
    {
        foreach (var s in subscriptions)
        {
            w.WriteStartElement("subscription", Namespace);
            Optional(w, "subscriptionId", s.SubscriptionId);
            Optional(w, "subscriberId", s.SubscriberId);
            Optional(w, "targetIdType", s.TargetIdType);
            Optional(w, "targetGrpParentId", s.TargetGroupParentId);
            Optional(w, "targetId", s.TargetId);
            Optional(w, "event", s.Event);
            Optional(w, "expires", s.Expires?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Optional(w, "channelSetId", s.ChannelSetId);
            Optional(w, "applicationId", s.ApplicationId);
            w.WriteEndElement();
        }
    });

    private static void Optional(XmlWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteElementString(name, Namespace, value);
        }
    }

    private static string Write(string root, Action<XmlWriter> content)
    {
        var text = new StringBuilder();
        using (var w = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            w.WriteStartElement(root, Namespace);
            content(w);
            w.WriteEndElement();
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text;
    }
}
