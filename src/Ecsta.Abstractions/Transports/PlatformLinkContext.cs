using Serilog;

namespace Ecsta.Abstractions.Transports;

/// <summary>What the host lends a transport for one instance.</summary>
public sealed record PlatformLinkContext
{
    /// <summary>The instance's log (already tagged with the instance).</summary>
    public required ILogger Log { get; init; }

    /// <summary>The instance's protocol trace: every document sent and received, passwords masked.</summary>
    public required ILogger ProtocolTrace { get; init; }

    /// <summary>Time, for every timer, heartbeat and backoff.</summary>
    public required TimeProvider Time { get; init; }

    /// <summary>The SRV resolver.</summary>
    public required IServiceLocator ServiceLocator { get; init; }
}
