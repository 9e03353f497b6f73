using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>The XSI <c>EventResponse</c> document acknowledging one event.</summary>
/// <param name="EventId">The acknowledged event's <c>eventID</c>.</param>
/// <param name="StatusCode">Usually 200.</param>
/// <param name="Reason">Usually <c>OK</c>.</param>
public sealed record XsiEventResponse(string EventId, int StatusCode = 200, string? Reason = "OK") : XsiDocument
{
    internal override string RootName => "EventResponse";

    internal static XsiEventResponse Read(XmlReader r)
    {
        string? id = null, reason = null;
        var status = 0;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "eventID": id = XmlRead.String(r); break;
                    case "statusCode": status = XmlRead.Int(r); break;
                    case "reason": reason = XmlRead.String(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiEventResponse(id ?? throw XmlRead.Missing("eventID", "EventResponse"), status, reason);
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Element(prefix, "eventID", EventId);
        w.Element(prefix, "statusCode", StatusCode);
        w.Element(prefix, "reason", Reason);
    }
}
