using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.Simulator;
using Serilog;

namespace Ecsta.Transport.Contract;

/// <summary>
/// A simulator plus one link of the transport under test; the link's events are read into a list. A transport's
/// harness derives from it, says what differs (SRV service, port, liveness words) and sets up its link with
/// <see cref="TransportHarness"/>'s building blocks.
/// </summary>
public abstract partial class TransportHarness : IAsyncDisposable
{
    private readonly List<PlatformEvent> _seen = [];
    private int _read;

    protected TransportHarness(XspSimulator sim, PlatformLinkOptions options, string? caPath, FixedServiceLocator locator)
    {
        ArgumentNullException.ThrowIfNull(options);
        Sim = sim;
        Login = options.UserId;
        Password = options.Password;
        Secure = ConnectionTypes.IsSecure(options.ConnectionType);
        CaPath = caPath;
        Locator = locator;
    }

    /// <summary>Protocol trace shared by the tests of a test assembly (checked for masked passwords).</summary>
    public static TraceSink TraceSink { get; } = new();

    /// <summary>The protocol trace every harness's link writes to <see cref="TraceSink"/>.</summary>
    protected static ILogger Trace { get; } = new LoggerConfiguration().WriteTo.Sink(TraceSink).CreateLogger();

    public XspSimulator Sim { get; }

    /// <summary>The link under test (not connected by the harness).</summary>
    public abstract IPlatformLink Link { get; }

    /// <summary>The link's connection test.</summary>
    public IConnectionTester Tester => (IConnectionTester)Link;

    public string Login { get; }

    public string Password { get; }

    public bool Secure { get; }

    public string? CaPath { get; }

    public FixedServiceLocator Locator { get; }

    /// <summary>The SRV service the transport looks up: <c>ecsta</c> (XSI) or <c>ecsta-cti</c>.</summary>
    public abstract string SrvService { get; }

    /// <summary>The simulator's port the link connects to (XSI HTTP(S), or the CTI listener).</summary>
    public abstract int ServicePort { get; }

    /// <summary>The simulator's XSI HTTP(S) port: the XSI link's, or the CTI link's side channel.</summary>
    public int HttpPort => Secure ? Sim.XsiHttpsPort!.Value : Sim.XsiPort!.Value;

    /// <summary>The XSP the link's current session uses, or null when it has none.</summary>
    public abstract ServiceTarget? CurrentPrimary { get; }

    /// <summary>How the protocol trace shows the credentials it masked.</summary>
    public abstract string MaskedCredentials { get; }

    /// <summary>Words the reason of a link loss carries when the transport's liveness probe went unanswered.</summary>
    public abstract IReadOnlyList<string> LivenessLossWords { get; }

    /// <summary>The connection test's steps after the subscription step (CTI: the side channel).</summary>
    public abstract IReadOnlyList<string> ConnectionTestExtraSteps { get; }

    /// <summary>The connection test's detail for a target that answered, after the addresses it resolved to.</summary>
    public abstract string TargetAnswered { get; }

    /// <summary>Checks the connection test's steps after the subscription step (nothing by default).</summary>
    public virtual void AssertConnectionTestExtras(ConnectionTestResult result)
    {
    }

    /// <summary>A loopback port nothing listens on (bound, then closed).</summary>
    public static int DeadPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public static string Describe(PlatformEvent e) => e switch
    {
        CallEvent c => $"{c.RawType}({c.Call.CallId},{c.Call.State})",
        LinkStateEvent l => $"Link({l.State})",
        CallSnapshotEvent s => $"Snapshot({s.UserId},{s.Calls.Count})",
        _ => e.GetType().Name,
    };

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

    public Task<CallEvent> NextCall(string rawType, int seconds = 10) => Next<CallEvent>(e => e.RawType == rawType, seconds);

    /// <summary>The simulator's subscription list for the login, read over XSI.</summary>
    public async Task<IReadOnlyList<XElement>> SubscriptionsAsync()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, c, _, e) => Sim.Certificates.Validate(c, e) };
        using var http = new HttpClient(handler);
        var baseUri = Secure ? Sim.XsiHttpsBaseUri! : Sim.XsiBaseUri!;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "com.broadsoft.xsi-events/v2.0/subscriptions"));
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

        GC.SuppressFinalize(this);
    }
}
