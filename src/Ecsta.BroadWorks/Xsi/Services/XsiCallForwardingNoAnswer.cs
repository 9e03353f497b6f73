using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Services;

/// <summary>The <c>CallForwardingNoAnswer</c> service (<c>active, forwardToPhoneNumber, numberOfRings</c>).</summary>
public sealed record XsiCallForwardingNoAnswer : XsiServiceDocument
{
    /// <summary>The forward-to number.</summary>
    public string? ForwardToPhoneNumber { get; init; }

    /// <summary>Rings before forwarding.</summary>
    public int? NumberOfRings { get; init; }

    internal override string RootName => "CallForwardingNoAnswer";

    internal static XsiCallForwardingNoAnswer Read(XmlReader r)
    {
        bool? active = null;
        string? forwardToPhoneNumber = null;
        int? numberOfRings = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "active": active = XmlRead.Bool(r); break;
                    case "forwardToPhoneNumber": forwardToPhoneNumber = XmlRead.String(r); break;
                    case "numberOfRings": numberOfRings = XmlRead.Int(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiCallForwardingNoAnswer
        {
            Active = active,
            ForwardToPhoneNumber = forwardToPhoneNumber,
            NumberOfRings = numberOfRings,
        };
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Element(prefix, "active", Active);
        w.Element(prefix, "forwardToPhoneNumber", ForwardToPhoneNumber);
        w.Element(prefix, "numberOfRings", NumberOfRings);
    }
}
