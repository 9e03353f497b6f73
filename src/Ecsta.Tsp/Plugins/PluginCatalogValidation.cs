using Ecsta.Tsp.Configuration;

namespace Ecsta.Tsp.Plugins;

/// <summary>The one way to build the configuration validator with what the loaded plugins know (CLI, dialog, runtime).</summary>
public static class PluginCatalogValidation
{
    /// <summary>A validator that checks profiles, number rules and transport settings against the loaded plugins.</summary>
    public static ConfigurationValidator CreateValidator(this PluginCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ConfigurationValidator(catalog.FindProfile, catalog.NumberRules, catalog.FindTransport);
    }
}
