namespace Ecsta.Abstractions.Transports;

/// <summary>An HTTP proxy for XSI traffic.</summary>
/// <param name="Address">Proxy URI, e.g. <c>http://proxy.example:3128</c>.</param>
/// <param name="UserName">Proxy user, if the proxy needs credentials.</param>
/// <param name="Password">Proxy password (clear text in memory only).</param>
public sealed record ProxySettings(Uri Address, string? UserName = null, string? Password = null)
{
    /// <summary>The proxy and its user, never a password (nor one written into the address as <c>user:password@</c>).</summary>
    public override string ToString()
    {
        var address = Address.UserInfo.Length == 0 ? Address.ToString() : new UriBuilder(Address) { UserName = "", Password = "" }.Uri.ToString();
        return UserName is null ? address : $"{address} (user {UserName})";
    }
}
