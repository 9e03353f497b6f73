using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.Simulator;
using Ecsta.Simulator.Events;
using Serilog;

namespace Ecsta.Plugins.Transport.Cti.Tests;

/// <summary>
/// Returns fixed targets, counting how often it was asked, and the addresses of the names in <see cref="Addresses"/>
/// (a name the test did not enter fails as the host's resolver fails for an unknown name), remembering each name asked.
/// </summary>
internal sealed class FixedServiceLocator(params ServiceTarget[] targets) : IServiceLocator
{
    public int Calls;

    /// <summary>The names this locator resolves and their addresses.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, IPAddress[]> Addresses { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every name whose addresses were asked for, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> AddressQueries { get; } = new();

    public string? LastQuery;

    public Task<IReadOnlyList<ServiceTarget>> ResolveAsync(string service, string protocol, string host, int fallbackPort, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        LastQuery = service + "/" + protocol;
        return Task.FromResult<IReadOnlyList<ServiceTarget>>(targets);
    }

    public Task<IReadOnlyList<IPAddress>> ResolveAddressesAsync(string host, CancellationToken cancellationToken)
    {
        AddressQueries.Enqueue(host);
        return Addresses.TryGetValue(host, out var addresses)
            ? Task.FromResult<IReadOnlyList<IPAddress>>(addresses)
            : throw new PlatformException(PlatformErrorKind.LinkDown, $"Cannot resolve {host}: the test's name servers do not know it (NXDOMAIN).");
    }
}

