using Ecsta.BroadWorks.Xml;
using Ecsta.BroadWorks.Xsi.Services;

namespace Ecsta.BroadWorks.Xsi.Events;

/// <summary>
/// A service event (CallForwardingAlways/Busy/NoAnswerEvent, DoNotDisturbEvent, RemoteOfficeEvent): the service's
/// settings in <c>info</c>, with the same children as the service document.
/// </summary>
/// <param name="Info">The settings; its type decides the event type.</param>
public sealed record XsiServiceEventData(XsiServiceDocument Info) : XsiEventData
{
    /// <inheritdoc/>
    public override string Type => Info.EventType;

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Start(prefix, "info");
        Info.WriteContent(w, prefix);
        w.End();
    }
}
