using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>The XSI <c>Versions</c> document (<c>GET …/v2.0/versions</c>).</summary>
/// <param name="CommandsBaseline">The <c>commands/baseline</c> version, e.g. <c>21.0</c>.</param>
/// <param name="EventPackagesBaseline">The <c>eventPackages/baseline</c> version.</param>
public sealed record XsiVersions(string? CommandsBaseline, string? EventPackagesBaseline) : XsiDocument
{
    internal override string RootName => "Versions";

    internal static XsiVersions Read(XmlReader r)
    {
        string? commands = null, packages = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "commands": commands = ReadBaseline(r); break;
                    case "eventPackages": packages = ReadBaseline(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiVersions(commands, packages);
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        WriteBaseline(w, prefix, "commands", CommandsBaseline);
        WriteBaseline(w, prefix, "eventPackages", EventPackagesBaseline);
    }

    private static string? ReadBaseline(XmlReader r)
    {
        string? baseline = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                if (XmlRead.IsXsi(r) && r.LocalName == "baseline")
                {
                    baseline = XmlRead.String(r);
                }
                else
                {
                    r.Skip();
                }
            }
        }

        return baseline;
    }

    private static void WriteBaseline(XmlTextBuilder w, string? prefix, string name, string? baseline)
    {
        if (baseline is null)
        {
            return;
        }

        w.Start(prefix, name);
        w.Element(prefix, "baseline", baseline);
        w.End();
    }
}
