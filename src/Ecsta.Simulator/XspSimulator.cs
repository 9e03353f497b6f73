using System.Globalization;
using System.Security.Cryptography;
using Ecsta.Simulator.Auth;
using Ecsta.Simulator.CallEngine;
using Ecsta.Simulator.Events;
using Ecsta.Simulator.Faults;
using Ecsta.Simulator.Tls;
using Ecsta.Simulator.Xsi;

namespace Ecsta.Simulator;

/// <summary>
/// A BroadWorks XSP simulator on real sockets: XSI over HTTP and HTTPS, CTI over TCP and TLS,
/// one call engine, fault injection.
/// </summary>
/// <example>
/// <code>
/// await using var sim = await XspSimulator.StartAsync(new SimulatorOptions { Users = 5 }, ct);
/// var user = sim.Users[0];                       // user.UserId, user.Password
/// var url = sim.XsiBaseUri;                      // http://127.0.0.1:port/
/// sim.Engine.FarEnds.Set(@"\+49301.*", FarEndBehavior.Busy);
/// sim.Engine.PlaceIncomingCall("+4989123", user.Extension);
/// sim.Faults.FailNextRequests(2, 503);
/// </code>
/// </example>
public sealed class XspSimulator : IAsyncDisposable
{
    private readonly EventHub _hub;
    private readonly XsiHttpServer _xsi;
    private readonly Cti.CtiServer _cti;
    private readonly bool _ownsCertificates;

    private XspSimulator(SimulatorOptions options, SimCallEngine engine, EventHub hub, XsiHttpServer xsi, Cti.CtiServer cti, SimulatorFaults faults, SimulatorCertificates certificates, bool ownsCertificates, string adminToken)
    {
        Options = options;
        Engine = engine;
        _hub = hub;
        _xsi = xsi;
        _cti = cti;
        Faults = faults;
        Certificates = certificates;
        _ownsCertificates = ownsCertificates;
        AdminToken = adminToken;
    }

