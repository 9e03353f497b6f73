using System.Diagnostics;
using System.Globalization;
using Ecsta.Abstractions.Tapi;
using Ecsta.Abstractions.Transports;
using Ecsta.Simulator;
using Ecsta.Tsp.Provider;
using Serilog;

namespace Ecsta.LoadHarness;

/// <summary>
/// One measured run: the simulator with N users, the host's runtime with one server-mode instance of N lines, every
/// line opened by a <see cref="LineProbe"/>; then start-up, idle memory, driven calls and a link fault, in that order.
/// </summary>
internal sealed class LoadRun
{
    private const string InstanceName = "load";
    private readonly HarnessOptions _options;
    private readonly TextWriter _progress;

    public LoadRun(HarnessOptions options, TextWriter progress)
    {
        _options = options;
        _progress = progress;
    }

    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("ecsta-load-").FullName;
        var log = CreateLog(_options.LogPath);
        try
        {
            return await RunInAsync(folder, log, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            (log as IDisposable)?.Dispose();
            TryDelete(folder);
        }
    }

    private async Task<LoadResult> RunInAsync(string folder, ILogger log, CancellationToken cancellationToken)
    {
        var memoryBefore = ResourceProbe.Sample();
        Say($"Starting the simulator with {_options.Lines} users");
        var simStarted = Stopwatch.GetTimestamp();
        await using var simulator = await XspSimulator.StartAsync(new SimulatorOptions { Users = _options.Lines, Logger = log }, cancellationToken).ConfigureAwait(false);
        var simulatorStart = Stopwatch.GetElapsedTime(simStarted);
        var memorySimulator = ResourceProbe.Sample();

        var host = HostRuntime.Create(folder, log);
        await using var hostScope = host.ConfigureAwait(false);
        if (!host.Serves(_options.Transport))
        {
            throw new InvalidOperationException($"no transport plugin serves '{_options.Transport}' (plugins/ beside the tool)");
        }

        LineProbe? probe = null;
        var openFailures = 0;
        host.ProviderStarted += (_, provider) =>
        {
            // Every line opened as an application would, before the link connects, so the probe sees INSERVICE.
            var devices = simulator.Users.Select(u => provider.FindDeviceId(u.UserId) ?? throw new InvalidOperationException($"no line for {u.UserId}")).ToList();
            probe = new LineProbe(devices);
            foreach (var device in devices)
            {
                if (provider.Open(device, probe, LineCallPrivilege.OWNER).Result != LineErr.SUCCESS)
                {
                    openFailures++;
                }
            }
        };

        Say($"Starting the host: one server-mode instance of {_options.Lines} lines over {_options.Transport}");
        var cpuAtStart = ResourceProbe.CpuTime();
        var started = Stopwatch.GetTimestamp();
        using (var applyTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            applyTimeout.CancelAfter(_options.StartTimeout);
            await host.ApplyAsync(Instance(simulator), applyTimeout.Token).ConfigureAwait(false);
        }

        var applied = Stopwatch.GetElapsedTime(started);
        var provider = host.FindProvider(InstanceName) ?? throw new InvalidOperationException("the runtime did not start the instance (see --log)");
        var lines = probe ?? throw new InvalidOperationException("the provider started without the harness seeing it");
        var allInService = await WaitAsync(lines.AllInService, _options.StartTimeout - applied, cancellationToken).ConfigureAwait(false);
        var inServiceAfter = Stopwatch.GetElapsedTime(started);
        var startCpu = ResourceProbe.CpuTime() - cpuAtStart;
        Say(allInService
            ? $"All {_options.Lines} lines in service after {inServiceAfter.TotalSeconds:F2} s"
            : $"Only {lines.InServiceCount} of {_options.Lines} lines in service after {inServiceAfter.TotalSeconds:F2} s");

        // Idle: start-up may leave work behind (e.g. reading every line's services); memory is read once it is done.
        var (quietAfter, _) = await ResourceProbe.WaitForQuietAsync(0.05, TimeSpan.FromSeconds(180), cancellationToken).ConfigureAwait(false);
        await HostRuntime.SettleAsync(provider).ConfigureAwait(false);
        var memoryIdle = ResourceProbe.Sample();
        var idleCpuBefore = ResourceProbe.CpuTime();
        var idleWall = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        var idleCpuShare = (ResourceProbe.CpuTime() - idleCpuBefore).TotalSeconds / Stopwatch.GetElapsedTime(idleWall).TotalSeconds;
        var startup = new StartupResult(
            _options.Lines,
            Seconds(simulatorStart),
            Seconds(applied),
            allInService,
            lines.InServiceCount,
            Seconds(inServiceAfter),
            Seconds(startCpu),
            Seconds(quietAfter) + Seconds(inServiceAfter),
            openFailures,
            simulator.Subscriptions.Count,
            simulator.ChannelCount);
        var memory = new MemoryResult(memoryBefore, memorySimulator, memoryIdle, Math.Round(memoryIdle.WorkingSetMb - memorySimulator.WorkingSetMb, 1), Math.Round(idleCpuShare, 3));
        Say($"Idle after start-up: working set {memoryIdle.WorkingSetMb} MiB (simulator alone {memorySimulator.WorkingSetMb} MiB), managed {memoryIdle.ManagedMb} MiB, CPU {idleCpuShare:P1} of a core");

        if (_options.HoldIdleSeconds > 0)
        {
            Say($"Holding idle for {_options.HoldIdleSeconds} s: process id {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(_options.HoldIdleSeconds), cancellationToken).ConfigureAwait(false);
        }

        SpeedResult? speed = null;
        if (_options.Seconds > 0 && allInService)
        {
            speed = await DriveAsync(simulator, provider, lines, cancellationToken).ConfigureAwait(false);
        }

        FaultResult? fault = null;
        if (_options.Fault && allInService)
        {
            fault = await FaultAsync(simulator, lines, cancellationToken).ConfigureAwait(false);
        }

        return new LoadResult(Machine.Describe(), _options.Transport, _options.Lines, _options.Rate, _options.Seconds, startup, memory, speed, fault);
    }

    private async Task<SpeedResult> DriveAsync(XspSimulator simulator, TspProvider provider, LineProbe lines, CancellationToken cancellationToken)
    {
        Say($"Driving {_options.Rate} call events/s for {_options.Seconds} s");
        var driver = new CallDriver(simulator.Engine, simulator.Users, lines, _options);
        var cpu = ResourceProbe.CpuTime();
        var callStatesBefore = lines.CallStates;
        var gcBefore = GcSample.Take();
        var drive = await Task.Factory.StartNew(
            () => driver.Run(_options.Rate, TimeSpan.FromSeconds(_options.Seconds), cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).ConfigureAwait(false);
        var driveCpu = ResourceProbe.CpuTime() - cpu;
        var gc = GcSample.Take().Since(gcBefore);

        // Whatever the host had not delivered when the driver stopped: how long until it caught up.
        var drain = Stopwatch.GetTimestamp();
        while (lines.PendingExpectations > 0 && Stopwatch.GetElapsedTime(drain) < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        var drained = Stopwatch.GetElapsedTime(drain);
        await HostRuntime.SettleAsync(provider).ConfigureAwait(false);
        var result = new SpeedResult(
            drive,
            lines.Offering.Summarize(),
            lines.Connected.Summarize(),
            lines.Released.Summarize(),
            lines.StateChanges.Summarize(),
            lines.CallStates - callStatesBefore,
            lines.PendingExpectations,
            Math.Round(drained.TotalMilliseconds, 1),
            Math.Round(driveCpu.TotalSeconds / drive.Elapsed.TotalSeconds, 3),
            simulator.PendingAcknowledgements,
            gc);
        Say($"Drove {drive.CallEvents} call events ({drive.SteadyCallEventsPerSecond}/s steady); p99 {result.StateChanges.P99Ms} ms, max {result.StateChanges.MaxMs} ms");
        return result;
    }

    private async Task<FaultResult> FaultAsync(XspSimulator simulator, LineProbe lines, CancellationToken cancellationToken)
    {
        var subscriptionsBefore = simulator.Subscriptions.Count;
        var channelsBefore = simulator.ChannelCount;
        var outOfServiceBefore = lines.OutOfServiceMessages;
        Say("Dropping every connection of the simulator");
        lines.ArmFaultWatch();
        var dropped = Stopwatch.GetTimestamp();
        simulator.Faults.DropAllConnections();
        var noticed = await WaitAsync(lines.SomeOutOfService, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        var noticedAfter = Stopwatch.GetElapsedTime(dropped);
        var back = noticed && await WaitAsync(lines.AllInService, TimeSpan.FromSeconds(120), cancellationToken).ConfigureAwait(false);
        var backAfter = Stopwatch.GetElapsedTime(dropped);
        await ResourceProbe.WaitForQuietAsync(0.05, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        var result = new FaultResult(
            noticed,
            Seconds(noticedAfter),
            back,
            Seconds(backAfter),
            lines.InServiceCount,
            lines.OutOfServiceMessages - outOfServiceBefore,
            subscriptionsBefore,
            simulator.Subscriptions.Count,
            channelsBefore,
            simulator.ChannelCount);
        Say(back
            ? $"All lines back in service {backAfter.TotalSeconds:F2} s after the fault; subscriptions {subscriptionsBefore} → {result.SubscriptionsAfter}"
            : $"{lines.InServiceCount} of {_options.Lines} lines in service {backAfter.TotalSeconds:F2} s after the fault");
        return result;
    }

    private InstanceSpec Instance(XspSimulator simulator)
    {
        var cti = _options.Transport is ConnectionTypes.Cti;
        var xsiPort = simulator.XsiPort ?? throw new InvalidOperationException("the simulator has no XSI port");
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (cti)
        {
            settings["httpPort"] = xsiPort.ToString(CultureInfo.InvariantCulture);
        }

        return new InstanceSpec(
            InstanceName,
            InstanceMode.Server,
            "127.0.0.1",
            cti ? simulator.CtiPort ?? throw new InvalidOperationException("the simulator has no CTI port") : xsiPort,
            _options.Transport,
            simulator.Administrator.UserId,
            simulator.Administrator.Password,
            [.. simulator.Users.Select(u => new LineSpec(u.UserId, u.Number, u.DisplayName))],
            settings);
    }

    private static async Task<bool> WaitAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static ILogger CreateLog(string? path) => path is null
        ? Serilog.Core.Logger.None
        : new LoggerConfiguration().MinimumLevel.Information()
            .WriteTo.File(path, outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3}{Instance} {Message:lj}{NewLine}{Exception}", buffered: true)
            .CreateLogger();

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 3);

    private void Say(string line) => _progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] {line}"));

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // the system cleans its temp folder
        }
        catch (UnauthorizedAccessException)
        {
            // likewise
        }
    }
}
