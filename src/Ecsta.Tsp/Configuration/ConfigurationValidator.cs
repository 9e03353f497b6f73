using System.Text.RegularExpressions;
using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Abstractions.Profiles;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Tsp.Configuration;

/// <summary>
/// The one set of rules for configuration values, used by the CLI, the dialog and the host when it loads the file.
/// </summary>
public sealed partial class ConfigurationValidator
{
    private readonly Func<string, IProviderProfile?> _findProfile;
    private readonly INumberFormatterFactory? _numberRules;
    private readonly Func<string, ITransportFactory?> _findTransport;

    public ConfigurationValidator(
        Func<string, IProviderProfile?>? findProfile = null,
        INumberFormatterFactory? numberRules = null,
        Func<string, ITransportFactory?>? findTransport = null)
    {
        _findProfile = findProfile ?? (_ => null);
        _numberRules = numberRules;
        _findTransport = findTransport ?? (_ => null);
        ChecksProfiles = findProfile is not null;
    }

    private bool ChecksProfiles { get; }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex InstanceName();

    [GeneratedRegex(@"^\+?[0-9*#]{1,32}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex LineNumber();

    [GeneratedRegex(@"^\+[0-9][0-9() -]{0,30}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex LocationPrefix();

    public IReadOnlyList<ValidationError> Validate(EcstaConfiguration configuration)
    {
        var errors = new List<ValidationError>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var instance in configuration.Instances)
        {
            if (!names.Add(instance.Name))
            {
                errors.Add(new ValidationError("name", $"instance '{instance.Name}' exists twice"));
            }

            errors.AddRange(Validate(instance).Select(e => e with { Field = $"{instance.Name}.{e.Field}" }));
        }

        errors.AddRange(ValidateDns(configuration.Dns));
        return errors;
    }

    public IReadOnlyList<ValidationError> Validate(InstanceConfiguration instance)
    {
        var errors = new List<ValidationError>();
        void Error(string field, string message) => errors.Add(new ValidationError(field, message));

        if (!InstanceName().IsMatch(instance.Name))
        {
            Error("name", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }

        if (!Enum.IsDefined(instance.Mode))
        {
            Error("mode", "must be workstation or server");
        }

        if (instance.Profile is not null && ChecksProfiles && _findProfile(instance.Profile) is null)
        {
            Error("profile", $"no provider profile is named '{instance.Profile}' (see `ecsta profiles`)");
        }

        if (string.IsNullOrWhiteSpace(instance.Host))
        {
            Error("host", "is required (or choose a provider profile)");
        }
        else if (Uri.CheckHostName(instance.Host.Trim()) == UriHostNameType.Unknown)
        {
            Error("host", $"'{instance.Host}' is not a host name or address");
        }

        if (instance.Port is < 0 or > 65535)
        {
            Error("port", "must be between 1 and 65535 (0 = the connection type's default)");
        }

        if (!ConnectionTypes.All.Contains(instance.ConnectionType))
        {
            Error("connectionType", $"must be one of {string.Join(", ", ConnectionTypes.All)}");
        }

        if (instance.UrlPrefix.Any(char.IsWhiteSpace) || instance.UrlPrefix.Contains('?', StringComparison.Ordinal) || instance.UrlPrefix.Contains('#', StringComparison.Ordinal))
        {
            Error("urlPrefix", "must be a path without spaces, '?' or '#'");
        }

        if (string.IsNullOrWhiteSpace(instance.User))
        {
            Error("user", "is required");
        }

        ValidateLines(instance, Error);
        ValidateAdvanced(instance, Error);
        ValidateTransportSettings(instance, Error);

        if (instance.Location.Enabled && !LocationPrefix().IsMatch(instance.Location.Location))
        {
            Error("location", "must be an international prefix such as +49(89)1234 when location is used");
        }

        ValidateRules("numberRules.incoming", instance.NumberRules.Incoming, Error);
        ValidateRules("numberRules.outgoing", instance.NumberRules.Outgoing, Error);
        ValidateRules("numberRules.dial", instance.NumberRules.Dial, Error);
        return errors;
    }

    private static void ValidateLines(InstanceConfiguration instance, Action<string, string> error)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < instance.Lines.Count; i++)
        {
            var line = instance.Lines[i];
            if (string.IsNullOrWhiteSpace(line.UserId))
            {
                error($"lines[{i}].userId", "is required");
            }
            else if (!seen.Add(line.UserId))
            {
                error($"lines[{i}].userId", $"'{line.UserId}' is configured twice");
            }
            else if (instance.Mode == InstanceMode.Workstation && !string.IsNullOrWhiteSpace(instance.User) && !string.Equals(line.UserId, instance.User, StringComparison.OrdinalIgnoreCase))
            {
                error($"lines[{i}].userId", $"'{line.UserId}' is another user's line: in workstation mode the instance serves only the login user's own line ({instance.User}); use server mode for other users' lines");
            }

            if (line.Number.Length > 0 && !LineNumber().IsMatch(line.Number))
            {
                error($"lines[{i}].number", $"'{line.Number}' is not a phone number (digits, optional leading +)");
            }
        }
    }

    /// <summary>Why a trusted-CA path is no PEM file with at least one certificate, or null when it is one.</summary>
    private static string? TrustedCaProblem(string path)
    {
        const long MaxBytes = 1024 * 1024;
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                return $"'{path}' does not exist";
            }

            if (file.Length > MaxBytes)
            {
                return $"'{path}' is larger than 1 MiB: not a CA certificate file";
            }

            var certificates = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
            certificates.ImportFromPemFile(path);
            var count = certificates.Count;
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }

            return count > 0 ? null : $"'{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            return $"'{path}' is not a readable PEM certificate file ({ex.Message})";
        }
    }

    private static void ValidateAdvanced(InstanceConfiguration instance, Action<string, string> error)
    {
        var advanced = instance.Advanced;
        if (!Enum.IsDefined(advanced.LineNameFormat))
        {
            error("advanced.lineNameFormat", "must be Standard, Number or Name");
        }

        if (advanced.SnapshotIntervalSeconds is < 0 or > 86400)
        {
            error("advanced.snapshotIntervalSeconds", "must be between 0 (off) and 86400");
        }

        if (advanced.MonitorStartRetrySeconds is < 1 or > 3600)
        {
            error("advanced.monitorStartRetrySeconds", "must be between 1 and 3600");
        }

        if (advanced.TrustedCaPath is { } ca && TrustedCaProblem(ca) is { } problem)
        {
            error("advanced.trustedCaPath", problem);
        }

        if (advanced.PinnedCertificateSha256 is { } pin && (pin.Length != 64 || !pin.All(char.IsAsciiHexDigit)))
        {
            error("advanced.pinnedCertificateSha256", "must be 64 hexadecimal digits (a SHA-256 thumbprint)");
        }

        if (advanced.Proxy is { } proxy)
        {
            if (instance.ConnectionType is ConnectionTypes.Cti or ConnectionTypes.Ctis)
            {
                error("advanced.proxy", "a proxy cannot be used with CTI; remove the proxy or choose http/https");
            }

            if (!Uri.TryCreate(proxy.Address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                error("advanced.proxy.address", "must be an absolute http:// URL such as http://proxy.example:3128");
            }
        }
    }

    private void ValidateRules(string field, List<NumberRuleConfiguration> rules, Action<string, string> error)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule.Search.Length == 0)
            {
                error($"{field}[{i}].search", "is required");
                continue;
            }

            var problem = CheckRule(new NumberRule(rule.Search, rule.Replace, rule.IsRegex));
            if (problem is not null)
            {
                error($"{field}[{i}].search", problem);
            }
        }
    }

    /// <summary>Checks one rule with the number rules plugin (or .NET's parser when it is absent); null when fine.</summary>
    public string? CheckRule(NumberRule rule)
    {
        if (_numberRules is not null)
        {
            var problem = _numberRules.Validate(rule);
            return problem is null ? null : problem.Position is { } p ? $"{problem.Message} (at position {p})" : problem.Message;
        }

        if (!rule.IsRegex)
        {
            return null;
        }

        try
        {
            _ = new Regex(rule.Search, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            return null;
        }
        catch (RegexParseException ex)
        {
            return $"{ex.Error} (at position {ex.Offset})";
        }
    }
}
