using System.Threading.Channels;
using Ecsta.BroadWorks.Cti;
using Ecsta.BroadWorks.Framing;
using Ecsta.BroadWorks.Xsi;
using Ecsta.Simulator.Auth;
using Ecsta.Simulator.CallEngine;
using Ecsta.Simulator.Xsi;
using Serilog;

namespace Ecsta.Simulator.Cti;

/// <summary>
/// One CTI client connection: XspXMLInterface requests tunnel XSI commands (uri + method), responses are
/// matched by requestId, a channel added on the connection is bound to it, events go out as <c>xsp:event</c>.
/// </summary>
internal sealed class CtiServerConnection : IAsyncDisposable
{
    private readonly IXmlDocumentFramer _framer;
    private readonly Stream _stream;
    private readonly CtiServer _server;
    private readonly ILogger _log;
    private readonly Channel<byte[]> _outbox = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _channelIds = [];
    private readonly string _sessionId = Guid.NewGuid().ToString();
    private SimPrincipal? _principal;
    private string? _password;
    private int _keepaliveCounter;

    public CtiServerConnection(Stream stream, IXmlDocumentFramer framer, CtiServer server, ILogger logger)
    {
        _stream = stream;
        _framer = framer;
        _server = server;
        _log = logger;
    }

    public void Enqueue(byte[] document) => _outbox.Writer.TryWrite(document);

    public void Abort()
    {
        _outbox.Writer.TryComplete();
        _stop.Cancel();
        _stream.Dispose();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var ct = linked.Token;
        var writer = WriteLoopAsync(ct);
        var keepalive = KeepaliveLoopAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                XspMessage? message;
                try
                {
                    message = await _framer.ReadMessageAsync(ct).ConfigureAwait(false);
                }
                catch (XsiFormatException ex)
                {
                    _log.Debug(ex, "CTI client sent an unreadable document; closing");
                    break;
                }

                if (message is null)
                {
                    break;
                }

                await HandleAsync(message, ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Connection ended.
        }
        finally
        {
            foreach (var channelId in _channelIds)
            {
                _server.Hub.ChannelLost(channelId);
            }

            _outbox.Writer.TryComplete();
            await _stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(Quiet(writer), Quiet(keepalive)).ConfigureAwait(false);
        }
    }

