namespace Ecsta.Plugins.NumberRules;

internal static class PluginAssembly { }
