using Ecsta.Abstractions.Profiles;

namespace Ecsta.Plugins.ProviderProfiles;

/// <summary>A provider profile with fixed values; each built-in profile derives from it and is exported on its own.</summary>
public abstract class ProviderProfile : IProviderProfile
{
    /// <summary>Creates a profile.</summary>
    protected ProviderProfile(string name, string host, int port, string connectionType, string urlPrefix, string notes)
    {
        Name = name;
        Host = host;
        Port = port;
        ConnectionType = connectionType;
        UrlPrefix = urlPrefix;
        Notes = notes;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Host { get; }

    /// <inheritdoc />
    public int Port { get; }

    /// <inheritdoc />
    public string ConnectionType { get; }

    /// <inheritdoc />
    public string UrlPrefix { get; }

    /// <inheritdoc />
    public string Notes { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({ConnectionType}://{(Host.Length == 0 ? "<host>" : Host)}:{Port}{(UrlPrefix.Length == 0 ? "" : "/" + UrlPrefix)})";
}
