using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>
/// A root XSI document (request or response body, event, heartbeat). Read with <see cref="XsiReader"/>,
/// write with <see cref="XsiWriter"/>.
/// </summary>
public abstract record XsiDocument
{
    private protected XsiDocument()
    {
    }

    /// <summary>The root element's local name (e.g. <c>Channel</c>).</summary>
    internal abstract string RootName { get; }

    /// <summary>Writes the whole root element (no XML declaration).</summary>
    internal virtual void WriteDocument(XmlTextBuilder w)
    {
        XmlWrite.StartRoot(w, RootName);
        WriteContent(w, null);
        w.End();
    }

    /// <summary>Writes the children of the element, each with <paramref name="prefix"/> (null: default namespace).</summary>
    internal abstract void WriteContent(XmlTextBuilder w, string? prefix);
}
