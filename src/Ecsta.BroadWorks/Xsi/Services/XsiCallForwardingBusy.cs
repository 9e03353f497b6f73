using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Services;

/// <summary>The <c>CallForwardingBusy</c> service (<c>active, forwardToPhoneNumber</c>).</summary>
public sealed record XsiCallForwardingBusy : XsiServiceDocument
{
    /// <summary>The forward-to number.</summary>
    public string? ForwardToPhoneNumber { get; init; }

    internal override string RootName => "CallForwardingBusy";

    internal static XsiCallForwardingBusy Read(XmlReader r)
    {
        bool? active = null;
        string? forwardToPhoneNumber = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "active": active = XmlRead.Bool(r); break;
                    case "forwardToPhoneNumber": forwardToPhoneNumber = XmlRead.String(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiCallForwardingBusy
        {
            Active = active,
            ForwardToPhoneNumber = forwardToPhoneNumber,
        };
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Element(prefix, "active", Active);
        w.Element(prefix, "forwardToPhoneNumber", ForwardToPhoneNumber);
    }
}
