using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>The XSI <c>Calls</c> document answering <c>GET calls</c>: one entry per call half.</summary>
/// <param name="Items">The calls; empty gives <c>&lt;Calls xmlns="…"/&gt;</c>.</param>
public sealed record XsiCalls(ValueList<XsiCallReference> Items) : XsiDocument
{
    internal override string RootName => "Calls";

    internal static XsiCalls Read(XmlReader r) => new(XmlRead.List(r, "call", XsiCallReference.Read));

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        foreach (var item in Items)
        {
            item.Write(w, prefix);
        }
    }
}

/// <summary>One <c>call</c> of a <see cref="XsiCalls"/> document.</summary>
/// <param name="CallId">The call half's id.</param>
/// <param name="Uri">Its resource, e.g. <c>/v2.0/user/{u}/calls/callhalf-722:0</c>.</param>
/// <param name="InConference">The <c>inConference</c> attribute, if present.</param>
public sealed record XsiCallReference(string CallId, string? Uri, bool? InConference = false)
{
    internal static XsiCallReference Read(XmlReader r)
    {
        bool? inConference = r.GetAttribute("inConference") switch
        {
            null => null,
            "true" or "1" => true,
            _ => false,
        };
        string? id = null, uri = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "callId": id = XmlRead.String(r); break;
                    case "uri": uri = XmlRead.String(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiCallReference(id ?? throw XmlRead.Missing("callId", "call"), uri, inConference);
    }

    internal void Write(XmlTextBuilder w, string? prefix)
    {
        w.Start(prefix, "call");
        if (InConference is { } value)
        {
            w.Attribute(null, "inConference", value ? "true" : "false");
        }

        w.Element(prefix, "callId", CallId);
        w.Element(prefix, "uri", Uri);
        w.End();
    }
}
