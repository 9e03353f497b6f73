namespace Ecsta.Plugins.Transport.Cti;

internal static class PluginAssembly { }
