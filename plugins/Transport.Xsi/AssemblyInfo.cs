namespace Ecsta.Plugins.Transport.Xsi;

internal static class PluginAssembly { }
