using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>A call's <c>redirect</c> element: where the user redirected (e.g. transferred) the call.</summary>
/// <param name="Address">The destination address, e.g. <c>tel:1020</c>.</param>
/// <param name="Reason">The XSI <c>RedirectReason</c>, e.g. <c>transfer</c>.</param>
/// <param name="RedirectTime">When, in epoch milliseconds.</param>
public sealed record XsiRedirect(string? Address, string? Reason, long? RedirectTime = null)
{
    internal static XsiRedirect Read(XmlReader r)
    {
        string? address = null, reason = null;
        long? time = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "address": address = XmlRead.String(r); break;
                    case "reason": reason = XmlRead.String(r); break;
                    case "redirectTime": time = XmlRead.Long(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiRedirect(address, reason, time);
    }

    internal void Write(XmlTextBuilder w, string? prefix)
    {
        w.Start(prefix, "redirect");
        w.Element(prefix, "address", Address);
        w.Element(prefix, "reason", Reason);
        w.Element(prefix, "redirectTime", RedirectTime);
        w.End();
    }
}
