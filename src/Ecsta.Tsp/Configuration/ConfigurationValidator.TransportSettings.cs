using System.Text.RegularExpressions;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Tsp.Configuration;

public sealed partial class ConfigurationValidator
{
    private const int MaxTransportSettings = 64;
    private const int MaxTransportSettingLength = 512;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex TransportSettingName();

    /// <summary>
    /// Transport settings: names and sizes here; their meaning is the transport's own, so the transport judges the
    /// values (when its plugin is loaded): the problems its <see cref="ITransportFactory.Validate"/> finds with the
    /// settings and not without them are the settings' problems.
    /// </summary>
    private void ValidateTransportSettings(InstanceConfiguration instance, Action<string, string> error)
    {
        var settings = instance.Advanced.TransportSettings;
        if (settings.Count == 0)
        {
            return;
        }

        if (settings.Count > MaxTransportSettings)
        {
            error("advanced.transportSettings", $"has {settings.Count} entries, more than the limit of {MaxTransportSettings}");
            return;
        }

        var wellFormed = true;
        foreach (var (name, value) in settings)
        {
            if (!TransportSettingName().IsMatch(name))
            {
                error("advanced.transportSettings", $"'{name}' is not a setting name (a letter, then letters, digits, '.', '_' or '-', at most 64)");
                wellFormed = false;
            }
            else if (value is null || value.Length > MaxTransportSettingLength)
            {
                error($"advanced.transportSettings.{name}", $"must be a text of at most {MaxTransportSettingLength} characters");
                wellFormed = false;
            }
        }

        if (!wellFormed || _findTransport(instance.ConnectionType) is not { } factory)
        {
            return;
        }

        var without = factory.Validate(Probe(instance, new Dictionary<string, string>()));
        foreach (var problem in factory.Validate(Probe(instance, settings)).Except(without, StringComparer.Ordinal))
        {
            error("advanced.transportSettings", problem);
        }
    }

    /// <summary>The instance as link options for a validation only (no secret is unprotected for it).</summary>
    private static PlatformLinkOptions Probe(InstanceConfiguration instance, IReadOnlyDictionary<string, string> settings) => new()
    {
        InstanceName = instance.Name,
        Mode = instance.Mode,
        Host = instance.Host,
        Port = instance.Port,
        ConnectionType = instance.ConnectionType,
        UrlPrefix = instance.UrlPrefix,
        UserId = instance.User,
        Password = "validation",
        Settings = settings,
    };
}
