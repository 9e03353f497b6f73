using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>A call's or conference's <c>endpoint</c>, e.g. <c>&lt;endpoint xsi1:type="xsi:AccessEndpoint"&gt;&lt;addressOfRecord&gt;…</c>.</summary>
/// <param name="AddressOfRecord">The device's address of record, e.g. <c>5006001011@broadsoft.com</c>.</param>
/// <param name="Type">The <c>xsi:type</c> without prefix (e.g. <c>AccessEndpoint</c>), if any.</param>
public sealed record XsiEndpoint(string? AddressOfRecord, string? Type = XsiEndpoint.AccessEndpoint)
{
    /// <summary>The usual endpoint type.</summary>
    public const string AccessEndpoint = "AccessEndpoint";

    internal static XsiEndpoint Read(XmlReader r)
    {
        var type = XmlRead.TypeAttribute(r);
        string? aor = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                if (XmlRead.IsXsi(r) && r.LocalName == "addressOfRecord")
                {
                    aor = XmlRead.String(r);
                }
                else
                {
                    r.Skip();
                }
            }
        }

        return new XsiEndpoint(aor, type);
    }

    internal void Write(XmlTextBuilder w, string? prefix)
    {
        w.Start(prefix, "endpoint");
        if (Type is not null)
        {
            XmlWrite.TypeAttribute(w, prefix, Type);
        }

        w.Element(prefix, "addressOfRecord", AddressOfRecord);
        w.End();
    }
}
