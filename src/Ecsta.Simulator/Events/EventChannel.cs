using Ecsta.Simulator.Auth;

namespace Ecsta.Simulator.Events;

/// <summary>A streaming event channel bound to one HTTP response or one CTI connection.</summary>
internal sealed class EventChannel
{
    public required string ChannelId { get; init; }

    public required string ChannelSetId { get; init; }

    public int Priority { get; init; }

    public int Weight { get; init; }

    public int Expires { get; set; }

    public string? ApplicationId { get; init; }

    public required SimPrincipal Owner { get; init; }

    public required IChannelTransport Transport { get; init; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset LastHeartbeat { get; set; }

    public bool Closed { get; set; }

    /// <summary>Order of creation, to break ties between equal channels.</summary>
    public long Ordinal { get; init; }
}
