using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Directory;

/// <summary>
/// One page of <c>GET user/{userId}/directories/Group</c> (root <c>Group</c>) or <c>…/Enterprise</c>
/// (root <c>Enterprise</c>): paging counters and the entries.
/// </summary>
public sealed record XsiDirectoryPage : XsiDocument
{
    /// <summary>Group or Enterprise.</summary>
    public required XsiDirectoryKind Kind { get; init; }

    /// <summary>1-based index of the first entry.</summary>
    public int StartIndex { get; init; } = 1;

    /// <summary>Entries on this page.</summary>
    public int NumberOfRecords { get; init; }

    /// <summary>Entries in the whole directory (matching the search).</summary>
    public int TotalAvailableRecords { get; init; }

    /// <summary>The entries.</summary>
    public ValueList<XsiDirectoryEntry> Entries { get; init; } = ValueList<XsiDirectoryEntry>.Empty;

    internal override string RootName => Kind == XsiDirectoryKind.Group ? "Group" : "Enterprise";

    private string ListName => Kind == XsiDirectoryKind.Group ? "groupDirectory" : "enterpriseDirectory";

    internal static XsiDirectoryPage Read(XmlReader r, XsiDirectoryKind kind)
    {
        var listName = kind == XsiDirectoryKind.Group ? "groupDirectory" : "enterpriseDirectory";
        int start = 1, count = 0, total = 0;
        var entries = ValueList<XsiDirectoryEntry>.Empty;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                var name = XmlRead.IsXsi(r) ? r.LocalName : string.Empty;
                if (name == listName)
                {
                    entries = XmlRead.List(r, "directoryDetails", XsiDirectoryEntry.Read);
                    continue;
                }

                switch (name)
                {
                    case "startIndex": start = XmlRead.Int(r); break;
                    case "numberOfRecords": count = XmlRead.Int(r); break;
                    case "totalAvailableRecords": total = XmlRead.Int(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiDirectoryPage
        {
            Kind = kind,
            StartIndex = start,
            NumberOfRecords = count,
            TotalAvailableRecords = total,
            Entries = entries,
        };
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Element(prefix, "startIndex", StartIndex);
        w.Element(prefix, "numberOfRecords", NumberOfRecords);
        w.Element(prefix, "totalAvailableRecords", TotalAvailableRecords);
        w.Start(prefix, ListName);
        foreach (var entry in Entries)
        {
            entry.Write(w, prefix);
        }

        w.End();
    }
}
