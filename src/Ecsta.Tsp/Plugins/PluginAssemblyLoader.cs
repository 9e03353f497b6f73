using System.Composition;
using System.Composition.Hosting;
using System.Reflection;
using Ecsta.Abstractions.Licensing;
using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Abstractions.Profiles;
using Ecsta.Abstractions.Transports;
using McMaster.NETCore.Plugins;

namespace Ecsta.Tsp.Plugins;

/// <summary>
/// Loads one plugin assembly in its own load context (sharing only the SDK, Serilog and System.Composition
/// with the host) and composes its exports.
/// </summary>
internal static class PluginAssemblyLoader
{
    /// <summary>The types whose assemblies every plugin shares with the host.</summary>
    private static readonly Type[] SharedTypes =
    [
        typeof(ITransportFactory),
        typeof(Serilog.ILogger),
        typeof(ExportAttribute),
        typeof(CompositionHost),
    ];

    public static (Assembly Assembly, PluginLoader Loader) Load(string mainAssemblyPath)
    {
        var loader = PluginLoader.CreateFromAssemblyFile(mainAssemblyPath, SharedTypes, config => config.PreferSharedTypes = false);
        try
        {
            return (loader.LoadDefaultAssembly(), loader);
        }
        catch
        {
            loader.Dispose();
            throw;
        }
    }

    public static PluginExports Compose(Assembly assembly)
    {
        using var container = new ContainerConfiguration().WithAssembly(assembly).CreateContainer();
        return new PluginExports(
            container.GetExports<ITransportFactory>().ToList(),
            container.GetExports<IProviderProfile>().ToList(),
            container.GetExports<ILicensingProvider>().ToList(),
            container.GetExports<INumberFormatterFactory>().ToList());
    }

    public static string VersionOf(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational))
        {
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus > 0 ? informational[..plus] : informational;
        }

        return assembly.GetName().Version?.ToString() ?? "0.0.0";
    }
}