    private static async Task Quiet(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Ending anyway.
        }
    }

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        await foreach (var document in _outbox.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            await _framer.WriteDocumentAsync(document, ct).ConfigureAwait(false);
        }
    }

    private async Task KeepaliveLoopAsync(CancellationToken ct)
    {
        if (_server.Options.CtiKeepaliveInterval is not { } interval)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, _server.Options.TimeProvider);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            Enqueue(XspWriter.ToBytes(XspRequest.Keepalive("ka-" + Interlocked.Increment(ref _keepaliveCounter), _sessionId)));
        }
    }

    private async Task HandleAsync(XspMessage message, CancellationToken ct)
    {
        switch (message)
        {
            case XspEventResponse eventResponse:
                _server.Hub.Acknowledge(eventResponse.Response.EventId);
                return;
            case XspResponse:
                return; // the client's answer to a server keepalive
            case XspRequest { IsKeepalive: true } keepalive:
                Enqueue(XspWriter.ToBytes(new XspResponse { RequestId = keepalive.RequestId, SessionId = keepalive.SessionId ?? _sessionId, StatusCode = 200, Reason = "OK", IsKeepalive = true }));
                return;
            case XspRequest request:
                await HandleRequestAsync(request, ct).ConfigureAwait(false);
                return;
            default:
                _log.Debug("Ignoring CTI message {Message}", message.GetType().Name);
                return;
        }
    }

    private async Task HandleRequestAsync(XspRequest request, CancellationToken ct)
    {
        var faults = _server.Faults;
        if (faults.ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(faults.ResponseDelay, _server.Options.TimeProvider, ct).ConfigureAwait(false);
        }

        if (faults.TryTakeFailure(out var failure))
        {
            Reply(request, SimResponse.Error(failure, "Injected failure"));
            return;
        }

        if (!Authenticate(request))
        {
            Reply(request, SimResponse.Error(401, "Authentication failed"));
            return;
        }

        var command = request.Command!;
        var (path, query) = SplitUri(command);
        var method = command.Method.ToUpperInvariant();
        if (method == "POST" && IsChannelAdd(path))
        {
            AddChannel(request, command);
            return;
        }

        var body = command.Document is null ? ReadOnlyMemory<byte>.Empty : XsiWriter.ToBytes(command.Document);
        var simRequest = new SimRequest(method, path, query, body, _principal!);
        var barrier = _server.Options.EventOrder == EventOrder.ResponseFirst ? _server.Engine.HoldEvents() : null;
        try
        {
            var result = _server.Dispatcher.Dispatch(simRequest);
            if (result.StatusCode == 200 && method == "PUT" && path.EndsWith("/heartbeat", StringComparison.OrdinalIgnoreCase) && !_server.Hub.IgnoreHeartbeats)
            {
                result = result with { Body = XsiChannelHeartBeat.Instance };
            }

            Reply(request, result);
        }
        finally
        {
            barrier?.Dispose();
        }
    }

    private void AddChannel(XspRequest request, XspCommand command)
    {
        if (command.Document is not XsiChannel channelRequest)
        {
            Reply(request, SimResponse.Error(400, "The channel request needs a Channel document"));
            return;
        }

        try
        {
            var channel = _server.Hub.AddChannel(_principal!, channelRequest, new CtiChannelTransport(this));
            _channelIds.Add(channel.ChannelId);
            Reply(request, SimResponse.Ok(new XsiChannel { ChannelId = channel.ChannelId, Expires = channel.Expires }));
        }
        catch (CallEngineException ex)
        {
            Reply(request, SimResponse.Error(ex.StatusCode, ex.Message));
        }
    }

    private bool Authenticate(XspRequest request)
    {
        if (request.Credentials is { } credentials)
        {
            _principal = null;
            if (XspCredentials.TryDecode(credentials, out var login, out var password))
            {
                _principal = _server.Authenticator.Authenticate(login, password);
                _password = _principal is null ? null : password;
            }

            return _principal is not null;
        }

        if (request.Authorization is { } authorization && authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            _principal = _server.Authenticator.AuthenticateBasic(authorization["Basic ".Length..]);
            _password = _principal is null ? null : CurrentPassword(_principal);
            return _principal is not null;
        }

        // No credentials: the session's login holds while its password is unchanged.
        return _principal is not null && string.Equals(CurrentPassword(_principal), _password, StringComparison.Ordinal);
    }

    private static string? CurrentPassword(SimPrincipal principal) => principal.User?.Password ?? principal.Administrator?.Password;

    private void Reply(XspRequest request, SimResponse result)
    {
        var reason = result.StatusCode switch
        {
            200 => "OK",
            201 => "Created",
            400 => "Bad Request",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "Not Found",
            _ => "Error",
        };
        var response = new XspResponse
        {
            RequestId = request.RequestId,
            SessionId = request.SessionId ?? _sessionId,
            StatusCode = result.StatusCode,
            Reason = reason,
            Document = result.Body,
        };
        Enqueue(XspWriter.ToBytes(response));
    }

    private static (string Path, Dictionary<string, string> Query) SplitUri(XspCommand command)
    {
        var uri = command.Uri;
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var mark = uri.IndexOf('?', StringComparison.Ordinal);
        if (mark >= 0)
        {
            foreach (var pair in uri[(mark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                query.TryAdd(key, eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' ')));
            }

            uri = uri[..mark];
        }

        foreach (var param in command.Params)
        {
            query.TryAdd(param.Name, param.Value);
        }

        if (Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            uri = absolute.AbsolutePath;
        }

        return (uri, query);
    }

    private static bool IsChannelAdd(string path)
    {
        var s = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (s.Length > 0 && string.Equals(s[0], XsiDispatcher.AsyncContext, StringComparison.OrdinalIgnoreCase))
        {
            s = s[1..];
        }

        return s.Length == 3
            && string.Equals(s[0], XsiDispatcher.EventsContext, StringComparison.OrdinalIgnoreCase)
            && string.Equals(s[2], "channel", StringComparison.OrdinalIgnoreCase);
    }

    public async ValueTask DisposeAsync()
    {
        await _framer.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
