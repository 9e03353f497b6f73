using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Events;

/// <summary>HookStatusEvent: the user's phone went on or off hook.</summary>
/// <param name="HookStatus"><c>On-Hook</c> or <c>Off-Hook</c>.</param>
public sealed record XsiHookStatusEventData(string HookStatus) : XsiEventData
{
    /// <inheritdoc/>
    public override string Type => "HookStatusEvent";

    internal static XsiHookStatusEventData ReadBody(XmlReader r) =>
        new(ReadSingle(r, "hookStatus", XmlRead.String) ?? throw XmlRead.Missing("hookStatus", "HookStatusEvent"));

    internal override void WriteContent(XmlTextBuilder w, string? prefix) => w.Element(prefix, "hookStatus", HookStatus);
}
