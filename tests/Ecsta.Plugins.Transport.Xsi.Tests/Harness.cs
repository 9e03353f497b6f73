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

namespace Ecsta.Plugins.Transport.Xsi.Tests;

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

    public string? LastProtocol;

    public Task<IReadOnlyList<ServiceTarget>> ResolveAsync(string service, string protocol, string host, int fallbackPort, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        LastProtocol = service + "/" + protocol;
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

/// <summary>A simulator plus one link against it; events read into a list.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private readonly List<PlatformEvent> _seen = [];
    private int _read;

    private Harness(XspSimulator sim, XsiPlatformLink link, string login, string password, bool secure, string? caPath)
    {
        Sim = sim;
        Link = link;
        Login = login;
        Password = password;
        Secure = secure;
        CaPath = caPath;
    }

    public XspSimulator Sim { get; }

    public XsiPlatformLink Link { get; }

    public string Login { get; }

    public string Password { get; }

    public bool Secure { get; }

    public string? CaPath { get; }

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
        ["heartbeatIntervalMs"] = "300",
    };

    /// <summary>The liveness period of every other test.</summary>
    public static readonly Dictionary<string, string> CalmLiveness = new()
    {
        ["heartbeatIntervalMs"] = "5000",
    };

    public static async Task<Harness> StartAsync(
        bool secure = false,
        InstanceMode mode = InstanceMode.Workstation,
        int users = 3,
        string urlPrefix = "",
        Dictionary<string, string>? settings = null,
        Func<int, ServiceTarget[]>? targets = null,
        ProxySettings? proxy = null,
        string? caPem = null,
        string host = "127.0.0.1",
        bool fastLiveness = false)
    {
        var sim = await XspSimulator.StartAsync(new SimulatorOptions
        {
            Users = users,
            CtiPort = null,
            CtisPort = null,
            UrlPrefix = urlPrefix.Length > 0 ? "/" + urlPrefix : string.Empty,
            Events = new EventOptions { HousekeepingInterval = TimeSpan.FromMilliseconds(100) },
        });
        var port = secure ? sim.XsiHttpsPort!.Value : sim.XsiPort!.Value;
        string? caPath = null;
        if (secure)
        {
            caPath = Path.Combine(Path.GetTempPath(), $"ecsta-xsi-ca-{Guid.NewGuid():N}.pem");
            await File.WriteAllTextAsync(caPath, caPem ?? sim.Certificates.CaPem);
        }

        var login = mode == InstanceMode.Server ? sim.Administrator.UserId : sim.Users[0].UserId;
        var password = mode == InstanceMode.Server ? sim.Administrator.Password : sim.Users[0].Password;
        var all = new Dictionary<string, string>(FastSettings.Concat(fastLiveness ? FastLiveness : CalmLiveness));
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
            ConnectionType = secure ? ConnectionTypes.Https : ConnectionTypes.Http,
            UrlPrefix = urlPrefix,
            UserId = login,
            Password = password,
            TrustedCaPath = caPath,
            RequestTimeout = TimeSpan.FromSeconds(3),
            Settings = all,
            Proxy = proxy,
        };
        var locator = new FixedServiceLocator(targets?.Invoke(port) ?? [new ServiceTarget("127.0.0.1", port)]);
        var context = new PlatformLinkContext { Log = Serilog.Core.Logger.None, ProtocolTrace = Trace, Time = TimeProvider.System, ServiceLocator = locator };
        var factory = new XsiTransportFactory();
        Assert.Empty(factory.Validate(options));
        var link = (XsiPlatformLink)factory.Create(options, context);
        return new Harness(sim, link, login, password, secure, caPath) { Locator = locator };
    }

    public FixedServiceLocator Locator { get; private init; } = null!;

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

    /// <summary>The simulator's subscription list for the login, read over XSI.</summary>
    public async Task<IReadOnlyList<XElement>> SubscriptionsAsync()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, c, _, e) => Sim.Certificates.Validate(c, e) };
        using var http = new HttpClient(handler);
        var baseUri = Secure ? Sim.XsiHttpsBaseUri! : Sim.XsiBaseUri!;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "com.broadsoft.xsi-events/v2.0/subscriptions"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Login + ":" + Sim.Engine.FindUser(Login)?.Password ?? Sim.Administrator.Password)));
        if (Sim.Engine.FindUser(Login) is null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Login + ":" + Sim.Administrator.Password)));
        }

        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. xml.Root!.Elements().Where(e => e.Name.LocalName == "subscription")];
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
