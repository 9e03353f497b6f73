using System.Composition;
using Ecsta.Abstractions.Profiles;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Plugins.ProviderProfiles;

/// <summary>Plusnet GmbH, Germany: CTI encrypted to <c>web.centraflex.de</c> on port 8012 (manual 4.3).</summary>
[Export(typeof(IProviderProfile))]
public sealed class PlusnetProfile()
    : ProviderProfile(
        "Plusnet GmbH",
        "web.centraflex.de",
        8012,
        ConnectionTypes.Ctis,
        "",
        "Germany. CTI encrypted (TLS) on port 8012, no URL prefix. Reading the lines and Remote Office also use XSI over HTTPS (port 443) to the same host, so allow both ports outbound.");
