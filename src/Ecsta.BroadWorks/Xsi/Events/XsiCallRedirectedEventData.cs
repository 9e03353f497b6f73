using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Events;

/// <summary>CallRedirectedEvent: the user redirected one or more calls (<c>calls/call</c>, each Detached with a <c>redirect</c>).</summary>
/// <param name="Calls">The calls, in document order.</param>
public sealed record XsiCallRedirectedEventData(ValueList<XsiCall> Calls) : XsiEventData
{
    /// <inheritdoc/>
    public override string Type => "CallRedirectedEvent";

    internal static XsiCallRedirectedEventData ReadBody(XmlReader r) =>
        new(ReadSingle(r, "calls", x => XmlRead.List(x, "call", XsiCall.Read)) ?? ValueList<XsiCall>.Empty);

    internal override void WriteContent(XmlTextBuilder w, string? prefix) => WriteCalls(w, prefix, Calls);

    internal static void WriteCalls(XmlTextBuilder w, string? prefix, ValueList<XsiCall> calls)
    {
        if (calls.Count == 0)
        {
            return;
        }

        w.Start(prefix, "calls");
        foreach (var call in calls)
        {
            call.Write(w, prefix);
        }

        w.End();
    }
}
