namespace Ecsta.Simulator.Events;

/// <summary>Behaviour of Xsi-Events channels and subscriptions (shared by XSI and CTI).</summary>
public sealed record EventOptions
{
    /// <summary>A channel without heartbeat for this long is torn down (BroadWorks eventTimeout).</summary>
    public TimeSpan EventTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest channel/subscription expiry granted, in seconds; larger requests are reduced to it.</summary>
    public int MaxExpires { get; init; } = 86400;

    /// <summary>When set, every channel and subscription is granted exactly this expiry (the capture's XSP grants 86400).</summary>
    public int? GrantedExpires { get; init; }

    /// <summary>Whether events must be acknowledged with an EventResponse.</summary>
    public bool RequireAcknowledgement { get; init; } = true;

    /// <summary>An unacknowledged event is sent again after this.</summary>
    public TimeSpan AcknowledgementTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After this many sends without acknowledgement the channel is terminated.</summary>
    public int MaxDeliveryAttempts { get; init; } = 3;

    /// <summary>How often expiry, heartbeat timeout and acknowledgements are checked.</summary>
    public TimeSpan HousekeepingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Most channels in one channel set.</summary>
    public int MaxChannelsPerSet { get; init; } = 10;
}
