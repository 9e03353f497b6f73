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
