using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Events;

/// <summary>
/// The <c>xsi:Event</c> envelope: <see cref="XsiSubscriptionEvent"/> or <see cref="XsiChannelTerminatedEvent"/>.
/// Written as the XSP writes it (<c>xsi:</c> for the BroadWorks namespace, <c>xsi1:</c> for XML Schema instance);
/// read whatever the prefixes.
/// </summary>
public abstract record XsiEvent : XsiDocument
{
    private protected XsiEvent()
    {
    }

    /// <summary>The envelope's <c>xsi1:type</c> without prefix, e.g. <c>SubscriptionEvent</c>.</summary>
    public abstract string EnvelopeType { get; }

    internal override string RootName => "Event";

    internal override void WriteDocument(XmlTextBuilder w)
    {
        w.Start(XmlWrite.EventPrefix, "Event");
        w.Attribute("xmlns", XmlWrite.EventPrefix, XsiNamespaces.Xsi);
        w.Attribute("xmlns", XmlWrite.SchemaInstancePrefix, XsiNamespaces.SchemaInstance);
        w.Attribute(XmlWrite.SchemaInstancePrefix, "type", XmlWrite.EventPrefix + ":" + EnvelopeType);
        WriteContent(w, XmlWrite.EventPrefix);
        w.End();
    }

    internal static XsiEvent Read(XmlReader r)
    {
        var type = XmlRead.TypeAttribute(r);
        return type switch
        {
            "ChannelTerminatedEvent" => XsiChannelTerminatedEvent.ReadBody(r),
            "SubscriptionEvent" or null => XsiSubscriptionEvent.ReadBody(r),
            _ => throw new XsiFormatException($"Unknown event envelope type '{type}'."),
        };
    }
}
