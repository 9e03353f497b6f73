namespace Ecsta.Simulator.Events;

/// <summary>A read-only view of one Xsi-Events subscription as the simulator holds it (for tests and diagnostics).</summary>
/// <param name="SubscriptionId">The subscription's id.</param>
/// <param name="SubscriberId">The login that created it (user or group administrator).</param>
/// <param name="TargetId">The subscribed user id, or the group id for a group subscription.</param>
/// <param name="Package">The canonical event package (e.g. <c>Advanced Call</c>).</param>
/// <param name="ChannelSetId">The channel set the subscription delivers to.</param>
public sealed record SimSubscriptionView(string SubscriptionId, string SubscriberId, string TargetId, string Package, string ChannelSetId);

/// <summary>A read-only view of one open event channel (for tests and diagnostics).</summary>
/// <param name="ChannelId">The channel's id.</param>
/// <param name="ChannelSetId">The channel set it belongs to.</param>
/// <param name="OwnerId">The login that added it.</param>
public sealed record SimChannelView(string ChannelId, string ChannelSetId, string OwnerId);

/// <summary>
/// A read-only view of the events one channel carried that needed an EventResponse (for tests and diagnostics): an
/// event counts on the channel it was last sent on, and as acknowledged only when its EventResponse arrived while its
/// subscription and channel still existed, as an XSP counts unacknowledged events.
/// </summary>
/// <param name="ChannelId">The channel's id.</param>
/// <param name="ChannelSetId">The channel set it belonged to.</param>
/// <param name="OwnerId">The login that added it.</param>
/// <param name="Open">Whether the channel is still open.</param>
/// <param name="Sent">Events sent on it that needed an EventResponse (a re-sent event counts once, on its last channel).</param>
/// <param name="Acknowledged">Those of them acknowledged in time.</param>
public sealed record SimChannelAcknowledgements(string ChannelId, string ChannelSetId, string OwnerId, bool Open, int Sent, int Acknowledged)
{
    /// <summary>Events still waiting for their EventResponse, or abandoned without one when their subscription or channel went away.</summary>
    public int Unacknowledged => Sent - Acknowledged;
}
