using Ecsta.Abstractions.Profiles;
using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Configuration;

namespace Ecsta.Host.Dialog;

/// <summary>
/// Between the configuration's instance and the dialog's: secrets leave only as "set", new passwords are protected on
/// the way in, and values are normalized the way the CLI's options normalize them. Judging values is the validator's.
/// </summary>
internal static class DialogInstanceMapping
{
    private const string Individual = "Individual";

    /// <summary>The dialog's view of <paramref name="i"/>: every field, passwords only as <c>passwordSet</c>.</summary>
    public static DialogInstance ToDialog(InstanceConfiguration i) => new()
    {
        Name = i.Name,
        Mode = i.Mode.ToString().ToLowerInvariant(),
        Profile = i.Profile,
        Host = i.Host,
        Port = i.Port,
        ConnectionType = i.ConnectionType,
        UrlPrefix = i.UrlPrefix,
        User = i.User,
        PasswordSet = i.PasswordProtected is not null,
        Notes = i.Notes,
        Lines = [.. i.Lines.Select(l => new DialogLine { UserId = l.UserId, Number = l.Number, Name = l.Name })],
        Advanced = new DialogAdvanced
        {
            ReturnToHeldOnConsultationEnd = i.Advanced.ReturnToHeldOnConsultationEnd,
            Proxy = i.Advanced.Proxy is { } p ? new DialogProxy { Address = p.Address, User = p.User, PasswordSet = p.PasswordProtected is not null } : null,
            LineNameFormat = i.Advanced.LineNameFormat.ToString(),
            SnapshotIntervalSeconds = i.Advanced.SnapshotIntervalSeconds,
            MonitorStartRetrySeconds = i.Advanced.MonitorStartRetrySeconds,
            TrustedCaPath = i.Advanced.TrustedCaPath,
            PinnedCertificateSha256 = i.Advanced.PinnedCertificateSha256,
            TransportSettings = new Dictionary<string, string>(i.Advanced.TransportSettings, StringComparer.Ordinal),
        },
        Location = new DialogLocation { Enabled = i.Location.Enabled, Location = i.Location.Location },
        NumberRules = new DialogNumberRules
        {
            Incoming = ToDialog(i.NumberRules.Incoming),
            Outgoing = ToDialog(i.NumberRules.Outgoing),
            Dial = ToDialog(i.NumberRules.Dial),
        },
    };

    /// <summary>
    /// Writes the dialog's values onto <paramref name="target"/> (a freshly loaded instance, or a new one). A missing
    /// or empty password keeps the stored one; fields the dialog does not know (the file's unknown members) stay.
    /// Values the configuration cannot hold (an unknown mode or line name format) become values the validator refuses.
    /// </summary>
    public static void Apply(DialogInstance source, InstanceConfiguration target, SecretProtector secrets, Func<string, IProviderProfile?> findProfile)
    {
        target.Name = source.Name.Trim();
        target.Mode = source.Mode.Trim().ToLowerInvariant() switch
        {
            "workstation" => InstanceMode.Workstation,
            "server" => InstanceMode.Server,
            _ => (InstanceMode)(-1),
        };
        target.Profile = Profile(source.Profile, findProfile);
        target.Host = source.Host.Trim();
        target.Port = source.Port;
        target.ConnectionType = source.ConnectionType.Trim().ToLowerInvariant();
        target.UrlPrefix = source.UrlPrefix.Trim().Trim('/');
        target.User = source.User.Trim();
        if (!string.IsNullOrEmpty(source.Password))
        {
            target.PasswordProtected = secrets.Protect(source.Password);
        }

        target.Notes = source.Notes;
        target.Lines = [.. source.Lines.Select(l => Line(l, target.Lines))];
        ApplyAdvanced(source.Advanced, target.Advanced, secrets);
        target.Location.Enabled = source.Location.Enabled;
        target.Location.Location = source.Location.Location.Trim();
        target.NumberRules.Incoming = Rules(source.NumberRules.Incoming, target.NumberRules.Incoming);
        target.NumberRules.Outgoing = Rules(source.NumberRules.Outgoing, target.NumberRules.Outgoing);
        target.NumberRules.Dial = Rules(source.NumberRules.Dial, target.NumberRules.Dial);
    }

    private static void ApplyAdvanced(DialogAdvanced source, AdvancedOptions target, SecretProtector secrets)
    {
        target.ReturnToHeldOnConsultationEnd = source.ReturnToHeldOnConsultationEnd;
        target.LineNameFormat = Enum.TryParse<LineNameFormat>(source.LineNameFormat, ignoreCase: true, out var format) && Enum.IsDefined(format)
            ? format
            : (LineNameFormat)(-1);
        target.SnapshotIntervalSeconds = source.SnapshotIntervalSeconds;
        target.MonitorStartRetrySeconds = source.MonitorStartRetrySeconds;
        target.TrustedCaPath = NullIfEmpty(source.TrustedCaPath) is { } ca ? Path.GetFullPath(ca) : null;
        target.PinnedCertificateSha256 = NullIfEmpty(source.PinnedCertificateSha256?.Replace(":", "", StringComparison.Ordinal));
        target.TransportSettings = source.TransportSettings
            .Select(kv => (Name: kv.Key.Trim(), Value: kv.Value?.Trim() ?? ""))
            .Where(kv => kv.Value.Length > 0)
            .GroupBy(kv => kv.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        target.Proxy = Proxy(source.Proxy, target.Proxy, secrets);
    }

    private static ProxyConfiguration? Proxy(DialogProxy? source, ProxyConfiguration? existing, SecretProtector secrets)
    {
        var address = source?.Address.Trim() ?? "";
        if (source is null || address.Length == 0)
        {
            return null;
        }

        var proxy = existing ?? new ProxyConfiguration();
        proxy.Address = address;
        proxy.User = NullIfEmpty(source.User);
        if (!string.IsNullOrEmpty(source.Password))
        {
            proxy.PasswordProtected = secrets.Protect(source.Password);
        }

        return proxy;
    }

    private static string? Profile(string? name, Func<string, IProviderProfile?> findProfile)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0 || string.Equals(trimmed, Individual, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return findProfile(trimmed)?.Name ?? trimmed;
    }

    /// <summary>A line, keeping the unknown members of the stored line with the same user id.</summary>
    private static LineConfiguration Line(DialogLine source, List<LineConfiguration> existing)
    {
        var userId = source.UserId.Trim();
        var line = new LineConfiguration { UserId = userId, Number = source.Number.Trim(), Name = source.Name.Trim() };
        if (existing.Find(l => string.Equals(l.UserId, userId, StringComparison.OrdinalIgnoreCase)) is { } before)
        {
            line.Unknown = before.Unknown;
        }

        return line;
    }

    private static List<NumberRuleConfiguration> Rules(List<DialogNumberRule> source, List<NumberRuleConfiguration> existing) =>
        [.. source.Select(r =>
        {
            var rule = new NumberRuleConfiguration { Search = r.Search, Replace = r.Replace, IsRegex = r.Regex };
            if (existing.Find(e => e.Search == r.Search) is { } before)
            {
                rule.Unknown = before.Unknown;
            }

            return rule;
        })];

    private static List<DialogNumberRule> ToDialog(List<NumberRuleConfiguration> rules) =>
        [.. rules.Select(r => new DialogNumberRule { Search = r.Search, Replace = r.Replace, Regex = r.IsRegex })];

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
