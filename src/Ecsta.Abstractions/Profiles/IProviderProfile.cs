namespace Ecsta.Abstractions.Profiles;

/// <summary>
/// A provider's connection settings, chosen by name in an instance. Export each profile with
/// <c>[Export(typeof(IProviderProfile))]</c>; an instance keeps the profile's name so an updated plugin updates it.
/// </summary>
public interface IProviderProfile
{
    /// <summary>Unique name, e.g. <c>Plusnet GmbH</c>.</summary>
    string Name { get; }

    /// <summary>XSP host.</summary>
    string Host { get; }

    /// <summary>Port.</summary>
    int Port { get; }

    /// <summary>One of <see cref="Transports.ConnectionTypes"/>.</summary>
    string ConnectionType { get; }

    /// <summary>Path prefix placed before the XSI context paths (e.g. <c>nl.cai</c>), or empty.</summary>
    string UrlPrefix { get; }

    /// <summary>Notes shown to the administrator (country, requirements).</summary>
    string Notes { get; }
}
