namespace Ecsta.Tsp.Configuration;

/// <summary>
/// The stored passwords of an instance and the destination they are sent to (host, effective port, connection type,
/// URL prefix, proxy address). When the destination changes, a stored password is kept only if the request supplies it
/// again or confirms keeping it (<c>keepPassword</c>): otherwise whoever may edit the instance could point it at a
/// listener of their own and receive the stored password from the running host or the connection test.
/// </summary>
public sealed record StoredSecrets(string Host, int Port, string ConnectionType, string UrlPrefix, string? ProxyAddress, string? Password, string? ProxyPassword)
{
    public static StoredSecrets Of(InstanceConfiguration i) =>
        new(i.Host, i.EffectivePort, i.ConnectionType, i.UrlPrefix, i.Advanced.Proxy?.Address, i.PasswordProtected, i.Advanced.Proxy?.PasswordProtected);

    /// <summary>What changed between this destination and <paramref name="after"/>'s, as the dialog names the fields.</summary>
    public IReadOnlyList<string> DestinationChanges(InstanceConfiguration after)
    {
        var changes = new List<string>();
        if (!string.Equals(Host, after.Host, StringComparison.OrdinalIgnoreCase))
        {
            changes.Add("host");
        }

        if (Port != after.EffectivePort)
        {
            changes.Add("port");
        }

        if (!string.Equals(ConnectionType, after.ConnectionType, StringComparison.OrdinalIgnoreCase))
        {
            changes.Add("connection type");
        }

        if (!string.Equals(UrlPrefix, after.UrlPrefix, StringComparison.Ordinal))
        {
            changes.Add("URL prefix");
        }

        if (!string.Equals(ProxyAddress ?? "", after.Advanced.Proxy?.Address ?? "", StringComparison.OrdinalIgnoreCase))
        {
            changes.Add("proxy");
        }

        return changes;
    }

    /// <summary>
    /// The errors for stored passwords that would follow a changed destination without being supplied again or
    /// confirmed; empty when the destination is unchanged or every stored password is accounted for.
    /// </summary>
    /// <param name="after">The instance as it would be saved.</param>
    /// <param name="keepPassword">The request confirmed keeping the stored password.</param>
    /// <param name="keepProxyPassword">The request confirmed keeping the stored proxy password.</param>
    /// <param name="keepPasswordName">How the caller names the confirmation (dialog field or CLI option).</param>
    /// <param name="keepProxyPasswordName">How the caller names the proxy password's confirmation.</param>
    public IReadOnlyList<ValidationError> Unconfirmed(InstanceConfiguration after, bool keepPassword, bool keepProxyPassword,
        string keepPasswordName = "keepPassword", string keepProxyPasswordName = "advanced.proxy.keepPassword")
    {
        ArgumentNullException.ThrowIfNull(after);
        var changes = DestinationChanges(after);
        if (changes.Count == 0)
        {
            return [];
        }

        var what = string.Join(", ", changes);
        var errors = new List<ValidationError>();
        if (Password is not null && string.Equals(after.PasswordProtected, Password, StringComparison.Ordinal) && !keepPassword)
        {
            errors.Add(new ValidationError(
                "password",
                $"the {what} changed: enter the password again, or confirm keeping the stored one for the new connection ({keepPasswordName})"));
        }

        if (ProxyPassword is not null && string.Equals(after.Advanced.Proxy?.PasswordProtected, ProxyPassword, StringComparison.Ordinal) && !keepProxyPassword)
        {
            errors.Add(new ValidationError(
                "advanced.proxy.password",
                $"the {what} changed: enter the proxy password again, or confirm keeping the stored one for the new connection ({keepProxyPasswordName})"));
        }

        return errors;
    }
}
