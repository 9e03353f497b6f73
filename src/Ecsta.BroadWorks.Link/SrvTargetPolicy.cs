using Ecsta.Abstractions.Transports;

namespace Ecsta.BroadWorks.Link;

/// <summary>
/// Which SRV targets a link may send the credentials to: only the configured host itself or a name under it
/// (configured <c>example.com</c>: <c>xsp1.example.com</c> yes, <c>evil.net</c> and <c>xsp.notexample.com</c> no).
/// DNS answers are not authenticated, so a spoofed SRV answer could otherwise point the link at any host with a valid
/// certificate for its own name and receive the password. TLS then checks the certificate against the target's name,
/// which this rule keeps inside the configured domain. Shared by XSI, CTI and the CTI side channel (which goes to the
/// target the socket connected to).
/// </summary>
public static class SrvTargetPolicy
{
    /// <summary>Whether <paramref name="target"/> may be used for the configured <paramref name="configuredHost"/>.</summary>
    public static bool Allows(ServiceTarget target, string configuredHost)
    {
        ArgumentNullException.ThrowIfNull(target);
        return !target.FromSrv || IsInside(target.Host, configuredHost);
    }

    /// <summary>The name equals <paramref name="domain"/> or lies under it (label boundary, case-insensitive, trailing dots ignored).</summary>
    public static bool IsInside(string name, string domain)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(domain);
        var n = name.TrimEnd('.');
        var d = domain.TrimEnd('.');
        return d.Length > 0 && (string.Equals(n, d, StringComparison.OrdinalIgnoreCase)
            || n.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Why <paramref name="target"/> is not used.</summary>
    public static string Refusal(ServiceTarget target, string configuredHost) =>
        $"SRV target {target.Host} refused: it lies outside the configured host {configuredHost} (an SRV target must be {configuredHost} or a name under it, so that a forged SRV answer cannot redirect the credentials)";
}
