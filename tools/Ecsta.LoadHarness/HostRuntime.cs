using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Discovery;
using Ecsta.Tsp.Plugins;
using Ecsta.Tsp.Provider;
using Ecsta.Tsp.Runtime;
using Serilog;

namespace Ecsta.LoadHarness;

/// <summary>
/// The host's real runtime, started the way <c>ecsta run</c> and the end-to-end tests start it: the plugin catalog
/// from <c>plugins/</c> beside the tool, a configuration store with its key ring in a temporary folder, and
/// <see cref="TelephonyRuntime.ApplyAsync"/> with one instance, all through the public surface of the TSP core
/// (src/Ecsta.Tsp).
/// </summary>
internal sealed class HostRuntime : IAsyncDisposable
{
    private readonly PluginCatalog _catalog;
    private readonly ConfigurationStore _store;
    private readonly TelephonyRuntime _runtime;

    private HostRuntime(PluginCatalog catalog, ConfigurationStore store, TelephonyRuntime runtime)
    {
        _catalog = catalog;
        _store = store;
        _runtime = runtime;
    }

    /// <summary>Loads the plugins and creates the runtime (no instance runs yet).</summary>
    public static HostRuntime Create(string folder, ILogger log)
    {
        var pluginFolder = Path.Combine(AppContext.BaseDirectory, "plugins");
        var catalog = PluginCatalog.Load(pluginFolder, log);
        if (catalog.Failures.Count > 0)
        {
            throw new InvalidOperationException($"{catalog.Failures.Count} plugin(s) in {pluginFolder} failed to load: {string.Join("; ", catalog.Failures)}");
        }

        var store = new ConfigurationStore(Path.Combine(folder, "ecsta.json"));
        var locator = new SrvServiceLocator([], log);
        var runtime = new TelephonyRuntime(catalog, store, locator, TimeProvider.System, log, logDirectory: null, licenses: null);
        return new HostRuntime(catalog, store, runtime);
    }

    /// <summary>Whether the catalog serves <paramref name="connectionType"/>.</summary>
    public bool Serves(string connectionType) => _catalog.FindTransport(connectionType) is not null;

    /// <summary>Raised when an instance's provider exists, before its link connects (open lines here to see INSERVICE).</summary>
    public event EventHandler<TspProvider> ProviderStarted
    {
        add => _runtime.ProviderStarted += value;
        remove => _runtime.ProviderStarted -= value;
    }

    /// <summary>Starts one instance as an administrator would store it; returns when the runtime has applied it.</summary>
    public async Task ApplyAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var instance = new InstanceConfiguration
        {
            Name = spec.Name,
            Mode = spec.Mode,
            Host = spec.Host,
            Port = spec.Port,
            ConnectionType = spec.ConnectionType,
            User = spec.User,
            PasswordProtected = _store.Secrets.Protect(spec.Password),
            Lines = [.. spec.Lines.Select(l => new LineConfiguration { UserId = l.UserId, Number = l.Number, Name = l.Name })],
        };
        foreach (var (name, value) in spec.TransportSettings)
        {
            instance.Advanced.TransportSettings[name] = value;
        }

        await _runtime.ApplyAsync(new EcstaConfiguration { Instances = [instance] }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The running provider of an instance, or null.</summary>
    public TspProvider? FindProvider(string instanceName) => _runtime.FindProvider(instanceName);

    /// <summary>Waits until the provider's loop has processed everything it has received.</summary>
    public static Task SettleAsync(TspProvider provider) => provider.SettleAsync();

    public async ValueTask DisposeAsync()
    {
        await _runtime.DisposeAsync().ConfigureAwait(false);
        _catalog.Dispose();
    }
}

/// <summary>One instance as the harness configures it (what <c>ecsta instance add</c> would store).</summary>
internal sealed record InstanceSpec(
    string Name,
    InstanceMode Mode,
    string Host,
    int Port,
    string ConnectionType,
    string User,
    string Password,
    IReadOnlyList<LineSpec> Lines,
    IReadOnlyDictionary<string, string> TransportSettings);

/// <summary>One configured line.</summary>
internal sealed record LineSpec(string UserId, string Number, string Name);
