namespace Ecsta.Plugins.Licensing;

internal static class PluginAssembly { }
