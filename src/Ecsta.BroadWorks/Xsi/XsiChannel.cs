using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>
/// The XSI <c>Channel</c> document: channel add request (channelSetId, priority, weight, expires, applicationId),
/// the first chunk of the streaming response and refresh bodies (channelId, expires), and the <c>channel</c>
/// entries of a <see cref="XsiChannelSet"/>. Children in XSD order.
/// </summary>
public sealed record XsiChannel : XsiDocument
{
    /// <summary>The channel id the server assigned.</summary>
    public string? ChannelId { get; init; }

    /// <summary>The client's channel set id.</summary>
    public string? ChannelSetId { get; init; }

    /// <summary>Priority within the channel set (1 highest).</summary>
    public int? Priority { get; init; }

    /// <summary>Weight within the channel set.</summary>
    public int? Weight { get; init; }

    /// <summary>Lifetime in seconds (asked for, or granted).</summary>
    public int? Expires { get; init; }

    /// <summary>The application id, if any.</summary>
    public string? ApplicationId { get; init; }

    internal override string RootName => "Channel";

    internal static XsiChannel Read(XmlReader r)
    {
        string? id = null, setId = null, applicationId = null;
        int? priority = null, weight = null, expires = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "channelId": id = XmlRead.String(r); break;
                    case "channelSetId": setId = XmlRead.String(r); break;
                    case "priority": priority = XmlRead.Int(r); break;
                    case "weight": weight = XmlRead.Int(r); break;
                    case "expires": expires = XmlRead.Int(r); break;
                    case "applicationId": applicationId = XmlRead.String(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiChannel
        {
            ChannelId = id,
            ChannelSetId = setId,
            Priority = priority,
            Weight = weight,
            Expires = expires,
            ApplicationId = applicationId,
        };
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Element(prefix, "channelId", ChannelId);
        w.Element(prefix, "channelSetId", ChannelSetId);
        w.Element(prefix, "priority", Priority);
        w.Element(prefix, "weight", Weight);
        w.Element(prefix, "expires", Expires);
        w.Element(prefix, "applicationId", ApplicationId);
    }
}
