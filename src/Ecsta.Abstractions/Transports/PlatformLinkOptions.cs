namespace Ecsta.Abstractions.Transports;

/// <summary>Everything a transport needs to reach BroadWorks for one instance.</summary>
public sealed record PlatformLinkOptions
{
    /// <summary>The instance's name (for logs).</summary>
    public required string InstanceName { get; init; }

    /// <summary>Workstation or server mode.</summary>
    public InstanceMode Mode { get; init; }

    /// <summary>The XSP host name or address (also the SRV domain).</summary>
    public required string Host { get; init; }

    /// <summary>The port; 0 means the connection type's default.</summary>
    public int Port { get; init; }

    /// <summary>One of <see cref="ConnectionTypes"/>.</summary>
    public required string ConnectionType { get; init; }

    /// <summary>Path prefix placed before the XSI context paths (e.g. <c>nl.cai</c>), or empty.</summary>
    public string UrlPrefix { get; init; } = "";

    /// <summary>Login: the user id (workstation) or the group administrator (server).</summary>
    public required string UserId { get; init; }

    /// <summary>Password, clear text in memory only. Never log it.</summary>
    public required string Password { get; init; }

    /// <summary>HTTP proxy for XSI traffic, if any. A CTI link refuses a proxy.</summary>
    public ProxySettings? Proxy { get; init; }

    /// <summary>Extra CA certificate (PEM file) trusted for TLS, in addition to the system store.</summary>
    public string? TrustedCaPath { get; init; }

    /// <summary>SHA-256 thumbprint (hex) of a pinned server certificate, if any.</summary>
    public string? PinnedCertificateSha256 { get; init; }

    /// <summary>How long a request may take before it fails.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Transport-specific settings from the instance's advanced options (name → value).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The port to use: <see cref="Port"/>, or the connection type's default.</summary>
    public int EffectivePort => Port > 0 ? Port : ConnectionTypes.DefaultPort(ConnectionType);

    /// <inheritdoc />
    public override string ToString() =>
        $"{InstanceName}: {ConnectionType}://{Host}:{EffectivePort}/{UrlPrefix} as {UserId} ({Mode})";
}
