using Ecsta.Abstractions.Transports;
using Ecsta.Host.Configuration;
using Ecsta.Host.Discovery;
using Ecsta.Host.Plugins;
using Ecsta.Simulator;
using Ecsta.Simulator.CallEngine;
using Ecsta.Simulator.Events;
using Serilog;

namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>
/// What one test class shares: a real simulator on loopback ports, a configuration store in a temporary folder (its
/// key ring protects the instances' passwords), the product plugins loaded from <c>plugins/</c> beside the tests,
/// and a counter that hands each test its own simulator users so scenarios do not interfere.
/// </summary>
public class HostEnvironment : IAsyncLifetime
{
    private int _nextUser;

    public XspSimulator Simulator { get; private set; } = null!;

    internal ConfigurationStore Store { get; private set; } = null!;

    internal PluginCatalog Catalog { get; private set; } = null!;

    public ILogger Log { get; private set; } = Serilog.Core.Logger.None;

    public string Folder { get; } = Directory.CreateTempSubdirectory("ecsta-e2e-").FullName;

    /// <summary>The simulator's CA as a PEM file (for instances that trust it via TrustedCaPath).</summary>
    public string CaPath => Path.Combine(Folder, "simulator-ca.pem");

    /// <summary>Whether the simulator answers a request before the events it causes (the default) or after.</summary>
    protected virtual EventOrder EventOrder => EventOrder.ResponseFirst;

    public async Task InitializeAsync()
    {
        Log = CreateLog(Folder);
        Simulator = await XspSimulator.StartAsync(new SimulatorOptions
        {
            Users = 40,
            EventOrder = EventOrder,
            CtiPort = null,
            CtisPort = null,
            Engine = new CallEngineOptions { AutoAnswerDelay = TimeSpan.FromMilliseconds(10), BusyTreatment = TimeSpan.FromMilliseconds(100) },
            Events = new EventOptions { AcknowledgementTimeout = TimeSpan.FromSeconds(5) },
        });
        await File.WriteAllTextAsync(CaPath, Simulator.Certificates.CaPem);
        Store = new ConfigurationStore(Path.Combine(Folder, "ecsta.json"));
        Catalog = PluginCatalog.Load(Path.Combine(AppContext.BaseDirectory, "plugins"), Log);
        Assert.Empty(Catalog.Failures);
        Assert.True(Catalog.Transports.ContainsKey(ConnectionTypes.Http), "the XSI plugin must be loaded from plugins/");
    }

    /// <summary>A user no other test of this class uses.</summary>
    public SimUser NextUser()
    {
        var index = Interlocked.Increment(ref _nextUser) - 1;
        return Simulator.Users[index];
    }

    /// <summary>An instance of the given mode and connection type for <paramref name="user"/>, as the host stores it.</summary>
    internal InstanceConfiguration Instance(SimUser user, InstanceMode mode, string connectionType = ConnectionTypes.Http)
    {
        var server = mode == InstanceMode.Server;
        var login = server ? Simulator.Administrator.UserId : user.UserId;
        var password = server ? Simulator.Administrator.Password : user.Password;
        var https = connectionType == ConnectionTypes.Https;
        var instance = new InstanceConfiguration
        {
            Name = "e2e-" + user.Extension,
            Mode = mode,
            Host = "127.0.0.1",
            Port = https ? Simulator.XsiHttpsPort!.Value : Simulator.XsiPort!.Value,
            ConnectionType = connectionType,
            User = login,
            PasswordProtected = Store.Secrets.Protect(password),
            Lines = [new LineConfiguration { UserId = user.UserId, Number = user.Number, Name = user.DisplayName }],
        };
        if (https)
        {
            instance.Advanced.TrustedCaPath = CaPath;
        }

        return instance;
    }

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

    /// <summary>Logs to a file in the temp folder when ECSTA_E2E_LOG is set (kept with ECSTA_E2E_KEEP).</summary>
    private static ILogger CreateLog(string folder) =>
        Environment.GetEnvironmentVariable("ECSTA_E2E_LOG") is null
            ? Serilog.Core.Logger.None
            : new LoggerConfiguration().MinimumLevel.Debug().WriteTo.File(Path.Combine(folder, "host.log"),
                outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3}{Instance} {Message:lj}{NewLine}{Exception}").CreateLogger();
}

/// <summary>A <see cref="HostEnvironment"/> whose simulator sends the events of a request before its response (MAPPING §5.6).</summary>
public sealed class EventsFirstHostEnvironment : HostEnvironment
{
    protected override EventOrder EventOrder => EventOrder.EventsFirst;
}
