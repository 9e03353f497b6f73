using System.Composition;
using Ecsta.Abstractions.Profiles;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Plugins.ProviderProfiles;

/// <summary>
/// "Individual": manual configuration (manual 4.3, "Auswahl: Individuell"). Its host is empty: the administrator enters
/// host, port, connection type and URL prefix from the service provider. An instance that chooses it follows no profile.
/// Port and connection type are only a suggestion: CTI encrypted on 8012, the connection the manual recommends when the
/// provider offers it.
/// </summary>
[Export(typeof(IProviderProfile))]
public sealed class IndividualProfile()
    : ProviderProfile(
        Individual,
        "",
        8012,
        ConnectionTypes.Ctis,
        "",
        "Manual configuration: enter the host, port, connection type and URL prefix your service provider gives you. CTI (cti/ctis) should be used where the provider offers it; XSI (http/https) otherwise.")
{
    /// <summary>The name of the manual-configuration profile.</summary>
    public const string Individual = "Individual";
}
