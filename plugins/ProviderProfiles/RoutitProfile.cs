using System.Composition;
using Ecsta.Abstractions.Profiles;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Plugins.ProviderProfiles;

/// <summary>Routit, the Netherlands: XSI over HTTPS to <c>cai.voipit.nl</c> on port 443 with the URL prefix <c>nl.cai</c> (manual 4.3).</summary>
[Export(typeof(IProviderProfile))]
public sealed class RoutitProfile()
    : ProviderProfile(
        "Routit",
        "cai.voipit.nl",
        443,
        ConnectionTypes.Https,
        "nl.cai",
        "Netherlands. XSI over HTTPS (encrypted) on port 443 with the URL prefix nl.cai placed before the XSI paths.");
