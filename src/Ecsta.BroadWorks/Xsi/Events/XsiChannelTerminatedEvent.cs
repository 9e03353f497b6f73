using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Events;

/// <summary>An <c>xsi:Event</c> of type <c>ChannelTerminatedEvent</c>: the server ended the channel. Not acknowledged.</summary>
/// <param name="ChannelId">The terminated channel.</param>
/// <param name="Reason">Why, e.g. <c>MaxChannelsReached</c>.</param>
public sealed record XsiChannelTerminatedEvent(string? ChannelId, string? Reason) : XsiEvent
{
    /// <inheritdoc/>
    public override string EnvelopeType => "ChannelTerminatedEvent";

    internal static XsiChannelTerminatedEvent ReadBody(XmlReader r)
    {
        string? channelId = null, reason = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "channelId": channelId = XmlRead.String(r); break;
                    case "reason": reason = XmlRead.String(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiChannelTerminatedEvent(channelId, reason);
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Element(prefix, "channelId", ChannelId);
        w.Element(prefix, "reason", Reason);
    }
}
