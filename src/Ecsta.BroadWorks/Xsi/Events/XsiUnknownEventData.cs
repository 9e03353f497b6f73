using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Events;

/// <summary>An eventData type this model does not know (e.g. <c>CallHistoryEvent</c>), kept so that it is surfaced, not dropped.</summary>
/// <param name="EventType">The eventData type as received (empty when it had none).</param>
/// <param name="InnerXml">The eventData's content as XML text, for logging and re-sending.</param>
public sealed record XsiUnknownEventData(string EventType, string InnerXml = "") : XsiEventData
{
    /// <inheritdoc/>
    public override string Type => EventType;

    internal static XsiUnknownEventData ReadBody(XmlReader r, string type) => new(type, r.ReadInnerXml());

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        if (InnerXml.Length > 0)
        {
            w.Raw(InnerXml);
        }
    }
}
