using Ecsta.Abstractions.Licensing;
using Ecsta.Host.Api;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Plugins;
using Serilog;

namespace Ecsta.Host.Dialog;

/// <summary>What the dialog uses of the running host.</summary>
/// <param name="Store">The configuration file the dialog edits.</param>
/// <param name="Catalog">The plugins (profiles, number rules and transports for validation).</param>
/// <param name="Admin">The administrator token that logs an administrator in (never the applications' API token).</param>
/// <param name="Licenses">The host's seat pool, if a licensing plugin is loaded.</param>
/// <param name="Demo">Whether the host runs the demo (its demo instance is not in the file).</param>
/// <param name="Log">The host's log.</param>
/// <param name="Time">The clock for session lifetimes.</param>
internal sealed record DialogHostServices(
    ConfigurationStore Store,
    PluginCatalog Catalog,
    ApiAccess Admin,
    ILicensePool? Licenses,
    bool Demo,
    ILogger Log,
    TimeProvider Time);
