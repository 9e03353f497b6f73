namespace Ecsta.Tsp.Plugins;

/// <summary>A plugin that loaded, as `ecsta plugins` lists it.</summary>
/// <param name="Name">Assembly name (the plugin's folder name).</param>
/// <param name="Version">Informational version of the assembly.</param>
/// <param name="File">Full path of the plugin's main assembly.</param>
/// <param name="Kind">What it contributes.</param>
/// <param name="Details">Short description of its exports (connection types, profile names, …).</param>
public sealed record PluginDescriptor(string Name, string Version, string File, PluginKind Kind, string Details);

/// <summary>A plugin, or part of one, that could not be used.</summary>
/// <param name="File">Path of the plugin (assembly or folder).</param>
/// <param name="Reason">Why, in words.</param>
public sealed record PluginFailure(string File, string Reason);
