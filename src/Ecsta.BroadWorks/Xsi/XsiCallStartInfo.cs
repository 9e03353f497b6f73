using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>The XSI <c>CallStartInfo</c> document answering <c>POST calls/new</c> (and MuteTransfer).</summary>
/// <param name="CallId">The new call half's id.</param>
/// <param name="ExternalTrackingId">Its external tracking id.</param>
public sealed record XsiCallStartInfo(string CallId, string? ExternalTrackingId) : XsiDocument
{
    internal override string RootName => "CallStartInfo";

    internal static XsiCallStartInfo Read(XmlReader r)
    {
        string? id = null, ext = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "callId": id = XmlRead.String(r); break;
                    case "externalTrackingId": ext = XmlRead.String(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiCallStartInfo(id ?? throw XmlRead.Missing("callId", "CallStartInfo"), ext);
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Element(prefix, "callId", CallId);
        w.Element(prefix, "externalTrackingId", ExternalTrackingId);
    }
}
