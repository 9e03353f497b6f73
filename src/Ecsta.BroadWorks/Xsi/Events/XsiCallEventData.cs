using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Events;

/// <summary>
/// A call event carrying one <c>call</c>: CallOriginating/Originated/Collecting/Received/Answered/Held/Retrieved/
/// Updated/Detached/Transferred/Forwarded/PickedUp/Releasing/Released/BargedIn/Monitored/ParkRetrieved and
/// CallRecording*Event.
/// </summary>
/// <param name="EventType">The eventData type, e.g. <c>CallHeldEvent</c>.</param>
/// <param name="Call">The call.</param>
public sealed record XsiCallEventData(string EventType, XsiCall Call) : XsiEventData
{
    /// <inheritdoc/>
    public override string Type => EventType;

    internal static XsiCallEventData ReadBody(XmlReader r, string type) =>
        new(type, ReadSingle(r, "call", XsiCall.Read) ?? throw XmlRead.Missing("call", type));

    internal override void WriteContent(XmlTextBuilder w, string? prefix) => Call.Write(w, prefix);
}
