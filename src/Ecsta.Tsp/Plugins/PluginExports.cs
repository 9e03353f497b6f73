using Ecsta.Abstractions.Licensing;
using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Abstractions.Profiles;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Tsp.Plugins;

/// <summary>The exports of one plugin assembly.</summary>
internal sealed record PluginExports(
    IReadOnlyList<ITransportFactory> Transports,
    IReadOnlyList<IProviderProfile> Profiles,
    IReadOnlyList<ILicensingProvider> Licensing,
    IReadOnlyList<INumberFormatterFactory> NumberRules)
{
    public PluginKind Kind =>
        (Transports.Count > 0 ? PluginKind.Transport : PluginKind.None)
        | (Profiles.Count > 0 ? PluginKind.Profiles : PluginKind.None)
        | (Licensing.Count > 0 ? PluginKind.Licensing : PluginKind.None)
        | (NumberRules.Count > 0 ? PluginKind.NumberRules : PluginKind.None);
}
