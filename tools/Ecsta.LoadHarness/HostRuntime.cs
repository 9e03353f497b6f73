using System.Collections;
using System.Globalization;
using System.Reflection;
using Ecsta.Abstractions.Transports;
using Ecsta.Host.Tsp;
using Serilog;

namespace Ecsta.LoadHarness;

/// <summary>
/// The host's real runtime, started the way <c>ecsta run</c> and the end-to-end tests start it: the plugin catalog
/// from <c>plugins/</c> beside the tool, a configuration store with its key ring in a temporary folder, and
/// <c>TelephonyRuntime.ApplyAsync</c> with one instance. Those types are internal to the host (it grants its internals
/// to its own tests only), so this adapter reaches them by reflection; only start-up goes through it, never the
/// measured paths (<see cref="TspProvider"/> and its sinks are public).
/// </summary>
internal sealed class HostRuntime : IAsyncDisposable
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private static readonly Assembly HostAssembly = typeof(TspProvider).Assembly;

    private readonly object _catalog;
    private readonly object _store;
    private readonly object _runtime;

    private HostRuntime(object catalog, object store, object runtime)
    {
        _catalog = catalog;
        _store = store;
        _runtime = runtime;
    }

    /// <summary>Loads the plugins and creates the runtime (no instance runs yet).</summary>
    public static HostRuntime Create(string folder, ILogger log)
    {
        var catalogType = HostType("Ecsta.Host.Plugins.PluginCatalog");
        var pluginFolder = Path.Combine(AppContext.BaseDirectory, "plugins");
        var catalog = catalogType.GetMethod("Load", BindingFlags.Static | BindingFlags.Public, [typeof(string), typeof(ILogger)])!
            .Invoke(null, [pluginFolder, log])!;
        var failures = (ICollection)Property(catalog, "Failures")!;
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"{failures.Count} plugin(s) in {pluginFolder} failed to load: {string.Join("; ", failures.Cast<object>())}");
        }

        var store = Activator.CreateInstance(HostType("Ecsta.Host.Configuration.ConfigurationStore"), Instance, null, [Path.Combine(folder, "ecsta.json")], CultureInfo.InvariantCulture)!;
        var locator = Activator.CreateInstance(HostType("Ecsta.Host.Discovery.SrvServiceLocator"), Instance, null, [Array.Empty<string>(), log, null], CultureInfo.InvariantCulture)!;
        var runtime = Activator.CreateInstance(HostType("Ecsta.Host.Runtime.TelephonyRuntime"), Instance, null,
            [catalog, store, locator, TimeProvider.System, log, null, null], CultureInfo.InvariantCulture)!;
        return new HostRuntime(catalog, store, runtime);
    }

    /// <summary>Whether the catalog serves <paramref name="connectionType"/>.</summary>
    public bool Serves(string connectionType) =>
        ((IEnumerable)Property(_catalog, "Transports")!).Cast<object>().Any(pair => string.Equals((string)Property(pair, "Key")!, connectionType, StringComparison.OrdinalIgnoreCase));

    /// <summary>Raised when an instance's provider exists, before its link connects (open lines here to see INSERVICE).</summary>
    public event EventHandler<TspProvider> ProviderStarted
    {
        add => _runtime.GetType().GetEvent("ProviderStarted")!.AddEventHandler(_runtime, value);
        remove => _runtime.GetType().GetEvent("ProviderStarted")!.RemoveEventHandler(_runtime, value);
    }

    /// <summary>Starts one instance as an administrator would store it; returns when the runtime has applied it.</summary>
    public async Task ApplyAsync(InstanceSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var secrets = Property(_store, "Secrets")!;
        var protectedPassword = (string)secrets.GetType().GetMethod("Protect")!.Invoke(secrets, [spec.Password])!;

        var instance = New("Ecsta.Host.Configuration.InstanceConfiguration");
        Set(instance, "Name", spec.Name);
        Set(instance, "Mode", spec.Mode);
        Set(instance, "Host", spec.Host);
        Set(instance, "Port", spec.Port);
        Set(instance, "ConnectionType", spec.ConnectionType);
        Set(instance, "User", spec.User);
        Set(instance, "PasswordProtected", protectedPassword);
        var lines = (IList)Property(instance, "Lines")!;
        foreach (var line in spec.Lines)
        {
            var configured = New("Ecsta.Host.Configuration.LineConfiguration");
            Set(configured, "UserId", line.UserId);
            Set(configured, "Number", line.Number);
            Set(configured, "Name", line.Name);
            lines.Add(configured);
        }

        var advanced = Property(instance, "Advanced")!;
        var settings = (IDictionary<string, string>)Property(advanced, "TransportSettings")!;
        foreach (var (name, value) in spec.TransportSettings)
        {
            settings[name] = value;
        }

        var configuration = New("Ecsta.Host.Configuration.EcstaConfiguration");
        ((IList)Property(configuration, "Instances")!).Add(instance);
        var apply = _runtime.GetType().GetMethod("ApplyAsync")!;
        await ((Task)apply.Invoke(_runtime, [configuration, cancellationToken])!).ConfigureAwait(false);
    }

    /// <summary>The running provider of an instance, or null.</summary>
    public TspProvider? FindProvider(string instanceName) =>
        (TspProvider?)_runtime.GetType().GetMethod("FindProvider")!.Invoke(_runtime, [instanceName]);

    /// <summary>Waits until the provider's loop has processed everything it has received (internal to the host).</summary>
    public static Task SettleAsync(TspProvider provider) =>
        (Task)typeof(TspProvider).GetMethod("SettleAsync", Instance, Type.EmptyTypes)!.Invoke(provider, null)!;

    public async ValueTask DisposeAsync()
    {
        await ((IAsyncDisposable)_runtime).DisposeAsync().ConfigureAwait(false);
        ((IDisposable)_catalog).Dispose();
    }

    private static Type HostType(string name) =>
        HostAssembly.GetType(name, throwOnError: true)!;

    private static object New(string typeName) =>
        Activator.CreateInstance(HostType(typeName), nonPublic: true)!;

    private static object? Property(object target, string name) =>
        target.GetType().GetProperty(name, Instance)!.GetValue(target);

    private static void Set(object target, string name, object? value) =>
        target.GetType().GetProperty(name, Instance)!.SetValue(target, value);
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
