using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Runtime;

namespace Ecsta.Host.Cli.Commands;

/// <summary>How `instance show` and `instance list` present an instance: every field, secrets only as "set".</summary>
internal static class InstanceView
{
    public static object ToJson(InstanceConfiguration i) => new
    {
        i.Name,
        mode = i.Mode.ToString().ToLowerInvariant(),
        i.Profile,
        i.Host,
        i.Port,
        i.ConnectionType,
        i.UrlPrefix,
        i.User,
        passwordSet = i.PasswordProtected is not null,
        i.Notes,
        lines = i.Lines.Select(l => new { l.UserId, l.Number, l.Name }),
        advanced = new
        {
            returnToHeldOnConsultationEnd = i.Advanced.ReturnToHeldOnConsultationEnd,
            proxy = i.Advanced.Proxy is { } p ? new { p.Address, p.User, passwordSet = p.PasswordProtected is not null } : null,
            lineNameFormat = i.Advanced.LineNameFormat.ToString(),
            snapshotIntervalSeconds = i.Advanced.SnapshotIntervalSeconds,
            monitorStartRetrySeconds = i.Advanced.MonitorStartRetrySeconds,
            trustedCaPath = i.Advanced.TrustedCaPath,
            pinnedCertificateSha256 = i.Advanced.PinnedCertificateSha256,
            transportSettings = i.Advanced.TransportSettings,
        },
        location = new { i.Location.Enabled, i.Location.Location },
        numberRules = new
        {
            incoming = i.NumberRules.Incoming.Count,
            outgoing = i.NumberRules.Outgoing.Count,
            dial = i.NumberRules.Dial.Count,
        },
    };

    public static void WriteText(TextWriter w, InstanceConfiguration i)
    {
        w.WriteLine($"name:                 {i.Name}");
        w.WriteLine($"mode:                 {i.Mode.ToString().ToLowerInvariant()}");
        w.WriteLine($"profile:              {i.Profile ?? "(individual)"}");
        w.WriteLine($"host:                 {i.Host}");
        w.WriteLine($"port:                 {(i.Port == 0 ? $"{i.EffectivePort} (default)" : CliOutput.Text(i.Port))}");
        w.WriteLine($"connection type:      {i.ConnectionType}");
        w.WriteLine($"url prefix:           {i.UrlPrefix}");
        w.WriteLine($"user:                 {i.User}");
        w.WriteLine($"password:             {(i.PasswordProtected is null ? "(not set)" : "(set)")}");
        w.WriteLine($"notes:                {i.Notes}");
        w.WriteLine($"return to held:       {(i.Advanced.ReturnToHeldOnConsultationEnd ? "on" : "off")}");
        w.WriteLine($"proxy:                {(i.Advanced.Proxy is { } p ? $"{p.Address}{(p.User is null ? "" : $" (user {p.User})")}" : "(none)")}");
        w.WriteLine($"line name format:     {i.Advanced.LineNameFormat}");
        w.WriteLine($"snapshot interval:    {(i.Advanced.SnapshotIntervalSeconds == 0 ? "off" : $"{i.Advanced.SnapshotIntervalSeconds} s")}");
        w.WriteLine($"monitor start retry:  {i.Advanced.MonitorStartRetrySeconds} s");
        w.WriteLine($"trusted CA:           {i.Advanced.TrustedCaPath ?? "(system store only)"}");
        w.WriteLine($"pinned certificate:   {i.Advanced.PinnedCertificateSha256 ?? "(none)"}");
        w.WriteLine($"transport settings:   {(i.Advanced.TransportSettings.Count == 0 ? "(none)" : string.Join(", ", i.Advanced.TransportSettings.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")))}");
        w.WriteLine($"location:             {(i.Location.Enabled ? i.Location.Location : "(not used)")}");
        w.WriteLine($"number rules:         incoming {i.NumberRules.Incoming.Count}, outgoing {i.NumberRules.Outgoing.Count}, dial {i.NumberRules.Dial.Count}");
        var lines = InstanceSettingsMapping.Lines(i);
        w.WriteLine($"lines:                {lines.Count}{(i.Mode == InstanceMode.Workstation ? " (workstation mode: the login user's own line)" : "")}");
        foreach (var line in lines)
        {
            w.WriteLine($"  {line.UserId}  {line.Number}  {line.Name}");
        }
    }
}
