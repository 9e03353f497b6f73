using Ecsta.Abstractions.Transports;
using Ecsta.Simulator;
using Ecsta.Simulator.Events;

namespace Ecsta.Transport.Contract;

/// <summary>The building blocks a transport's harness sets its simulator and link up with.</summary>
public abstract partial class TransportHarness
{
    /// <summary>Quick reconnects for every test.</summary>
    public static IReadOnlyDictionary<string, string> QuickReconnects { get; } = new Dictionary<string, string>
    {
        ["reconnectInitialDelayMs"] = "50",
        ["reconnectMaxDelayMs"] = "400",
    };

    /// <summary>The simulator's options every harness starts from (users, quick housekeeping).</summary>
    protected static SimulatorOptions DefaultSimulatorOptions(HarnessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SimulatorOptions
        {
            Users = options.Users,
            Events = new EventOptions { HousekeepingInterval = TimeSpan.FromMilliseconds(100) },
        };
    }

    /// <summary>Writes the CA file a secure link without a pin trusts (the simulator's CA unless the test gives another); null otherwise.</summary>
    protected static async Task<string?> WriteCaFileAsync(XspSimulator sim, HarnessOptions options)
    {
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Secure || options.Pin is not null)
        {
            return null;
        }

        var path = Path.Combine(Path.GetTempPath(), $"ecsta-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(path, options.CaPem ?? sim.Certificates.CaPem);
        return path;
    }

    /// <summary>
    /// The link's options: the simulator's first user (workstation) or its administrator (server, with the first user as
    /// directory user unless the test names one), a 3 s request timeout, quick reconnects, then
    /// <paramref name="transportSettings"/>, then the test's settings.
    /// </summary>
    protected static PlatformLinkOptions LinkOptions(XspSimulator sim, HarnessOptions options, int port, string connectionType, string? caPath, IReadOnlyDictionary<string, string> transportSettings)
    {
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(options);
        var server = options.Mode == InstanceMode.Server;
        var settings = new Dictionary<string, string>(QuickReconnects.Concat(transportSettings));
        foreach (var (key, value) in options.Settings ?? [])
        {
            settings[key] = value;
        }

        if (server && !settings.ContainsKey("directoryUserId"))
        {
            settings["directoryUserId"] = sim.Users[0].UserId;
        }

        return new PlatformLinkOptions
        {
            InstanceName = "test",
            Mode = options.Mode,
            Host = options.Host,
            Port = port,
            ConnectionType = connectionType,
            UserId = server ? sim.Administrator.UserId : sim.Users[0].UserId,
            Password = server ? sim.Administrator.Password : sim.Users[0].Password,
            TrustedCaPath = caPath,
            PinnedCertificateSha256 = options.Pin?.Invoke(sim),
            RequestTimeout = TimeSpan.FromSeconds(3),
            Settings = settings,
        };
    }

    /// <summary>Creates the link with <paramref name="factory"/> (its validation must pass) and the locator of the test's targets.</summary>
    protected static (IPlatformLink Link, FixedServiceLocator Locator) CreateLink(ITransportFactory factory, PlatformLinkOptions linkOptions, HarnessOptions options)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(linkOptions);
        ArgumentNullException.ThrowIfNull(options);
        var locator = new FixedServiceLocator(options.Targets?.Invoke(linkOptions.Port) ?? [new ServiceTarget("127.0.0.1", linkOptions.Port)]);
        var context = new PlatformLinkContext { Log = Serilog.Core.Logger.None, ProtocolTrace = Trace, Time = TimeProvider.System, ServiceLocator = locator };
        Assert.Empty(factory.Validate(linkOptions));
        return (factory.Create(linkOptions, context), locator);
    }
}
