using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Services;

/// <summary>The <c>RemoteOffice</c> service (<c>active, remoteOfficeNumber</c>).</summary>
public sealed record XsiRemoteOffice : XsiServiceDocument
{
    /// <summary>The remote office number, e.g. <c>tel:604</c>.</summary>
    public string? RemoteOfficeNumber { get; init; }

    internal override string RootName => "RemoteOffice";

    internal static XsiRemoteOffice Read(XmlReader r)
    {
        bool? active = null;
        string? remoteOfficeNumber = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "active": active = XmlRead.Bool(r); break;
                    case "remoteOfficeNumber": remoteOfficeNumber = XmlRead.String(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiRemoteOffice
        {
            Active = active,
            RemoteOfficeNumber = remoteOfficeNumber,
        };
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Element(prefix, "active", Active);
        w.Element(prefix, "remoteOfficeNumber", RemoteOfficeNumber);
    }
}
