using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Ecsta.Host.Configuration;
using Serilog;

namespace Ecsta.Host.Api.Bridge;

/// <summary>
/// The native bridge: a loopback TCP listener beside the WebSocket for the Windows TSP (<c>ecsta.tsp</c>), which
/// speaks JSON-RPC over length-prefixed frames (<see cref="BridgeFrames"/>) after a token hello
/// (<see cref="BridgeHandshake"/>). Same method table, same token, same limits as <c>/tapi</c>: each connection is one
/// <see cref="TapiSession"/>. Its address goes into the file <c>bridge-endpoint</c> beside the token, where the TSP
/// finds it (docs/bridge-protocol.md).
/// </summary>
internal sealed class BridgeListener : IAsyncDisposable
{
    /// <summary>The file, beside <c>api-token</c>, that holds the listener's <c>address:port</c>.</summary>
    public const string EndpointFileName = "bridge-endpoint";

    private readonly TcpListener _listener;
    private readonly TapiApiHub _hub;
    private readonly Uri? _dialogUrl;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<int, Task> _connections = new();
    private readonly Task _accepting;
    private int _next;

    private BridgeListener(TcpListener listener, TapiApiHub hub, string endpointFile, Uri? dialogUrl, ILogger log)
    {
        _listener = listener;
        _hub = hub;
        _dialogUrl = dialogUrl;
        _log = log.ForContext("SourceContext", "Bridge");
        EndpointFile = endpointFile;
        EndPoint = (IPEndPoint)listener.LocalEndpoint;
        _accepting = AcceptAsync(_stop.Token);
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The file that names <see cref="EndPoint"/> for the TSP.</summary>
    public string EndpointFile { get; }

    /// <summary>
    /// Starts listening on <paramref name="endpoint"/> (<c>api.bridge</c>: a loopback <c>address:port</c>, port 0 for
    /// any free one) and records where in <c>bridge-endpoint</c> in <paramref name="stateDirectory"/> (owner-only).
    /// </summary>
    /// <returns>The listener, or null when <c>api.bridge</c> is <c>off</c>.</returns>
    public static BridgeListener? Start(string endpoint, TapiApiHub hub, string stateDirectory, Uri? dialogUrl, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(hub);
        if (string.Equals(endpoint.Trim(), ApiConfiguration.BridgeOff, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!IPEndPoint.TryParse(endpoint.Trim(), out var address) || !IPAddress.IsLoopback(address.Address))
        {
            throw new ConfigurationException($"api.bridge: '{endpoint}' is not a loopback address with a port (e.g. 127.0.0.1:5472), nor 'off'");
        }

        var listener = new TcpListener(address);
        try
        {
            listener.Start();
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            throw new Cli.CliFailure($"cannot listen for the native bridge on {endpoint}: {ex.Message}", ex);
        }

        var file = Path.Combine(stateDirectory, EndpointFileName);
        var bound = (IPEndPoint)listener.LocalEndpoint;
        File.WriteAllText(file, bound + "\n");
        OwnerOnly.RestrictFile(file);
        var started = new BridgeListener(listener, hub, file, dialogUrl, log);
        started._log.Information("Native bridge listening on {EndPoint} (recorded in {File})", bound, file);
        return started;
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                _log.Warning("Native bridge: accepting a connection failed: {Reason}", ex.Message);
                continue;
            }

            var id = Interlocked.Increment(ref _next);
            _connections[id] = ServeAsync(id, client, cancellationToken);
        }
    }

    private async Task ServeAsync(int id, TcpClient client, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var peer = client.Client.RemoteEndPoint?.ToString() ?? "?";
        try
        {
            using (client)
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                if (await HelloAsync(stream, peer, cancellationToken).ConfigureAwait(false))
                {
                    await TapiSessionRunner.RunAsync(
                        _hub,
                        "bridge " + peer,
                        session => new BridgeMessageHandler(stream, TapiJson.CreateFormatter(), _hub.Options.MaxMessageBytes, session.OnWritten),
                        _ => Task.CompletedTask,
                        cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException or ObjectDisposedException or OperationCanceledException)
        {
            _log.Information("Native bridge connection from {Peer} ended: {Reason}", peer, ex.Message);
        }
        finally
        {
            _connections.TryRemove(id, out _);
        }
    }

    private async Task<bool> HelloAsync(Stream stream, string peer, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), _hub.Options.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        byte[]? frame;
        try
        {
            frame = await BridgeFrames.ReadAsync(stream, BridgeHandshake.MaxHelloBytes, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _log.Warning("Refused a native bridge connection from {Peer}: no hello within 10 s", peer);
            return false;
        }

        if (frame is null)
        {
            return false;
        }

        var (token, client, problem) = BridgeHandshake.Parse(frame);
        var refused = problem ?? (_hub.Access.Matches(token) ? null : "wrong token");
        if (refused is not null)
        {
            _log.Warning("Refused a native bridge connection from {Peer} ({Client}): {Reason}", peer, client, refused);
            await BridgeFrames.WriteAsync(stream, BridgeHandshake.Refused(refused), linked.Token).ConfigureAwait(false);
            return false;
        }

        var version = typeof(BridgeListener).Assembly.GetName().Version?.ToString() ?? "0";
        await BridgeFrames.WriteAsync(stream, BridgeHandshake.Accepted(version, _dialogUrl), linked.Token).ConfigureAwait(false);
        _log.Information("Native bridge client {Client} connected from {Peer}", client, peer);
        return true;
    }

    /// <summary>Stops listening, ends every connection (their lines are closed) and removes <c>bridge-endpoint</c>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _listener.Dispose();
        _stop.Dispose();
        try
        {
            File.Delete(EndpointFile);
        }
        catch (IOException)
        {
            // a later start overwrites it
        }
    }
}
