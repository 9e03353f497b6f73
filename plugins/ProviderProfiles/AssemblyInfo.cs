namespace Ecsta.Plugins.ProviderProfiles;

internal static class PluginAssembly { }
