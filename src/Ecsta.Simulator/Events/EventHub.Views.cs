namespace Ecsta.Simulator.Events;

internal sealed partial class EventHub
{
    /// <summary>Every live subscription (all principals), as read-only views.</summary>
    public IReadOnlyList<SimSubscriptionView> DescribeSubscriptions()
    {
        lock (_gate)
        {
            return [.. _subscriptions.Values.Select(s => new SimSubscriptionView(s.SubscriptionId, s.Subscriber.LoginId, s.TargetId, s.Package, s.ChannelSetId))];
        }
    }

    /// <summary>Every open channel, as read-only views.</summary>
    public IReadOnlyList<SimChannelView> DescribeChannels()
    {
        lock (_gate)
        {
            return [.. _channels.Values.Select(c => new SimChannelView(c.ChannelId, c.ChannelSetId, c.Owner.LoginId))];
        }
    }
}
