using Ecsta.Abstractions.Licensing;
using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Logging;
using Ecsta.Tsp.Plugins;
using Ecsta.Tsp.Provider;
using Serilog;

namespace Ecsta.Tsp.Runtime;

/// <summary>
/// All running instances of the host. <see cref="ApplyAsync"/> brings them in line with a configuration: new
/// instances start, removed ones stop, a changed login or address restarts the instance, changed lines, options and
/// rules apply without a restart. One seat pool serves every instance.
/// </summary>
public sealed class TelephonyRuntime : IAsyncDisposable
{
    private readonly PluginCatalog _catalog;
    private readonly ConfigurationStore _store;
    private readonly IServiceLocator _locator;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly string? _logDirectory;
    private readonly SemaphoreSlim _applying = new(1, 1);
    private readonly Dictionary<string, InstanceRuntime> _instances = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    public TelephonyRuntime(PluginCatalog catalog, ConfigurationStore store, IServiceLocator locator, TimeProvider time, ILogger log, string? logDirectory, ILicensePool? licenses)
    {
        _catalog = catalog;
        _store = store;
        _locator = locator;
        _time = time;
        _log = log;
        _logDirectory = logDirectory;
        Services = new TspHostServices
        {
            Time = time,
            Log = log,
            Licenses = licenses,
            DeviceIds = new PersistentDeviceIdAllocator(Path.Combine(ConfigurationPaths.StateDirectory(store.Path), PersistentDeviceIdAllocator.FileName), log),
        };
    }

    /// <summary>What the providers share (ids, time, seats).</summary>
    public TspHostServices Services { get; }

    /// <summary>Raised after an instance's provider was created (the API registers its sinks here).</summary>
    public event EventHandler<TspProvider>? ProviderStarted;

    /// <summary>Raised before an instance's provider is disposed.</summary>
    public event EventHandler<TspProvider>? ProviderStopping;

    /// <summary>The running providers.</summary>
    public IReadOnlyList<TspProvider> Providers
    {
        get
        {
            lock (_gate)
            {
                return [.. _instances.Values.Select(i => i.Provider)];
            }
        }
    }

    public TspProvider? FindProvider(string instanceName)
    {
        lock (_gate)
        {
            return _instances.TryGetValue(instanceName, out var instance) ? instance.Provider : null;
        }
    }

    public async Task ApplyAsync(EcstaConfiguration configuration, CancellationToken cancellationToken)
    {
        await _applying.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var wanted = configuration.Instances.ToDictionary(i => i.Name, StringComparer.OrdinalIgnoreCase);
            foreach (var name in _instances.Keys.Where(n => !wanted.ContainsKey(n)).ToList())
            {
                await StopAsync(name).ConfigureAwait(false);
            }

            foreach (var instance in configuration.Instances)
            {
                if (_instances.TryGetValue(instance.Name, out var running))
                {
                    if (InstanceSettingsMapping.LinkChanged(running.Configuration, instance, _store.Secrets))
                    {
                        await StopAsync(instance.Name).ConfigureAwait(false);
                        await StartAsync(instance, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        Update(running, instance);
                    }
                }
                else
                {
                    await StartAsync(instance, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _applying.Release();
        }
    }

    private async Task StartAsync(InstanceConfiguration instance, CancellationToken cancellationToken)
    {
        var problems = _catalog.CreateValidator().Validate(instance);
        if (problems.Count > 0)
        {
            _log.Error("Instance {Instance} not started: {Problems}", instance.Name, string.Join("; ", problems));
            return;
        }

        if (_catalog.FindTransport(instance.ConnectionType) is not { } factory)
        {
            _log.Error("Instance {Instance} not started: no transport plugin serves connection type {Type} (see `ecsta plugins`)", instance.Name, instance.ConnectionType);
            return;
        }

        PlatformLinkOptions options;
        try
        {
            options = InstanceSettingsMapping.ToLinkOptions(instance, _store.Secrets);
        }
        catch (ConfigurationException ex)
        {
            _log.Error("Instance {Instance} not started: {Reason}", instance.Name, ex.Message);
            return;
        }

        var transportProblems = factory.Validate(options);
        if (transportProblems.Count > 0)
        {
            _log.Error("Instance {Instance} not started: {Problems}", instance.Name, string.Join("; ", transportProblems));
            return;
        }

        var instanceLog = _log.ForContext("Instance", $" [{instance.Name}]");
        var trace = _logDirectory is null ? null : LogSetup.CreateProtocolTrace(_logDirectory, instance.Name);
        var link = factory.Create(options, new PlatformLinkContext
        {
            Log = instanceLog,
            ProtocolTrace = (ILogger?)trace ?? Serilog.Core.Logger.None,
            Time = _time,
            ServiceLocator = _locator,
        });
        var formatter = new SwitchableNumberFormatter(CreateFormatter(instance));
        var provider = new TspProvider(InstanceSettingsMapping.ToTspSettings(instance), link, formatter, Services with { Log = instanceLog });
        var runtime = new InstanceRuntime(instance, link, formatter, provider, trace);
        lock (_gate)
        {
            _instances[instance.Name] = runtime;
        }

        ProviderStarted?.Invoke(this, provider);
        _log.Information("Instance {Instance} starting: {Link}, {Lines} line(s)", instance.Name, options.ToString(), InstanceSettingsMapping.Lines(instance).Count);
        await provider.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Update(InstanceRuntime running, InstanceConfiguration instance)
    {
        var provider = running.Provider;
        var lines = InstanceSettingsMapping.Lines(instance);
        var after = lines.Select(l => l.UserId).ToHashSet(StringComparer.Ordinal);
        foreach (var removed in InstanceSettingsMapping.Lines(running.Configuration).Select(l => l.UserId).Where(u => !after.Contains(u)))
        {
            provider.RemoveLine(removed);
        }

        // New lines are created (LINE_CREATE); a kept line takes its new number and name (LINEDEVSTATE_CAPSCHANGE).
        foreach (var line in lines)
        {
            provider.AddLine(InstanceSettingsMapping.ToTspLine(line));
        }

        provider.UpdateOptions(InstanceSettingsMapping.ToTspOptions(instance));
        running.Formatter.Current = CreateFormatter(instance);
        running.Configuration = instance;
        _log.Information("Instance {Instance} updated", instance.Name);
    }

    private INumberFormatter CreateFormatter(InstanceConfiguration instance)
    {
        var factory = _catalog.NumberRules;
        if (factory is null)
        {
            return PassThroughNumberFormatter.Instance;
        }

        try
        {
            return factory.Create(NumberRulesMapping.ToSettings(instance) with { Log = _log.ForContext("Instance", instance.Name) });
        }
        catch (ArgumentException ex)
        {
            _log.Error("Instance {Instance}: number rules not applied ({Reason}); numbers pass unchanged", instance.Name, ex.Message);
            return PassThroughNumberFormatter.Instance;
        }
    }

    private async Task StopAsync(string name)
    {
        InstanceRuntime? runtime;
        lock (_gate)
        {
            if (_instances.Remove(name, out runtime) is false)
            {
                return;
            }
        }

        ProviderStopping?.Invoke(this, runtime.Provider);
        _log.Information("Instance {Instance} stopping", name);
        await runtime.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _instances.Keys.ToList())
        {
            await StopAsync(name).ConfigureAwait(false);
        }

        _applying.Dispose();
    }
}
