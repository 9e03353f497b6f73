using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Services;

/// <summary>The <c>DoNotDisturb</c> service (<c>active, ringSplash</c>).</summary>
public sealed record XsiDoNotDisturb : XsiServiceDocument
{
    /// <summary>Whether the phone rings briefly on a rejected call.</summary>
    public bool? RingSplash { get; init; }

    internal override string RootName => "DoNotDisturb";

    internal static XsiDoNotDisturb Read(XmlReader r)
    {
        bool? active = null;
        bool? ringSplash = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "active": active = XmlRead.Bool(r); break;
                    case "ringSplash": ringSplash = XmlRead.Bool(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiDoNotDisturb
        {
            Active = active,
            RingSplash = ringSplash,
        };
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Element(prefix, "active", Active);
        w.Element(prefix, "ringSplash", RingSplash);
    }
}
