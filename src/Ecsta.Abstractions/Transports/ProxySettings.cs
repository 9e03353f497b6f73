namespace Ecsta.Abstractions.Transports;

/// <summary>An HTTP proxy for XSI traffic.</summary>
/// <param name="Address">Proxy URI, e.g. <c>http://proxy.example:3128</c>.</param>
/// <param name="UserName">Proxy user, if the proxy needs credentials.</param>
/// <param name="Password">Proxy password (clear text in memory only).</param>
public sealed record ProxySettings(Uri Address, string? UserName = null, string? Password = null)
{
    /// <inheritdoc />
    public override string ToString() => UserName is null ? Address.ToString() : $"{Address} (user {UserName})";
}
