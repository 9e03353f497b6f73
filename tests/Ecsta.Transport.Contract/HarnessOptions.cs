using Ecsta.Abstractions.Transports;
using Ecsta.Simulator;

namespace Ecsta.Transport.Contract;

/// <summary>What a contract test asks of its harness: a simulator and one link of the transport under test.</summary>
public sealed record HarnessOptions
{
    /// <summary>TLS (<c>https</c>, <c>ctis</c>) rather than plain TCP.</summary>
    public bool Secure { get; init; }

    public InstanceMode Mode { get; init; } = InstanceMode.Workstation;

    /// <summary>How many users the simulator has.</summary>
    public int Users { get; init; } = 3;

    /// <summary>Transport settings on top of the harness's own (quick reconnects, the liveness period).</summary>
    public Dictionary<string, string>? Settings { get; init; }

    /// <summary>The SRV targets the locator gives, from the port the link would connect to; default: 127.0.0.1 on it.</summary>
    public Func<int, ServiceTarget[]>? Targets { get; init; }

    /// <summary>The CA file's PEM; default: the simulator's CA (secure links without a pin only).</summary>
    public string? CaPem { get; init; }

    /// <summary>The pinned SHA-256 thumbprint, from the simulator; with a pin no CA file is written.</summary>
    public Func<XspSimulator, string>? Pin { get; init; }

    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Liveness checks within a second, for the tests that lose heartbeats or keepalives on purpose.</summary>
    public bool FastLiveness { get; init; }
}
