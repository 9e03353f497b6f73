using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Events;

/// <summary>ConferenceStarted/Held/Retrieved/Updated/ReleasedEvent with the <c>conference</c> element.</summary>
/// <param name="EventType">The eventData type, e.g. <c>ConferenceStartedEvent</c>.</param>
/// <param name="Conference">The conference (only <c>state</c> for Released).</param>
public sealed record XsiConferenceEventData(string EventType, XsiConference Conference) : XsiEventData
{
    /// <inheritdoc/>
    public override string Type => EventType;

    internal static XsiConferenceEventData ReadBody(XmlReader r, string type) =>
        new(type, ReadSingle(r, "conference", XsiConference.Read) ?? throw XmlRead.Missing("conference", type));

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        w.Start(prefix, "conference");
        Conference.WriteContent(w, prefix);
        w.End();
    }
}
