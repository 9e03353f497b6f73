using Serilog;

namespace Ecsta.Tsp.Configuration;

/// <summary>
/// Watches the configuration file and raises <see cref="Changed"/> with the new configuration when it changes on disk
/// (by the CLI, the dialog or an editor), so a running host applies changes without a restart. A malformed file is
/// logged and ignored: the host keeps running with what it had.
/// </summary>
public sealed class ConfigurationWatcher : IDisposable
{
    private readonly ConfigurationStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly TimeSpan _debounce;
    private readonly FileSystemWatcher _watcher;
    private readonly Lock _gate = new();
    private ITimer? _pending;
    private string? _lastText;

    public ConfigurationWatcher(ConfigurationStore store, TimeProvider time, ILogger log, TimeSpan? debounce = null)
    {
        _store = store;
        _time = time;
        _log = log;
        _debounce = debounce ?? TimeSpan.FromMilliseconds(300);
        _lastText = store.Exists ? SafeRead(store.Path) : null;
        var directory = Path.GetDirectoryName(store.Path)!;
        Directory.CreateDirectory(directory);
        _watcher = new FileSystemWatcher(directory, Path.GetFileName(store.Path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => Schedule();
        _watcher.Created += (_, _) => Schedule();
        _watcher.Renamed += (_, _) => Schedule();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Raised (on a timer thread) with each new valid configuration.</summary>
    public event EventHandler<EcstaConfiguration>? Changed;

    private void Schedule()
    {
        lock (_gate)
        {
            _pending?.Dispose();
            _pending = _time.CreateTimer(_ => Reload(), null, _debounce, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Reads the file now and raises <see cref="Changed"/> if its content changed.</summary>
    internal void Reload()
    {
        var text = SafeRead(_store.Path);
        if (text is null || text == _lastText)
        {
            return;
        }

        EcstaConfiguration configuration;
        try
        {
            (configuration, _) = ConfigurationStore.Parse(text, _store.Path);
        }
        catch (ConfigurationException ex)
        {
            _log.Error("Configuration change ignored, the host keeps its last good configuration: {Reason}", ex.Message);
            return;
        }

        _lastText = text;
        _log.Information("Configuration {Path} changed: {Instances} instance(s)", _store.Path, configuration.Instances.Count);
        try
        {
            Changed?.Invoke(this, configuration);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // This runs on a timer thread: whatever a handler does wrong must not end the host.
            _log.Error(ex, "Applying the changed configuration failed; the host keeps running");
        }
    }

    private static string? SafeRead(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        lock (_gate)
        {
            _pending?.Dispose();
        }
    }
}
