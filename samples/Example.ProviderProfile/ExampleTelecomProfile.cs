using System.Composition;
using Ecsta.Abstractions.Profiles;
using Ecsta.Abstractions.Transports;

namespace Example.ProviderProfile;

/// <summary>
/// A provider profile an integrator ships as a plugin: build this project, copy its output folder to the host's
/// <c>plugins/Example.ProviderProfile/</c>, and `ecsta profiles` lists "Example Telecom".
/// </summary>
[Export(typeof(IProviderProfile))]
public sealed class ExampleTelecomProfile : IProviderProfile
{
    /// <inheritdoc />
    public string Name => "Example Telecom";

    /// <inheritdoc />
    public string Host => "xsp.example-telecom.net";

    /// <inheritdoc />
    public int Port => 443;

    /// <inheritdoc />
    public string ConnectionType => ConnectionTypes.Https;

    /// <inheritdoc />
    public string UrlPrefix => "";

    /// <inheritdoc />
    public string Notes => "Example profile from the README's worked example.";
}
