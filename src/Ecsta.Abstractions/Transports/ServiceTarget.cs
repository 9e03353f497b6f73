namespace Ecsta.Abstractions.Transports;

/// <summary>A host and port to try, from an SRV record or the configured host.</summary>
/// <param name="Host">Target host name (no trailing dot).</param>
/// <param name="Port">Target port.</param>
/// <param name="Priority">SRV priority (lower first); 0 for a configured host.</param>
/// <param name="Weight">SRV weight; 0 for a configured host.</param>
/// <param name="FromSrv">Whether the target came from an SRV record.</param>
public sealed record ServiceTarget(string Host, int Port, int Priority = 0, int Weight = 0, bool FromSrv = false)
{
    /// <inheritdoc />
    public override string ToString() =>
        FromSrv ? $"{Host}:{Port} (SRV priority {Priority}, weight {Weight})" : $"{Host}:{Port} (configured)";
}
