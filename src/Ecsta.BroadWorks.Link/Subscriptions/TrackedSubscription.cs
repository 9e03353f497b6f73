namespace Ecsta.BroadWorks.Link.Subscriptions;

/// <summary>One subscription the link holds: tracked by id, refreshed with PUT before it expires.</summary>
public sealed class TrackedSubscription
{
    public required XsiSubscriptionTarget Target { get; init; }

    public required string Package { get; init; }

    public required string SubscriptionId { get; set; }

    public int Expires { get; set; }

    public DateTimeOffset RefreshDue { get; set; }

    public string Key => Target.Key + "|" + Package;
}
