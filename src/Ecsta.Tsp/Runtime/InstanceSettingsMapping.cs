using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Provider;

namespace Ecsta.Tsp.Runtime;

/// <summary>Turns a stored instance into what the transport and the TSP core take.</summary>
public static class InstanceSettingsMapping
{
    private const string DirectoryUserIdSetting = "directoryUserId";

    public static PlatformLinkOptions ToLinkOptions(InstanceConfiguration instance, SecretProtector secrets)
    {
        var proxy = instance.Advanced.Proxy is { } p && Uri.TryCreate(p.Address, UriKind.Absolute, out var address)
            ? new ProxySettings(address, p.User, p.PasswordProtected is null ? null : secrets.Unprotect(p.PasswordProtected))
            : null;
        // The administrator's transport settings win; the directory is read as the first line's user unless set.
        var settings = new Dictionary<string, string>(instance.Advanced.TransportSettings, StringComparer.Ordinal);
        if (instance.Lines.Count > 0 && !settings.ContainsKey(DirectoryUserIdSetting))
        {
            settings[DirectoryUserIdSetting] = instance.Lines[0].UserId;
        }

        return new PlatformLinkOptions
        {
            InstanceName = instance.Name,
            Mode = instance.Mode,
            Host = instance.Host,
            Port = instance.Port,
            ConnectionType = instance.ConnectionType,
            UrlPrefix = instance.UrlPrefix,
            UserId = instance.User,
            Password = instance.PasswordProtected is null ? "" : secrets.Unprotect(instance.PasswordProtected),
            Proxy = proxy,
            TrustedCaPath = instance.Advanced.TrustedCaPath,
            PinnedCertificateSha256 = instance.Advanced.PinnedCertificateSha256,
            Settings = settings,
        };
    }

    public static TspInstanceSettings ToTspSettings(InstanceConfiguration instance) => new(
        instance.Name,
        [.. Lines(instance).Select(ToTspLine)],
        ToTspOptions(instance));

    /// <summary>
    /// The lines the instance serves. Server mode: the configured ones. Workstation mode: exactly the login user's own
    /// line, whether or not it is configured; a configured entry for that user gives its number and name (what it
    /// leaves empty comes from the user's profile when the line comes into service).
    /// </summary>
    public static IReadOnlyList<LineConfiguration> Lines(InstanceConfiguration instance)
    {
        if (instance.Mode != InstanceMode.Workstation)
        {
            return instance.Lines;
        }

        var own = instance.Lines.FirstOrDefault(l => string.Equals(l.UserId, instance.User, StringComparison.OrdinalIgnoreCase));
        return own is not null && own.UserId == instance.User
            ? [own]
            : [new LineConfiguration { UserId = instance.User, Number = own?.Number ?? "", Name = own?.Name ?? "" }];
    }

    public static TspLineSettings ToTspLine(LineConfiguration line) => new(line.UserId, line.Number, line.Name);

    public static TspOptions ToTspOptions(InstanceConfiguration instance) => new()
    {
        ReturnToHeldParty = instance.Advanced.ReturnToHeldOnConsultationEnd,
        LineNameFormat = instance.Advanced.LineNameFormat switch
        {
            Configuration.LineNameFormat.Number => Provider.LineNameFormat.Number,
            Configuration.LineNameFormat.Name => Provider.LineNameFormat.Name,
            _ => Provider.LineNameFormat.Standard,
        },
        SnapshotInterval = TimeSpan.FromSeconds(instance.Advanced.SnapshotIntervalSeconds),
        MonitorRetryInterval = TimeSpan.FromSeconds(Math.Max(1, instance.Advanced.MonitorStartRetrySeconds)),
    };

    /// <summary>
    /// Whether two versions of an instance differ in anything the link was built from (a change needs a new link).
    /// Passwords are compared in clear: protecting the same password again gives another text, and a save that
    /// re-protects an unchanged password must not restart the instance (and close every open line).
    /// </summary>
    public static bool LinkChanged(InstanceConfiguration a, InstanceConfiguration b, SecretProtector secrets) =>
        a.Mode != b.Mode || a.Host != b.Host || a.Port != b.Port || a.ConnectionType != b.ConnectionType || a.UrlPrefix != b.UrlPrefix
        || a.User != b.User || SecretChanged(a.PasswordProtected, b.PasswordProtected, secrets)
        || a.Advanced.Proxy?.Address != b.Advanced.Proxy?.Address || a.Advanced.Proxy?.User != b.Advanced.Proxy?.User
        || SecretChanged(a.Advanced.Proxy?.PasswordProtected, b.Advanced.Proxy?.PasswordProtected, secrets)
        || a.Advanced.TrustedCaPath != b.Advanced.TrustedCaPath || a.Advanced.PinnedCertificateSha256 != b.Advanced.PinnedCertificateSha256
        || !SameSettings(a.Advanced.TransportSettings, b.Advanced.TransportSettings);

    private static bool SecretChanged(string? a, string? b, SecretProtector secrets)
    {
        if (a == b)
        {
            return false;
        }

        if (a is null || b is null)
        {
            return true;
        }

        try
        {
            return secrets.Unprotect(a) != secrets.Unprotect(b);
        }
        catch (ConfigurationException)
        {
            return true;
        }
    }

    private static bool SameSettings(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var value) && value == kv.Value);
}
