using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Events;

/// <summary>SubscriptionTerminatedEvent: the subscription ended (empty eventData).</summary>
public sealed record XsiSubscriptionTerminatedEventData : XsiEventData
{
    /// <summary>The one instance.</summary>
    public static XsiSubscriptionTerminatedEventData Instance { get; } = new();

    /// <inheritdoc/>
    public override string Type => "SubscriptionTerminatedEvent";

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
    }
}
