namespace Ecsta.Simulator.Events;

/// <summary>
/// The events of one channel that needed an EventResponse, counted as an XSP counts them: an event is charged to the
/// channel it was last sent on; it counts as acknowledged only when its EventResponse arrived while the event was
/// still waiting for it (before its subscription or channel went away).
/// </summary>
internal sealed class ChannelLedger
{
    public required string ChannelId { get; init; }

    public required string ChannelSetId { get; init; }

    public required string OwnerId { get; init; }

    public bool Open { get; set; } = true;

    public int Sent { get; set; }

    public int Acknowledged { get; set; }

    public SimChannelAcknowledgements Describe() => new(ChannelId, ChannelSetId, OwnerId, Open, Sent, Acknowledged);
}
