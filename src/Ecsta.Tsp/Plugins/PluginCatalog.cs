using Ecsta.Abstractions.Licensing;
using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Abstractions.Profiles;
using Ecsta.Abstractions.Transports;
using McMaster.NETCore.Plugins;
using Serilog;

namespace Ecsta.Tsp.Plugins;

/// <summary>
/// Every plugin found in the plugins folder, composed. A plugin that fails to load is reported with its path and
/// the reason and does not stop the others. Each plugin lives in <c>plugins/&lt;Name&gt;/&lt;Name&gt;.dll</c>.
/// </summary>
public sealed class PluginCatalog : IDisposable
{
    private readonly List<PluginLoader> _loaders = [];
    private readonly List<PluginDescriptor> _plugins = [];
    private readonly List<PluginFailure> _failures = [];
    private readonly Dictionary<string, (ITransportFactory Factory, string Plugin)> _transports = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (IProviderProfile Profile, string Plugin)> _profiles = new(StringComparer.OrdinalIgnoreCase);
    private (ILicensingProvider Provider, string Plugin)? _licensing;
    private (INumberFormatterFactory Factory, string Plugin)? _numberRules;

    private PluginCatalog(string directory) => Directory = directory;

    /// <summary>The folder that was searched.</summary>
    public string Directory { get; }

    /// <summary>Plugins that loaded, in name order.</summary>
    public IReadOnlyList<PluginDescriptor> Plugins => _plugins;

    /// <summary>Plugins, or parts of plugins, that could not be used.</summary>
    public IReadOnlyList<PluginFailure> Failures => _failures;

    /// <summary>Connection type → transport factory.</summary>
    public IReadOnlyDictionary<string, ITransportFactory> Transports =>
        _transports.ToDictionary(p => p.Key, p => p.Value.Factory, StringComparer.OrdinalIgnoreCase);

    /// <summary>Provider profiles with the plugin that brought each, in name order.</summary>
    public IReadOnlyList<(IProviderProfile Profile, string Plugin)> Profiles =>
        _profiles.Values.OrderBy(p => p.Profile.Name, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The licensing provider, if a licensing plugin loaded.</summary>
    public ILicensingProvider? Licensing => _licensing?.Provider;

    /// <summary>The number formatter factory, if a number rules plugin loaded.</summary>
    public INumberFormatterFactory? NumberRules => _numberRules?.Factory;

    /// <summary>Finds a profile by name (case-insensitive).</summary>
    public IProviderProfile? FindProfile(string name) => _profiles.TryGetValue(name, out var p) ? p.Profile : null;

    /// <summary>The transport serving a connection type, or null (no copy of the table, unlike <see cref="Transports"/>).</summary>
    public ITransportFactory? FindTransport(string connectionType) =>
        _transports.TryGetValue(connectionType, out var t) ? t.Factory : null;

    /// <summary>The default plugins folder: <c>plugins/</c> beside the host's assembly.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>Loads every plugin in <paramref name="directory"/>.</summary>
    public static PluginCatalog Load(string directory, ILogger log)
    {
        var catalog = new PluginCatalog(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            log.Warning("Plugin folder {PluginFolder} does not exist: no plugins loaded", directory);
            return catalog;
        }

        foreach (var folder in System.IO.Directory.GetDirectories(directory).OrderBy(d => d, StringComparer.Ordinal))
        {
            catalog.LoadOne(folder, log);
        }

        return catalog;
    }

    private void LoadOne(string folder, ILogger log)
    {
        var name = Path.GetFileName(folder);
        var file = Path.Combine(folder, name + ".dll");
        if (!File.Exists(file))
        {
            Fail(file, $"the plugin folder has no {name}.dll", log);
            return;
        }

        PluginExports exports;
        System.Reflection.Assembly assembly;
        try
        {
            var (loaded, loader) = PluginAssemblyLoader.Load(file);
            _loaders.Add(loader);
            assembly = loaded;
            exports = PluginAssemblyLoader.Compose(assembly);
        }
        catch (Exception ex)
        {
            Fail(file, Describe(ex), log);
            return;
        }

        var details = new List<string>();
        foreach (var factory in exports.Transports)
        {
            AddTransport(factory, name, file, details, log);
        }

        foreach (var profile in exports.Profiles)
        {
            if (_profiles.TryGetValue(profile.Name, out var existing))
            {
                Fail(file, $"profile '{profile.Name}' is already provided by plugin {existing.Plugin}", log);
                continue;
            }

            _profiles[profile.Name] = (profile, name);
            details.Add($"profile {profile.Name}");
        }

        foreach (var provider in exports.Licensing)
        {
            if (_licensing is { } current)
            {
                Fail(file, $"licensing is already provided by plugin {current.Plugin}", log);
                continue;
            }

            _licensing = (provider, name);
            details.Add("licensing");
        }

        foreach (var factory in exports.NumberRules)
        {
            if (_numberRules is { } current)
            {
                Fail(file, $"number rules are already provided by plugin {current.Plugin}", log);
                continue;
            }

            _numberRules = (factory, name);
            details.Add("number rules");
        }

        var descriptor = new PluginDescriptor(name, PluginAssemblyLoader.VersionOf(assembly), file, exports.Kind, string.Join("; ", details));
        _plugins.Add(descriptor);
        log.Information("Plugin {Plugin} {Version} loaded from {File}: {Details}", name, descriptor.Version, file, descriptor.Details);
    }

    private void AddTransport(ITransportFactory factory, string plugin, string file, List<string> details, ILogger log)
    {
        var served = new List<string>();
        foreach (var type in factory.ConnectionTypes)
        {
            if (_transports.TryGetValue(type, out var existing))
            {
                Fail(file, $"connection type '{type}' is already served by plugin {existing.Plugin}", log);
                continue;
            }

            _transports[type] = (factory, plugin);
            served.Add(type);
        }

        if (served.Count > 0)
        {
            details.Add($"{factory.Name} ({string.Join(", ", served)})");
        }
    }

    private void Fail(string file, string reason, ILogger log)
    {
        _failures.Add(new PluginFailure(file, reason));
        log.Error("Plugin {File} not used: {Reason}", file, reason);
    }

    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner is System.Reflection.TargetInvocationException or System.Composition.Hosting.CompositionFailedException && inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner switch
        {
            FileNotFoundException f => $"a dependency is missing: {f.FileName ?? f.Message}",
            FileLoadException f => $"a dependency could not be loaded: {f.FileName ?? f.Message}",
            BadImageFormatException => "it is not a valid .NET assembly",
            System.Reflection.ReflectionTypeLoadException r => "its types could not be loaded: " + string.Join("; ", r.LoaderExceptions.Where(e => e is not null).Select(e => e!.Message).Distinct()),
            _ => $"{inner.GetType().Name}: {inner.Message}",
        };
    }

    public void Dispose()
    {
        foreach (var loader in _loaders)
        {
            loader.Dispose();
        }

        _loaders.Clear();
    }
}
