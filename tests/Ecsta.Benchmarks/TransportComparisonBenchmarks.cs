using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.Plugins.Transport.Cti;
using Ecsta.Plugins.Transport.Xsi;
using Ecsta.Simulator;
using Ecsta.Simulator.CallEngine;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Ecsta.Benchmarks;

/// <summary>
/// CTI against XSI on the same scenario load against the simulator (plain TCP/HTTP on loopback, workstation mode):
/// the time of one click-to-dial call (dial → answered → release → released, all confirmed by events) and of one
/// incoming call seen by the link (event latency from the simulator placing the call to the link's event). A counting
/// relay in front of the simulator and the protocol trace give the bytes on the wire and the requests per call; they
/// are printed at the end of each run ("per call: … bytes, … requests, event latency … ms").
/// Run: <c>dotnet run -c Release --project tests/Ecsta.Benchmarks -- --filter *TransportComparison*</c> (in process, about a minute).
/// </summary>
[Config(typeof(ShortInProcess))]
[MemoryDiagnoser]
public class TransportComparisonBenchmarks
{
    private readonly RequestCounter _requests = new();
    private XspSimulator _sim = null!;
    private WireCountingRelay _relay = null!;
    private IPlatformLink _link = null!;
    private string _user = null!;
    private SimUser _simUser = null!;
    private long _bytesAtStart;
    private long _requestsAtStart;
    private int _calls;
    private double _latencyMs;
    private int _latencySamples;
    private int _number;

    /// <summary>The transport under test.</summary>
    [Params("cti", "http")]
    public string Transport { get; set; } = "cti";

    /// <summary>Starts a simulator, a counting relay and one link, connected and monitoring one user.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sim = XspSimulator.StartAsync(new SimulatorOptions
        {
            Users = 2,
            XsiHttpsPort = null,
            CtisPort = null,
            Engine = new CallEngineOptions { AutoAnswerDelay = TimeSpan.FromMilliseconds(1) },
        }).GetAwaiter().GetResult();
        _sim.Engine.FarEnds.Default = FarEndBehavior.AnswerAfterDelay(TimeSpan.FromMilliseconds(1));
        _simUser = _sim.Users[0];
        _simUser.AutoAnswerDelay = TimeSpan.FromMilliseconds(1);
        _user = _simUser.UserId;
        _relay = new WireCountingRelay();
        var cti = Transport == ConnectionTypes.Cti;
        var port = _relay.Start(cti ? _sim.CtiPort!.Value : _sim.XsiPort!.Value);
        var options = new PlatformLinkOptions
        {
            InstanceName = "bench",
            Host = "127.0.0.1",
            Port = port,
            ConnectionType = Transport,
            UserId = _user,
            Password = _simUser.Password,
            Settings = cti ? new Dictionary<string, string> { ["httpPort"] = _sim.XsiPort!.Value.ToString(CultureInfo.InvariantCulture) } : new Dictionary<string, string>(),
        };
        var context = new PlatformLinkContext
        {
            Log = Logger.None,
            ProtocolTrace = new LoggerConfiguration().MinimumLevel.Information().WriteTo.Sink(_requests).CreateLogger(),
            Time = TimeProvider.System,
            ServiceLocator = new ConfiguredTarget(),
        };
        ITransportFactory factory = cti ? new CtiTransportFactory() : new XsiTransportFactory();
        _link = factory.Create(options, context);
        _link.ConnectAsync(CancellationToken.None).GetAwaiter().GetResult();
        _link.MonitorAsync([_user], CancellationToken.None).GetAwaiter().GetResult();
        Next<CallSnapshotEvent>(_ => true).GetAwaiter().GetResult();
        SpinWait.SpinUntil(() => _sim.PendingAcknowledgements == 0, TimeSpan.FromSeconds(2)); // the initial events are acknowledged before counting
        Drain();
        _bytesAtStart = _relay.Bytes;
        _requestsAtStart = _requests.Count;
    }

    /// <summary>Click-to-dial, answered by the far end, released by the user; every step confirmed by its event.</summary>
    [Benchmark]
    public async Task DialAnswerRelease()
    {
        var number = "+4989" + Interlocked.Increment(ref _number).ToString("D6", CultureInfo.InvariantCulture);
        var call = await _link.DialAsync(_user, number, CancellationToken.None).ConfigureAwait(false);
        await Next<CallEvent>(e => e.RawType == "CallAnsweredEvent" && e.Call.CallId == call.CallId).ConfigureAwait(false);
        await _link.ReleaseAsync(_user, call.CallId, decline: false, CancellationToken.None).ConfigureAwait(false);
        await Next<CallEvent>(e => e.RawType == "CallReleasedEvent" && e.Call.CallId == call.CallId).ConfigureAwait(false);
        _calls++;
    }

    /// <summary>An incoming call reaches the link (its latency is measured), then the caller hangs up.</summary>
    [Benchmark]
    public async Task IncomingCallEvent()
    {
        var number = "+4930" + Interlocked.Increment(ref _number).ToString("D6", CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        var incoming = _sim.Engine.PlaceIncomingCall(number, _simUser.Extension);
        var received = await Next<CallEvent>(e => e.RawType == "CallReceivedEvent").ConfigureAwait(false);
        _latencyMs += watch.Elapsed.TotalMilliseconds;
        _latencySamples++;
        incoming.HangUp();
        await Next<CallEvent>(e => e.RawType == "CallReleasedEvent" && e.Call.CallId == received.Call.CallId).ConfigureAwait(false);
        _calls++;
    }

    /// <summary>Prints the wire counts per call and the event latency, then stops everything.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        var calls = Math.Max(1, _calls);
        var bytes = (_relay.Bytes - _bytesAtStart) / (double)calls;
        var requests = (_requests.Count - _requestsAtStart) / (double)calls;
        var latency = _latencySamples == 0 ? "n/a" : (_latencyMs / _latencySamples).ToString("0.000", CultureInfo.InvariantCulture) + " ms";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {Transport}: per call: {bytes:0} bytes on the wire, {requests:0.0} messages sent (HTTP requests, or CTI requests and eventResponses), {_relay.Connections} TCP connection(s), event latency {latency} over {calls} calls"));
        _link.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _relay.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sim.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private async Task<T> Next<T>(Func<T, bool> match)
        where T : PlatformEvent
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (await _link.Events.ReadAsync(timeout.Token).ConfigureAwait(false) is T typed && match(typed))
            {
                return typed;
            }
        }
    }

    private void Drain()
    {
        while (_link.Events.TryRead(out _))
        {
        }
    }

    /// <summary>In process (the links hold sockets to a simulator in the same process), one warm-up and five iterations of 20 calls.</summary>
    private sealed class ShortInProcess : ManualConfig
    {
        public ShortInProcess() => AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithInvocationCount(20)
            .WithUnrollFactor(1));
    }

    /// <summary>No SRV: the configured target.</summary>
    private sealed class ConfiguredTarget : IServiceLocator
    {
        public Task<IReadOnlyList<ServiceTarget>> ResolveAsync(string service, string protocol, string host, int fallbackPort, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ServiceTarget>>([new ServiceTarget(host, fallbackPort)]);
    }

    /// <summary>Counts the requests the link sent: the trace lines starting with <c>-&gt; </c> (HTTP requests, CTI messages).</summary>
    private sealed class RequestCounter : ILogEventSink
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public void Emit(LogEvent logEvent)
        {
            if (logEvent.MessageTemplate.Text.StartsWith("-> ", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
