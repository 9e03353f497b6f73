using Ecsta.Abstractions.Transports;
using Ecsta.Host.Configuration;
using Ecsta.Host.Tsp;

namespace Ecsta.Host.Runtime;

/// <summary>Turns a stored instance into what the transport and the TSP core take.</summary>
internal static class InstanceSettingsMapping
{
    public static PlatformLinkOptions ToLinkOptions(InstanceConfiguration instance, SecretProtector secrets)
    {
        var proxy = instance.Advanced.Proxy is { } p && Uri.TryCreate(p.Address, UriKind.Absolute, out var address)
            ? new ProxySettings(address, p.User, p.PasswordProtected is null ? null : secrets.Unprotect(p.PasswordProtected))
            : null;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (instance.Lines.Count > 0)
        {
            settings["directoryUserId"] = instance.Lines[0].UserId;
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
        [.. instance.Lines.Select(ToTspLine)],
        ToTspOptions(instance));

    public static TspLineSettings ToTspLine(LineConfiguration line) => new(line.UserId, line.Number, line.Name);

    public static TspOptions ToTspOptions(InstanceConfiguration instance) => new()
    {
        ReturnToHeldParty = instance.Advanced.ReturnToHeldOnConsultationEnd,
        LineNameFormat = instance.Advanced.LineNameFormat switch
        {
            Configuration.LineNameFormat.Number => Tsp.LineNameFormat.Number,
            Configuration.LineNameFormat.Name => Tsp.LineNameFormat.Name,
            _ => Tsp.LineNameFormat.Standard,
        },
        SnapshotInterval = TimeSpan.FromSeconds(instance.Advanced.SnapshotIntervalSeconds),
        MonitorRetryInterval = TimeSpan.FromSeconds(Math.Max(1, instance.Advanced.MonitorStartRetrySeconds)),
    };

    /// <summary>Whether two versions of an instance differ in anything the link was built from (a change needs a new link).</summary>
    public static bool LinkChanged(InstanceConfiguration a, InstanceConfiguration b) =>
        a.Mode != b.Mode || a.Host != b.Host || a.Port != b.Port || a.ConnectionType != b.ConnectionType || a.UrlPrefix != b.UrlPrefix
        || a.User != b.User || a.PasswordProtected != b.PasswordProtected
        || a.Advanced.Proxy?.Address != b.Advanced.Proxy?.Address || a.Advanced.Proxy?.User != b.Advanced.Proxy?.User
        || a.Advanced.Proxy?.PasswordProtected != b.Advanced.Proxy?.PasswordProtected
        || a.Advanced.TrustedCaPath != b.Advanced.TrustedCaPath || a.Advanced.PinnedCertificateSha256 != b.Advanced.PinnedCertificateSha256;
}
