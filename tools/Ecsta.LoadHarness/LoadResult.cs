namespace Ecsta.LoadHarness;

/// <summary>Everything one run measured (printed as a table, or as JSON with <c>--json</c>).</summary>
internal sealed record LoadResult(
    MachineInfo Machine,
    string Transport,
    int Lines,
    int TargetRate,
    int Seconds,
    StartupResult Startup,
    MemoryResult Memory,
    SpeedResult? Speed,
    FaultResult? Fault);

/// <summary>Start-up of the instance.</summary>
/// <param name="Lines">Configured lines.</param>
/// <param name="SimulatorStartSeconds">Time the simulator took to start with that many users.</param>
/// <param name="ApplySeconds">Time <c>TelephonyRuntime.ApplyAsync</c> took (connect, subscribe, snapshots requested).</param>
/// <param name="AllInService">Whether every line reported INSERVICE.</param>
/// <param name="InServiceLines">Lines in service at the end of the wait.</param>
/// <param name="InServiceSeconds">From the start of ApplyAsync to the last line's INSERVICE (or the timeout).</param>
/// <param name="CpuSeconds">Process CPU time (host and simulator) until then.</param>
/// <param name="QuietSeconds">From the start until the process was idle (below 5 % of a core for a second).</param>
/// <param name="OpenFailures">lineOpen calls that failed.</param>
/// <param name="Subscriptions">Subscriptions the simulator holds.</param>
/// <param name="Channels">Event channels the simulator holds.</param>
internal sealed record StartupResult(
    int Lines,
    double SimulatorStartSeconds,
    double ApplySeconds,
    bool AllInService,
    int InServiceLines,
    double InServiceSeconds,
    double CpuSeconds,
    double QuietSeconds,
    int OpenFailures,
    int Subscriptions,
    int Channels);

/// <summary>Memory after forced collections: before anything, with the simulator alone, and at idle with the host.</summary>
/// <param name="Empty">The harness alone.</param>
/// <param name="Simulator">The simulator with its users, before the host started.</param>
/// <param name="Idle">Simulator and host, idle after start-up.</param>
/// <param name="HostWorkingSetMb">Idle working set minus the simulator-alone working set: the host's share.</param>
/// <param name="IdleCpuShare">Process CPU at idle over five seconds, as a share of one core.</param>
internal sealed record MemoryResult(MemorySample Empty, MemorySample Simulator, MemorySample Idle, double HostWorkingSetMb, double IdleCpuShare);

/// <summary>Driven calls and their latencies.</summary>
/// <param name="Drive">What the driver did.</param>
/// <param name="Offering">Latency to OFFERING (includes the host's deliberate 250 ms phantom-call window).</param>
/// <param name="Connected">Latency to CONNECTED.</param>
/// <param name="Released">Latency to DISCONNECTED/IDLE.</param>
/// <param name="StateChanges">CONNECTED and released together (the speed target).</param>
/// <param name="CallStateMessages">LINE_CALLSTATE messages the sink received.</param>
/// <param name="Missing">Expected LINE_CALLSTATEs that never arrived (after the drain wait).</param>
/// <param name="DrainMs">How long after the driver stopped the last expected message arrived.</param>
/// <param name="CpuShare">Process CPU during the drive, as cores (2.0 = both cores of a 2-core machine).</param>
/// <param name="PendingAcknowledgements">Events the simulator still waits to have acknowledged.</param>
/// <param name="Gc">Garbage collections during the drive (every thread of the process stops for their pauses).</param>
internal sealed record SpeedResult(
    DriveResult Drive,
    LatencySummary Offering,
    LatencySummary Connected,
    LatencySummary Released,
    LatencySummary StateChanges,
    long CallStateMessages,
    int Missing,
    double DrainMs,
    double CpuShare,
    int PendingAcknowledgements,
    GcSample Gc);

/// <summary>Recovery from dropping every connection at idle.</summary>
internal sealed record FaultResult(
    bool Noticed,
    double NoticedSeconds,
    bool AllBack,
    double BackInServiceSeconds,
    int InServiceLines,
    long OutOfServiceMessages,
    int SubscriptionsBefore,
    int SubscriptionsAfter,
    int ChannelsBefore,
    int ChannelsAfter);
