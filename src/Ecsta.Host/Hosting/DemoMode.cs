using System.Globalization;
using Ecsta.Abstractions.Transports;
using Ecsta.Simulator;
using Ecsta.Simulator.CallEngine;
using Ecsta.Tsp.Configuration;
using Serilog;

namespace Ecsta.Host.Hosting;

/// <summary>
/// Demo mode: with no configuration file, the host starts the XSP simulator in-process on loopback and one demo
/// instance in server mode with five lines, so a newcomer sees calls at once. Far ends answer after a short delay;
/// an external caller rings a demo line every <see cref="IncomingInterval"/> (switchable off).
/// </summary>
internal sealed class DemoMode : IAsyncDisposable
{
    public const string InstanceName = "demo";
    private readonly XspSimulator _simulator;
    private readonly ITimer? _incoming;
    private readonly ILogger _log;
    private int _nextLine;
    private int _nextCaller;

    private DemoMode(XspSimulator simulator, ILogger log, TimeProvider time, TimeSpan? incomingInterval)
    {
        _simulator = simulator;
        _log = log;
        if (incomingInterval is { } interval && interval > TimeSpan.Zero)
        {
            _incoming = time.CreateTimer(_ => PlaceIncomingCall(), null, interval, interval);
        }
    }

    public static TimeSpan IncomingInterval { get; } = TimeSpan.FromSeconds(30);

    public XspSimulator Sim => _simulator;

    public static async Task<DemoMode> StartAsync(ILogger log, TimeProvider time, TimeSpan? incomingInterval, CancellationToken cancellationToken, string transport = ConnectionTypes.Http)
    {
        var cti = transport == ConnectionTypes.Cti;
        var simulator = await XspSimulator.StartAsync(
            new SimulatorOptions { Users = 5, XsiPort = 0, XsiHttpsPort = null, CtiPort = cti ? 0 : null, CtisPort = null, TimeProvider = time },
            cancellationToken).ConfigureAwait(false);
        simulator.Engine.FarEnds.Default = FarEndBehavior.AnswerAfterDelay(TimeSpan.FromSeconds(2));
        return new DemoMode(simulator, log, time, incomingInterval) { Transport = cti ? ConnectionTypes.Cti : ConnectionTypes.Http };
    }

    /// <summary>How the demo instance talks to the simulator: XSI over http (default) or CTI over TCP (<c>--demo-transport cti</c>).</summary>
    public string Transport { get; private init; } = ConnectionTypes.Http;

    /// <summary>
    /// The demo instance: server mode to the embedded simulator, one line per simulated user; over XSI (http), or over
    /// CTI (TCP) with the HTTP side channel on the simulator's XSI port.
    /// </summary>
    public InstanceConfiguration CreateInstance(SecretProtector secrets)
    {
        var xsiPort = _simulator.XsiPort ?? throw new InvalidOperationException("the simulator has no XSI listener");
        var instance = NewInstance(secrets, xsiPort);
        if (Transport == ConnectionTypes.Cti)
        {
            instance.ConnectionType = ConnectionTypes.Cti;
            instance.Port = _simulator.CtiPort ?? throw new InvalidOperationException("the simulator has no CTI listener");
            instance.Advanced.TransportSettings["httpPort"] = xsiPort.ToString(CultureInfo.InvariantCulture);
        }

        return instance;
    }

    private InstanceConfiguration NewInstance(SecretProtector secrets, int xsiPort) => new()
    {
        Name = InstanceName,
        Mode = InstanceMode.Server,
        Host = "127.0.0.1",
        Port = xsiPort,
        ConnectionType = ConnectionTypes.Http,
        User = _simulator.Administrator.UserId,
        PasswordProtected = secrets.Protect(_simulator.Administrator.Password),
        Notes = "Demo instance on the embedded BroadWorks simulator",
        Lines = [.. _simulator.Users.Select(u => new LineConfiguration { UserId = u.UserId, Number = u.Extension, Name = u.DisplayName })],
    };

    private void PlaceIncomingCall()
    {
        try
        {
            var users = _simulator.Users;
            var user = users[_nextLine++ % users.Count];
            var caller = "+49891234" + (5600 + (_nextCaller++ % 100)).ToString("D4", CultureInfo.InvariantCulture);
            var call = _simulator.Engine.PlaceIncomingCall(caller, user.Extension, "Demo Caller");
            _log.Information("Demo: {Caller} is calling {Line} ({Name})", caller, user.Extension, user.DisplayName);
            _ = call;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or CallEngineException)
        {
            _log.Warning("Demo: incoming call not placed: {Reason}", ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _incoming?.Dispose();
        await _simulator.DisposeAsync().ConfigureAwait(false);
    }
}
