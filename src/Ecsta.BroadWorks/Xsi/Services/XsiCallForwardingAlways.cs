using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Services;

/// <summary>The <c>CallForwardingAlways</c> service (<c>active, forwardToPhoneNumber, ringSplash</c>).</summary>
public sealed record XsiCallForwardingAlways : XsiServiceDocument
{
    /// <summary>The forward-to number, e.g. <c>tel:1020</c> or <c>+91-2223334455</c>.</summary>
    public string? ForwardToPhoneNumber { get; init; }

    /// <summary>Whether the phone rings briefly on a forwarded call.</summary>
    public bool? RingSplash { get; init; }

    internal override string RootName => "CallForwardingAlways";

    internal static XsiCallForwardingAlways Read(XmlReader r)
    {
        bool? active = null;
        string? forwardToPhoneNumber = null;
        bool? ringSplash = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "active": active = XmlRead.Bool(r); break;
                    case "forwardToPhoneNumber": forwardToPhoneNumber = XmlRead.String(r); break;
                    case "ringSplash": ringSplash = XmlRead.Bool(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiCallForwardingAlways
        {
            Active = active,
            ForwardToPhoneNumber = forwardToPhoneNumber,
            RingSplash = ringSplash,
        };
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Element(prefix, "active", Active);
        w.Element(prefix, "forwardToPhoneNumber", ForwardToPhoneNumber);
        w.Element(prefix, "ringSplash", RingSplash);
    }
}
