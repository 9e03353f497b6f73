using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Ecsta.BroadWorks.Framing;
using Ecsta.Simulator.Auth;
using Ecsta.Simulator.CallEngine;
using Ecsta.Simulator.Events;
using Ecsta.Simulator.Faults;
using Ecsta.Simulator.Tls;
using Ecsta.Simulator.Xsi;
using Serilog;

namespace Ecsta.Simulator.Cti;

/// <summary>The CTI server: TCP (8011-style) and TLS (8012-style) listeners, one <see cref="CtiServerConnection"/> per client.</summary>
internal sealed class CtiServer : IAsyncDisposable
{
    private readonly SimulatorCertificates _certificates;
    private readonly ConnectionRegistry _connections;
    private readonly ILogger _log;
    private readonly IXmlDocumentFramerFactory _framers;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private readonly Lock _gate = new();
    private TcpListener? _tcp;
    private TcpListener? _tls;

    public CtiServer(SimulatorOptions options, SimCallEngine engine, EventHub hub, XsiDispatcher dispatcher, SimAuthenticator authenticator, SimulatorFaults faults, ConnectionRegistry connections, SimulatorCertificates certificates, ILogger logger)
    {
        Options = options;
        Engine = engine;
        Hub = hub;
        Dispatcher = dispatcher;
        Authenticator = authenticator;
        Faults = faults;
        _connections = connections;
        _certificates = certificates;
        _log = logger;
        _framers = options.CtiFramerFactory ?? new ConsecutiveXmlDocumentFramerFactory();
    }

    public SimulatorOptions Options { get; }

    public SimCallEngine Engine { get; }

    public EventHub Hub { get; }

    public XsiDispatcher Dispatcher { get; }

    public SimAuthenticator Authenticator { get; }

    public SimulatorFaults Faults { get; }

    public int? TcpPort => (_tcp?.LocalEndpoint as IPEndPoint)?.Port;

    public int? TlsPort => (_tls?.LocalEndpoint as IPEndPoint)?.Port;

    public void Start()
    {
        if (Options.CtiPort is { } port)
        {
            _tcp = new TcpListener(Options.ListenAddress, port);
            _tcp.Start();
            _tasks.Add(AcceptLoopAsync(_tcp, tls: false));
        }

        if (Options.CtisPort is { } tlsPort)
        {
            _tls = new TcpListener(Options.ListenAddress, tlsPort);
            _tls.Start();
            _tasks.Add(AcceptLoopAsync(_tls, tls: true));
        }
    }

    private async Task AcceptLoopAsync(TcpListener listener, bool tls)
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var task = ServeAsync(client, tls, ct);
            lock (_gate)
            {
                _tasks.RemoveAll(t => t.IsCompleted);
                _tasks.Add(task);
            }
        }
    }

    private async Task ServeAsync(TcpClient client, bool tls, CancellationToken ct)
    {
        await Task.Yield();
        using (client)
        {
            client.NoDelay = true;
            Stream stream = client.GetStream();
            using var registration = _connections.Register(client.Dispose);
            try
            {
                if (tls)
                {
                    var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                    using var handshake = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    handshake.CancelAfter(TimeSpan.FromSeconds(10));
                    await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificates.ServerCertificate }, handshake.Token).ConfigureAwait(false);
                    stream = ssl;
                }

                await using var connection = new CtiServerConnection(stream, _framers.Create(stream, leaveOpen: true), this, _log);
                await connection.RunAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
            {
                _log.Debug(ex, "CTI connection ended");
            }
            finally
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _tcp?.Stop();
        _tls?.Stop();
        Task[] tasks;
        lock (_gate)
        {
            tasks = [.. _tasks];
        }

        try
        {
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log.Warning("CTI connections did not end in time");
        }

        _stop.Dispose();
    }
}