    /// <summary>Starts the simulator with the listeners the options ask for.</summary>
    public static async Task<XspSimulator> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var log = options.Logger ?? Serilog.Core.Logger.None;
        var (users, administrator) = UserFactory.Create(options.Users, options.Engine);
        var engine = new SimCallEngine(users, [administrator], options.Engine, options.TimeProvider, log);
        var hub = new EventHub(engine, options.Events, options.TimeProvider, log);
        var connections = new ConnectionRegistry();
        var faults = new SimulatorFaults(engine, hub, connections);
        var authenticator = new SimAuthenticator(engine);
        var dispatcher = new XsiDispatcher(engine, hub, log);
        var adminToken = options.AdminToken ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var admin = new AdminEndpoint(adminToken, faults, engine);
        var owns = options.ServerCertificate is null;
        var certificates = owns
            ? SimulatorCertificates.Generate(options.TimeProvider)
            : SimulatorCertificates.FromGiven(options.ServerCertificate!, options.CaCertificate ?? throw new ArgumentException("CaCertificate is required with ServerCertificate", nameof(options)));
        var xsi = new XsiHttpServer(options, engine, hub, dispatcher, authenticator, faults, connections, admin, log);
        var cti = new Cti.CtiServer(options, engine, hub, dispatcher, authenticator, faults, connections, certificates, log);
        var simulator = new XspSimulator(options, engine, hub, xsi, cti, faults, certificates, owns, adminToken);
        try
        {
            await xsi.StartAsync(certificates, cancellationToken).ConfigureAwait(false);
            cti.Start();
        }
        catch
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return simulator;
    }

    /// <summary>The options it runs with.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>The call engine: users, calls, far-end scripts, incoming calls.</summary>
    public SimCallEngine Engine { get; }

    /// <summary>Fault injection.</summary>
    public SimulatorFaults Faults { get; }

    /// <summary>The TLS CA and server certificate.</summary>
    public SimulatorCertificates Certificates { get; }

    /// <summary>Token of the admin endpoint (header <c>X-Sim-Admin-Token</c>).</summary>
    public string AdminToken { get; }

    /// <summary>The users.</summary>
    public IReadOnlyList<SimUser> Users => Engine.Users;

    /// <summary>The group administrator (acts on every user of the group).</summary>
    public GroupAdministrator Administrator => Engine.Administrators[0];

    /// <summary>Bound XSI HTTP port, or null when off.</summary>
    public int? XsiPort => _xsi.HttpPort;

    /// <summary>Bound XSI HTTPS port, or null when off.</summary>
    public int? XsiHttpsPort => _xsi.HttpsPort;

    /// <summary>Bound CTI TCP port, or null when off.</summary>
    public int? CtiPort => _cti.TcpPort;

    /// <summary>Bound CTI TLS port, or null when off.</summary>
    public int? CtisPort => _cti.TlsPort;

    /// <summary>Base URI of XSI over HTTP including the URL prefix (e.g. <c>http://127.0.0.1:5000/nl.cai/</c>).</summary>
    public Uri? XsiBaseUri => XsiPort is { } port ? BaseUri("http", port) : null;

    /// <summary>Base URI of XSI over HTTPS including the URL prefix.</summary>
    public Uri? XsiHttpsBaseUri => XsiHttpsPort is { } port ? BaseUri("https", port) : null;

    /// <summary>Number of open event channels.</summary>
    public int ChannelCount => _hub.ChannelCount;

    /// <summary>The live subscriptions of every principal (read-only views; e.g. to prove there are no duplicates).</summary>
    public IReadOnlyList<SimSubscriptionView> Subscriptions => _hub.DescribeSubscriptions();

    /// <summary>The open event channels (read-only views).</summary>
    public IReadOnlyList<SimChannelView> Channels => _hub.DescribeChannels();

    /// <summary>
    /// The last XSI requests received over HTTP and HTTPS as <c>"METHOD scheme /path"</c> (no query, bounded to the
    /// last 2000; CTI traffic is not included), e.g. to prove which requests a CTI link sent over its side channel.
    /// </summary>
    public IReadOnlyList<string> XsiHttpRequests => _xsi.Requests.Snapshot();

    /// <summary>Events waiting for their EventResponse.</summary>
    public int PendingAcknowledgements => _hub.PendingAcknowledgements;

    /// <summary>
    /// Per channel (the open ones and the last 1000 closed ones), the events that needed an EventResponse and how many
    /// got one in time; an event whose subscription or channel went away first stays unacknowledged, as an XSP
    /// counts it. E.g. to prove that a client acknowledged everything before it deleted its subscription and channel.
    /// </summary>
    public IReadOnlyList<SimChannelAcknowledgements> Acknowledgements => _hub.DescribeAcknowledgements();

    private Uri BaseUri(string scheme, int port)
    {
        var host = Options.ListenAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + Options.ListenAddress + "]" : Options.ListenAddress.ToString();
        var prefix = Options.UrlPrefix.Trim('/');
        return new Uri($"{scheme}://{host}:{port.ToString(CultureInfo.InvariantCulture)}/{(prefix.Length > 0 ? prefix + "/" : string.Empty)}");
    }

    /// <summary>Prints the listeners, the users and the administrator (what <c>ecsta sim</c> shows).</summary>
    public void PrintUsers(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var ci = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(ci, $"XSI  http : {XsiBaseUri?.ToString() ?? "off"}"));
        output.WriteLine(string.Create(ci, $"XSI  https: {XsiHttpsBaseUri?.ToString() ?? "off"}"));
        output.WriteLine(string.Create(ci, $"CTI  tcp  : {(CtiPort is { } cti ? Options.ListenAddress + ":" + cti.ToString(ci) : "off")}"));
        output.WriteLine(string.Create(ci, $"CTI  tls  : {(CtisPort is { } ctis ? Options.ListenAddress + ":" + ctis.ToString(ci) : "off")}"));
        output.WriteLine(string.Create(ci, $"Group {Administrator.Group.GroupId} in enterprise {Administrator.Group.ServiceProviderId}"));
        output.WriteLine(string.Create(ci, $"Group admin: {Administrator.UserId}  password {Administrator.Password}"));
        output.WriteLine("userId                           number           ext    name                 password");
        foreach (var user in Users)
        {
            output.WriteLine(string.Create(ci, $"{user.UserId,-32} {user.Number,-16} {user.Extension,-6} {user.DisplayName,-20} {user.Password}"));
        }

        output.WriteLine(string.Create(ci, $"Admin endpoint token (header X-Sim-Admin-Token): {AdminToken}"));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _cti.DisposeAsync().ConfigureAwait(false);
        _hub.DropAll(abortConnections: true);
        await _xsi.DisposeAsync().ConfigureAwait(false);
        _hub.Dispose();
        Engine.Dispose();
        if (_ownsCertificates)
        {
            Certificates.Dispose();
        }
    }
}
