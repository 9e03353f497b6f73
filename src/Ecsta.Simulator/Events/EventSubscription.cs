using Ecsta.Simulator.Auth;
using Ecsta.Simulator.CallEngine;

namespace Ecsta.Simulator.Events;

/// <summary>A subscription of a user or a group to one event package on a channel set.</summary>
internal sealed class EventSubscription
{
    public required string SubscriptionId { get; init; }

    public required SimPrincipal Subscriber { get; init; }

    /// <summary>The monitored user, or null for a group target.</summary>
    public SimUser? TargetUser { get; init; }

    /// <summary>The monitored group (group targets).</summary>
    public SimGroup? TargetGroup { get; init; }

    public required string Package { get; init; }

    public required string ChannelSetId { get; init; }

    public string? ApplicationId { get; init; }

    public int Expires { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public long SequenceNumber { get; set; }

    /// <summary>The channel the subscription's events currently go to (affinity).</summary>
    public string? ChannelId { get; set; }

    public string TargetId => TargetUser?.UserId ?? TargetGroup!.GroupId;
}
