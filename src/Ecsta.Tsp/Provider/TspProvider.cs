using System.Threading.Channels;
using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Serilog;

namespace Ecsta.Tsp.Provider;

/// <summary>
/// The TSP core for one driver instance: its line devices, their calls and the TSPI operations, driven by the
/// instance's <see cref="IPlatformLink"/>. All state is changed by one ordered processing loop (platform events,
/// command answers, deadlines); operations validate synchronously under the same lock and queue their platform
/// commands per line. See docs/tsp-core.md.
/// </summary>
public sealed partial class TspProvider : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly IPlatformLink _link;
    private readonly INumberFormatter _formatter;
    private readonly TspHostServices _services;
    private readonly ILogger _log;
    private readonly DeadlineScheduler _scheduler;
    private readonly Channel<Action> _work = Channel.CreateUnbounded<Action>();
    private readonly CancellationTokenSource _stop = new();
    private readonly LineRegistry _registry = new();
    private readonly TapiEmitter _emitter;
    private readonly ServiceReader _serviceReader;
    private readonly BackgroundWork _background = new();
    private TspInstanceSettings _settings;
    private Task? _loop;
    private bool _linkUp;
    private string? _linkProblem = "not connected yet";
    private bool _connected;
    private DeadlineScheduler.Entry? _retryEntry;
    private DeadlineScheduler.Entry? _snapshotEntry;

    /// <summary>How many events the loop has taken from the link's stream (the position of the one being applied).</summary>
    private long _eventPosition;

    /// <summary>Creates the provider; nothing happens until <see cref="StartAsync"/>.</summary>
    /// <param name="settings">The instance: name, lines, options.</param>
    /// <param name="link">The instance's platform link (the provider does not dispose it).</param>
    /// <param name="formatter">The instance's number formatter.</param>
    /// <param name="services">What the host's providers share.</param>
    public TspProvider(TspInstanceSettings settings, IPlatformLink link, INumberFormatter formatter, TspHostServices services)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(formatter);
        ArgumentNullException.ThrowIfNull(services);
        _settings = settings;
        _link = link;
        _formatter = formatter;
        _services = services;
        _log = services.Log.ForContext("Instance", settings.Name).ForContext<TspProvider>();
        _emitter = new TapiEmitter(_log);
        _serviceReader = new ServiceReader(link, _log, _stop.Token);
        _scheduler = new DeadlineScheduler(services.Time, () => Post(_scheduler!.RunDue));
        foreach (var line in settings.Lines)
        {
            CreateLine(line);
        }
    }

    /// <summary>The instance's name.</summary>
    public string InstanceName => _settings.Name;

    /// <summary>The instance's current options.</summary>
    public TspOptions Options => _settings.Options;

    private TimeProvider Time => _services.Time;

    /// <summary>
    /// Starts the processing loop, connects the link and starts monitoring every line. Lines whose monitoring
    /// cannot start stay out of service and are retried every <see cref="TspOptions.MonitorRetryInterval"/>.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _loop ??= Task.Run(() => RunLoopAsync(_stop.Token), CancellationToken.None);
        List<LineDevice> lines;
        try
        {
            await _link.ConnectAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _connected = true;

                // Marked before the loop learns that the link is up, so that it does not start monitoring them too.
                lines = StartMonitoring(_registry.LinesById.Values.Where(l => !l.MonitorStarting && !l.Removed));
            }

            Post(() => OnLinkState(new LinkStateEvent { State = _link.State == LinkState.Disconnected ? LinkState.Connected : _link.State }));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _log.Warning(ex, "Connecting failed: lines stay out of service and are retried");
            Post(() =>
            {
                _linkProblem = "connecting failed: " + ex.Message;
                EnsureRetry();
            });
            return;
        }

        await MonitorLinesAsync(lines, cancellationToken).ConfigureAwait(false);
        Post(EnsureSnapshotTimer);
    }

    /// <summary>Changes the instance's options (they apply to what happens from now on).</summary>
    public void UpdateOptions(TspOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_gate)
        {
            _settings = _settings with { Options = options };
        }

        Post(EnsureSnapshotTimer);
    }

    /// <summary>Registers a sink for provider-wide messages (LINE_CREATE, LINE_REMOVE).</summary>
    public void AddProviderSink(ITapiEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (_gate)
        {
            _emitter.AddProviderSink(sink);
        }
    }

    /// <summary>Adds a line at run time: LINE_CREATE, then monitoring starts. Returns its device id.</summary>
    public uint AddLine(TspLineSettings line)
    {
        ArgumentNullException.ThrowIfNull(line);
        LineDevice device;
        lock (_gate)
        {
            if (_registry.LinesByUser.TryGetValue(line.UserId, out var existing))
            {
                if (existing.Configure(line))
                {
                    AnnounceCapsChange(existing);
                }

                if (existing.InService)
                {
                    ReadProfileIfWanted(existing);
                }

                return existing.DeviceId;
            }

            device = CreateLine(line);
            device.MonitorStarting = true;
            _settings = _settings with { Lines = [.. _settings.Lines, line] };
            SendProvider(new TapiMessage(Abstractions.Tapi.LineMessage.LINE_CREATE, device.DeviceId, 0, 0, device.DeviceId, 0));
        }

        _background.Track(MonitorLinesAsync([device], _stop.Token));
        return device.DeviceId;
    }

    /// <summary>Removes a line at run time: LINE_CLOSE to its open handles, LINE_REMOVE, monitoring stops.</summary>
    public bool RemoveLine(string userId)
    {
        LineDevice? device;
        lock (_gate)
        {
            if (!_registry.LinesByUser.Remove(userId, out device))
            {
                return false;
            }

            device.Removed = true;
            _registry.LinesById.Remove(device.DeviceId);
            _settings = _settings with { Lines = [.. _settings.Lines.Where(l => l.UserId != userId)] };
            foreach (var request in device.Requests.ToList())
            {
                FailRequest(request, Abstractions.Tapi.LineErr.RESOURCEUNAVAIL);
            }

            foreach (var handle in device.Handles.ToList())
            {
                Deliver(handle, new TapiMessage(Abstractions.Tapi.LineMessage.LINE_CLOSE, device.DeviceId, 0, 0, 0, 0));
                CloseHandle(handle);
            }

            foreach (var call in device.Calls)
            {
                _registry.Calls.Remove(call.Handle);
            }

            SendProvider(new TapiMessage(Abstractions.Tapi.LineMessage.LINE_REMOVE, device.DeviceId, 0, device.DeviceId, 0, 0));
        }

        _background.Track(StopMonitoringAsync(userId));
        return true;
    }

    private async Task StopMonitoringAsync(string userId)
    {
        try
        {
            await _link.StopMonitoringAsync([userId], _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlatformException or OperationCanceledException)
        {
            _log.Debug(ex, "Stopping monitoring of {UserId} failed", userId);
        }
    }

    private LineDevice CreateLine(TspLineSettings line)
    {
        var id = _services.DeviceIds.GetOrAssign(_settings.Name, line.UserId);
        var device = new LineDevice(id, line);
        _registry.LinesByUser[line.UserId] = device;
        _registry.LinesById[id] = device;
        return device;
    }

    /// <summary>
    /// Stops the loop and waits for it and for every task the provider started beside it (platform commands,
    /// monitoring, retries, snapshots, service and profile reads); they see the cancellation and end.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _work.Writer.TryComplete();
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }

        await _background.WhenIdleAsync().ConfigureAwait(false);
        _serviceReader.Dispose();

        lock (_gate)
        {
            _scheduler.Dispose();
        }

        _stop.Dispose();
    }
}