/// <summary>A simulator (XSI and CTI listeners) plus one CTI link against it; events read into a list.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private readonly List<PlatformEvent> _seen = [];
    private int _read;

    private Harness(XspSimulator sim, CtiPlatformLink link, string login, bool secure, string? caPath, FixedServiceLocator locator)
    {
        Sim = sim;
        Link = link;
        Login = login;
        Secure = secure;
        CaPath = caPath;
        Locator = locator;
    }

    public XspSimulator Sim { get; }

    public CtiPlatformLink Link { get; }

    public string Login { get; }

    public bool Secure { get; }

    public string? CaPath { get; }

    public FixedServiceLocator Locator { get; }

    /// <summary>The side channel's port (the simulator's XSI HTTP or HTTPS listener).</summary>
    public int SidePort => Secure ? Sim.XsiHttpsPort!.Value : Sim.XsiPort!.Value;

    /// <summary>The CTI listener's port.</summary>
    public int CtiPort => Secure ? Sim.CtisPort!.Value : Sim.CtiPort!.Value;

    /// <summary>Quick reconnects for every test.</summary>
    public static readonly Dictionary<string, string> FastSettings = new()
    {
        ["reconnectInitialDelayMs"] = "50",
        ["reconnectMaxDelayMs"] = "400",
    };

    /// <summary>
    /// Liveness checks within a second, for the fault tests that lose heartbeats or keepalives on purpose. Other tests
    /// keep a calm period: on a loaded 2-core machine a sub-second deadline is missed now and then, and the reconnect
    /// that follows is not what they test.
    /// </summary>
    public static readonly Dictionary<string, string> FastLiveness = new()
    {
        ["ctiKeepaliveSeconds"] = "0.3",
        ["ctiKeepaliveMisses"] = "3",
    };

    /// <summary>The liveness period of every other test.</summary>
    public static readonly Dictionary<string, string> CalmLiveness = new()
    {
        ["ctiKeepaliveSeconds"] = "5",
        ["ctiKeepaliveMisses"] = "3",
    };

    public static async Task<Harness> StartAsync(
        bool secure = false,
        InstanceMode mode = InstanceMode.Workstation,
        int users = 3,
        Dictionary<string, string>? settings = null,
        Func<int, ServiceTarget[]>? targets = null,
        string? caPem = null,
        Func<int, int>? ctiPortFor = null,
        Func<XspSimulator, string>? pin = null,
        string host = "127.0.0.1",
        bool fastLiveness = false)
    {
        var sim = await XspSimulator.StartAsync(new SimulatorOptions
        {
            Users = users,
            CtiKeepaliveInterval = TimeSpan.FromMilliseconds(500),
            Events = new EventOptions { HousekeepingInterval = TimeSpan.FromMilliseconds(100) },
        });
        var ctiPort = secure ? sim.CtisPort!.Value : sim.CtiPort!.Value;
        var sidePort = secure ? sim.XsiHttpsPort!.Value : sim.XsiPort!.Value;
        var port = ctiPortFor?.Invoke(ctiPort) ?? ctiPort;
        string? caPath = null;
        if (secure && pin is null)
        {
            caPath = Path.Combine(Path.GetTempPath(), $"ecsta-cti-ca-{Guid.NewGuid():N}.pem");
            await File.WriteAllTextAsync(caPath, caPem ?? sim.Certificates.CaPem);
        }

        var login = mode == InstanceMode.Server ? sim.Administrator.UserId : sim.Users[0].UserId;
        var password = mode == InstanceMode.Server ? sim.Administrator.Password : sim.Users[0].Password;
        var all = new Dictionary<string, string>(FastSettings.Concat(fastLiveness ? FastLiveness : CalmLiveness)) { ["httpPort"] = sidePort.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (k, v) in settings ?? [])
        {
            all[k] = v;
        }

        if (mode == InstanceMode.Server && !all.ContainsKey("directoryUserId"))
        {
            all["directoryUserId"] = sim.Users[0].UserId;
        }

        var options = new PlatformLinkOptions
        {
            InstanceName = "test",
            Mode = mode,
            Host = host,
            Port = port,
            ConnectionType = secure ? ConnectionTypes.Ctis : ConnectionTypes.Cti,
            UserId = login,
            Password = password,
            TrustedCaPath = caPath,
            PinnedCertificateSha256 = pin?.Invoke(sim),
            RequestTimeout = TimeSpan.FromSeconds(3),
            Settings = all,
        };
        var locator = new FixedServiceLocator(targets?.Invoke(port) ?? [new ServiceTarget("127.0.0.1", port)]);
        var context = new PlatformLinkContext { Log = Serilog.Core.Logger.None, ProtocolTrace = Trace, Time = TimeProvider.System, ServiceLocator = locator };
        var factory = new CtiTransportFactory();
        Assert.Empty(factory.Validate(options));
        var link = (CtiPlatformLink)factory.Create(options, context);
        return new Harness(sim, link, login, secure, caPath, locator);
    }

    /// <summary>Protocol trace shared by the tests (checked for masked passwords).</summary>
    public static readonly TraceSink TraceSink = new();

    private static readonly ILogger Trace = new LoggerConfiguration().WriteTo.Sink(TraceSink).CreateLogger();

    /// <summary>Waits for the next event (after those already consumed) matching the predicate.</summary>
    public async Task<T> Next<T>(Func<T, bool>? match = null, int seconds = 10)
        where T : PlatformEvent
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            while (_read < _seen.Count)
            {
                var candidate = _seen[_read++];
                if (candidate is T typed && (match is null || match(typed)))
                {
                    return typed;
                }
            }

            try
            {
                _seen.Add(await Link.Events.ReadAsync(timeout.Token));
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {typeof(T).Name} within {seconds} s; seen: " + string.Join(", ", _seen.Skip(Math.Max(0, _seen.Count - 15)).Select(Describe)));
            }
        }
    }

    public static string Describe(PlatformEvent e) => e switch
    {
        CallEvent c => $"{c.RawType}({c.Call.CallId},{c.Call.State})",
        LinkStateEvent l => $"Link({l.State})",
        CallSnapshotEvent s => $"Snapshot({s.UserId},{s.Calls.Count})",
        _ => e.GetType().Name,
    };

    public Task<CallEvent> NextCall(string rawType, int seconds = 10) => Next<CallEvent>(e => e.RawType == rawType, seconds);

    /// <summary>The simulator's subscription list for the login, read over plain XSI (the CTI answer to it has no payload).</summary>
    public async Task<IReadOnlyList<XElement>> SubscriptionsAsync()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Sim.XsiBaseUri!, "com.broadsoft.xsi-events/v2.0/subscriptions"));
        var password = Sim.Engine.FindUser(Login)?.Password ?? Sim.Administrator.Password;
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Login + ":" + password)));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. xml.Root!.Elements().Where(e => e.Name.LocalName == "subscription")];
    }

    /// <summary>Asserts six subscriptions, one per package.</summary>
    public async Task AssertOneSubscriptionPerPackageAsync()
    {
        var subscriptions = await SubscriptionsAsync();
        Assert.Equal(6, subscriptions.Count);
        Assert.Equal(6, subscriptions.Select(s => s.Elements().First(e => e.Name.LocalName == "event").Value).Distinct().Count());
    }

    /// <summary>A loopback port nothing listens on (bound, then closed).</summary>
    public static int DeadPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public async Task ConnectAndMonitorAsync(params string[] users)
    {
        await Link.ConnectAsync(CancellationToken.None);
        await Link.MonitorAsync(users.Length > 0 ? users : [Sim.Users[0].UserId], CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Link.DisposeAsync();
        await Sim.DisposeAsync();
        if (CaPath is not null)
        {
            File.Delete(CaPath);
        }
    }
}

/// <summary>Collects rendered trace lines.</summary>
internal sealed class TraceSink : Serilog.Core.ILogEventSink
{
    private readonly List<string> _lines = [];

    public void Emit(Serilog.Events.LogEvent logEvent)
    {
        lock (_lines)
        {
            _lines.Add(logEvent.RenderMessage());
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }
}
