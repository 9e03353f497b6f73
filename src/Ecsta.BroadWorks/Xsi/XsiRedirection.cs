using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>One <c>redirection</c> of a call's <c>redirections</c> list (newest first).</summary>
/// <param name="Party">The party that redirected the call (<c>party</c>).</param>
/// <param name="Reason">The XSI <c>RedirectReason</c>, e.g. <c>unconditional</c>, <c>user-busy</c>, <c>transfer</c>.</param>
/// <param name="RedirectTime">When, in epoch milliseconds.</param>
public sealed record XsiRedirection(XsiPartyInformation Party, string? Reason, long? RedirectTime = null)
{
    internal static XsiRedirection Read(XmlReader r)
    {
        XsiPartyInformation? party = null;
        string? reason = null;
        long? time = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "party": party = XsiPartyInformation.Read(r); break;
                    case "reason": reason = XmlRead.String(r); break;
                    case "redirectTime": time = XmlRead.Long(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiRedirection(party ?? new XsiPartyInformation(), reason, time);
    }

    internal void Write(XmlTextBuilder w, string? prefix)
    {
        w.Start(prefix, "redirection");
        Party.Write(w, prefix, "party");
        w.Element(prefix, "reason", Reason);
        w.Element(prefix, "redirectTime", RedirectTime);
        w.End();
    }
}
