using System.Collections.Concurrent;
using System.Globalization;
using Ecsta.Abstractions.Transports;
using Ecsta.Simulator;
using Ecsta.Simulator.CallEngine;
using Ecsta.Simulator.Events;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Discovery;
using Ecsta.Tsp.Plugins;
using Serilog;

namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>
/// What one test class shares: a real simulator on loopback ports (XSI over HTTP and HTTPS, CTI over TCP and TLS), a
/// configuration store in a temporary folder (its key ring protects the instances' passwords), the product plugins
/// loaded from <c>plugins/</c> beside the tests, and a counter that hands each test its own simulator users so
/// scenarios do not interfere.
/// </summary>
public class HostEnvironment : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, IPlatformLink> _links = new(StringComparer.OrdinalIgnoreCase);
    private int _nextUser;

    public XspSimulator Simulator { get; private set; } = null!;

    internal ConfigurationStore Store { get; private set; } = null!;

    internal PluginCatalog Catalog { get; private set; } = null!;

    public ILogger Log { get; private set; } = Serilog.Core.Logger.None;

    /// <summary>The host's log lines (Information and above), per instance.</summary>
    internal LogRecorder LogLines { get; } = new();

    public string Folder { get; } = Directory.CreateTempSubdirectory("ecsta-e2e-").FullName;

    /// <summary>The simulator's CA as a PEM file (for instances that trust it via TrustedCaPath).</summary>
    public string CaPath => Path.Combine(Folder, "simulator-ca.pem");

    /// <summary>Whether the simulator answers a request before the events it causes (the default) or after.</summary>
    protected virtual EventOrder EventOrder => EventOrder.ResponseFirst;

    /// <summary>The simulator's options (a fault fixture makes its housekeeping faster).</summary>
    protected virtual SimulatorOptions SimulatorOptions => new()
    {
        Users = 40,
        EventOrder = EventOrder,
        Engine = new CallEngineOptions { AutoAnswerDelay = TimeSpan.FromMilliseconds(10), BusyTreatment = TimeSpan.FromMilliseconds(100) },
        Events = new EventOptions { AcknowledgementTimeout = TimeSpan.FromSeconds(5) },
    };

    public async Task InitializeAsync()
    {
        Log = CreateLog(Folder, LogLines);
        Simulator = await XspSimulator.StartAsync(SimulatorOptions);
        Assert.NotNull(Simulator.CtiPort);
        Assert.NotNull(Simulator.CtisPort);
        await File.WriteAllTextAsync(CaPath, Simulator.Certificates.CaPem);
        Store = new ConfigurationStore(Path.Combine(Folder, "ecsta.json"));
        Catalog = PluginCatalog.Load(Path.Combine(AppContext.BaseDirectory, "plugins"), Log);
        Assert.Empty(Catalog.Failures);
        Assert.True(Catalog.Transports.ContainsKey(ConnectionTypes.Http), "the XSI plugin must be loaded from plugins/");
        Assert.True(Catalog.Transports.ContainsKey(ConnectionTypes.Cti), "the CTI plugin must be loaded from plugins/");
        LinkCapture.Install(Catalog, _links);
    }

    /// <summary>A user no other test of this class uses.</summary>
    public SimUser NextUser()
    {
        var index = Interlocked.Increment(ref _nextUser) - 1;
        return Simulator.Users[index];
    }

    /// <summary>
    /// An instance of the given mode and connection type for <paramref name="user"/>, as the host stores it: XSI
    /// (<c>http</c>/<c>https</c>) on the simulator's XSI port, CTI (<c>cti</c>/<c>ctis</c>) on its CTI port with the
    /// side channel (<c>httpPort</c>) on the XSI HTTP/HTTPS port. Secure types trust the simulator's CA through
    /// <c>advanced.trustedCaPath</c> unless <paramref name="trustCa"/> is false. <paramref name="linkSettings"/> are
    /// transport settings (e.g. short keepalives), stored as the administrator would: <c>advanced.transportSettings</c>.
    /// </summary>
    internal InstanceConfiguration Instance(SimUser user, InstanceMode mode, string connectionType = ConnectionTypes.Http,
        IReadOnlyDictionary<string, string>? linkSettings = null, bool trustCa = true)
    {
        var server = mode == InstanceMode.Server;
        var login = server ? Simulator.Administrator.UserId : user.UserId;
        var password = server ? Simulator.Administrator.Password : user.Password;
        var secure = ConnectionTypes.IsSecure(connectionType);
        var cti = connectionType is ConnectionTypes.Cti or ConnectionTypes.Ctis;
        var xsiPort = secure ? Simulator.XsiHttpsPort!.Value : Simulator.XsiPort!.Value;
        var instance = new InstanceConfiguration
        {
            Name = "e2e-" + user.Extension,
            Mode = mode,
            Host = "127.0.0.1",
            Port = cti ? (secure ? Simulator.CtisPort!.Value : Simulator.CtiPort!.Value) : xsiPort,
            ConnectionType = connectionType,
            User = login,
            PasswordProtected = Store.Secrets.Protect(password),
            Lines = [new LineConfiguration { UserId = user.UserId, Number = user.Number, Name = user.DisplayName }],
        };
        if (secure && trustCa)
        {
            instance.Advanced.TrustedCaPath = CaPath;
        }

        foreach (var (name, value) in linkSettings ?? new Dictionary<string, string>())
        {
            instance.Advanced.TransportSettings[name] = value;
        }

        if (cti)
        {
            instance.Advanced.TransportSettings.TryAdd("httpPort", xsiPort.ToString(CultureInfo.InvariantCulture));
        }

        return instance;
    }

    /// <summary>The link the host created last for the instance <paramref name="instanceName"/> (the real plugin's).</summary>
    public IPlatformLink LinkOf(string instanceName) =>
        _links.TryGetValue(instanceName, out var link) ? link : throw new InvalidOperationException($"no link was created for {instanceName}");

    /// <summary>Starts the instance the way the host does and opens its line with a recording sink.</summary>
    internal Task<HostedLine> StartAsync(InstanceConfiguration instance, IServiceLocator? locator = null) =>
        HostedLine.StartAsync(this, instance, locator ?? new SrvServiceLocator([], Log));

    public async Task DisposeAsync()
    {
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }

        Catalog?.Dispose();
        (Log as IDisposable)?.Dispose();
        if (Environment.GetEnvironmentVariable("ECSTA_E2E_KEEP") is null)
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // a log file may still be open on a slow machine; the temp folder is cleaned by the system
            }
        }
    }

    /// <summary>
    /// Logs to <paramref name="recorder"/> (Information and above) and, when ECSTA_E2E_LOG is set, everything to a file
    /// in the temp folder (kept with ECSTA_E2E_KEEP).
    /// </summary>
    private static ILogger CreateLog(string folder, LogRecorder recorder)
    {
        var configuration = new LoggerConfiguration().WriteTo.Sink(recorder, Serilog.Events.LogEventLevel.Information);
        if (Environment.GetEnvironmentVariable("ECSTA_E2E_LOG") is not null)
        {
            configuration = configuration.MinimumLevel.Debug().WriteTo.File(Path.Combine(folder, "host.log"),
                outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3}{Instance} {Message:lj}{NewLine}{Exception}");
        }

        return configuration.CreateLogger();
    }
}

/// <summary>A <see cref="HostEnvironment"/> whose simulator sends the events of a request before its response (docs/tapi-mapping.md §5.6).</summary>
public sealed class EventsFirstHostEnvironment : HostEnvironment
{
    protected override EventOrder EventOrder => EventOrder.EventsFirst;
}

/// <summary>
/// A <see cref="HostEnvironment"/> for fault tests: a simulator of its own (faults hit every connection) with
/// fast housekeeping, so channels that lost their connection are gone within a tenth of a second.
/// </summary>
public sealed class FaultHostEnvironment : HostEnvironment
{
    protected override SimulatorOptions SimulatorOptions => base.SimulatorOptions with
    {
        Users = 16,
        Events = new EventOptions { AcknowledgementTimeout = TimeSpan.FromSeconds(5), HousekeepingInterval = TimeSpan.FromMilliseconds(100) },
    };
}
