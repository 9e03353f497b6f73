using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Cti;
using Ecsta.BroadWorks.Framing;
using Serilog;

namespace Ecsta.Plugins.Transport.Cti.Protocol;

/// <summary>
/// One TCP or TLS connection to an XSP's CTI interface: XspXMLInterface requests with a fresh requestId each,
/// responses matched back by that id (per-request timeout), events handed to the owner in order, the server's
/// keepalives answered. Documents are framed by the wire model's swappable <see cref="IXmlDocumentFramer"/>.
/// </summary>
internal sealed class CtiClientConnection : IAsyncDisposable
{
    private const string Masked = "********";
    private const int MaxTraceChars = 16 * 1024;
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly IXmlDocumentFramer _framer;
    private readonly ILogger _trace;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<XspResponse>> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _credentials;
    private readonly bool _credentialsEveryRequest;
    private Task _readLoop = Task.CompletedTask;
    private long _nextId;
    private int _authenticated;
    private int _closed;
    private long _bytesSent;
    private long _bytesReceived;
    private long _requestsSent;

    private CtiClientConnection(ServiceTarget target, Socket socket, Stream stream, IXmlDocumentFramer framer, string credentials, bool credentialsEveryRequest, TimeProvider time, ILogger trace)
    {
        Target = target;
        _socket = socket;
        _stream = stream;
        _framer = framer;
        _credentials = credentials;
        _credentialsEveryRequest = credentialsEveryRequest;
        _time = time;
        _trace = trace;
        SessionId = Guid.NewGuid().ToString("N");
    }

    /// <summary>The XSP this connection goes to.</summary>
    public ServiceTarget Target { get; }

    /// <summary>The session id sent with every request.</summary>
    public string SessionId { get; }

    /// <summary>Whether the connection ended (read loop finished or disposed).</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Bytes written to the socket (documents, before TLS).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Bytes read from the socket (documents, after TLS).</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Requests written (keepalives included).</summary>
    public long RequestsSent => Interlocked.Read(ref _requestsSent);

    /// <summary>
    /// Connects (TCP to the addresses the host's resolver gives for the target's name, then TLS for <c>ctis</c>, which
    /// authenticates the name) within the request timeout; failures throw <see cref="PlatformException"/> of kind LinkDown.
    /// </summary>
    public static async Task<CtiClientConnection> OpenAsync(
        ServiceTarget target,
        bool secure,
        ServerCertificateValidator validator,
        IServiceLocator locator,
        IXmlDocumentFramerFactory framers,
        PlatformLinkOptions options,
        bool credentialsEveryRequest,
        TimeProvider time,
        ILogger trace,
        CancellationToken cancellationToken)
    {
        Socket? socket = null;
        Stream? stream = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        string? refusal = null;
        try
        {
            socket = await TargetConnector.ConnectAsync(locator, target.Host, target.Port, timeout.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (secure)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions
                    {
                        TargetHost = target.Host,
                        RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                        {
                            if (validator.Validate(certificate as X509Certificate2, chain, errors))
                            {
                                return true;
                            }

                            refusal = validator.LastRefusal;
                            return false;
                        },
                    },
                    timeout.Token).ConfigureAwait(false);
            }

            var framer = framers.Create(stream, leaveOpen: true);
            return new CtiClientConnection(target, socket, stream, framer, XspCredentials.Encode(options.UserId, options.Password), credentialsEveryRequest, time, trace);
        }
        catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            socket?.Dispose();
            var where = $"{target.Host}:{target.Port}";
            throw ex switch
            {
                AuthenticationException when refusal is not null => new PlatformException(PlatformErrorKind.LinkDown, $"The TLS certificate of {where} was refused: {refusal}", null, ex),
                AuthenticationException => new PlatformException(PlatformErrorKind.LinkDown, $"The TLS handshake with {where} failed: {ex.Message}", null, ex),
                OperationCanceledException => new PlatformException(PlatformErrorKind.LinkDown, $"Cannot reach {where}: no connection within {options.RequestTimeout.TotalSeconds:0.#} s.", null, ex),
                _ => new PlatformException(PlatformErrorKind.LinkDown, $"Cannot reach {where}: {ex.Message}", null, ex),
            };
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            socket?.Dispose();
            throw;
        }
    }

    /// <summary>Starts the read loop: events go to <paramref name="onEvent"/> in order; the end to <paramref name="onLost"/> (once).</summary>
    public void Start(Func<XspEvent, CancellationToken, ValueTask> onEvent, Action<string> onLost) =>
        _readLoop = Task.Run(() => ReadLoopAsync(onEvent, onLost, _stop.Token));

    /// <summary>Sends a command (or a keepalive when null) and waits for its response, at most <paramref name="timeout"/>.</summary>
    /// <exception cref="PlatformException">Timeout, or LinkDown when the connection is gone.</exception>
    public async Task<XspResponse> SendAsync(XspCommand? command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IsClosed)
        {
            throw new PlatformException(PlatformErrorKind.LinkDown, $"The CTI connection to {Target.Host}:{Target.Port} is closed.");
        }

        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        // Credentials until the XSP accepted them once on this connection (a session login), or always when configured.
        var sendCredentials = command is not null && (_credentialsEveryRequest || Volatile.Read(ref _authenticated) == 0);
        var request = new XspRequest
        {
            RequestId = id,
            SessionId = SessionId,
            Credentials = sendCredentials ? _credentials : null,
            Command = command,
        };
        var completion = new TaskCompletionSource<XspResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        try
        {
            await WriteAsync(request, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _requestsSent);
            var response = await completion.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            if (sendCredentials && response.StatusCode is >= 200 and < 300)
            {
                Volatile.Write(ref _authenticated, 1);
            }

            return response;
        }
        catch (TimeoutException)
        {
            var what = command is null ? "keepalive" : command.Method + " " + command.Uri;
            throw new PlatformException(PlatformErrorKind.Timeout, $"{Target.Host}:{Target.Port} did not answer {what} within {timeout.TotalSeconds:0.###} s.");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Writes one message (event responses, keepalive answers, requests); a broken socket gives LinkDown.</summary>
    public async Task WriteAsync(XspMessage message, CancellationToken cancellationToken)
    {
        var bytes = XspWriter.ToBytes(message);
        if (_trace.IsEnabled(Serilog.Events.LogEventLevel.Information))
        {
            var shown = message is XspRequest { Credentials: not null } r ? XspWriter.ToXml(r with { Credentials = Masked }) : Encoding.UTF8.GetString(bytes);
            _trace.Information("-> cti {Host}:{Port} {Document}", Target.Host, Target.Port, Clip(shown));
        }

        try
        {
            await _framer.WriteDocumentAsync(bytes, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _bytesSent, bytes.Length);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or SocketException)
        {
            throw new PlatformException(PlatformErrorKind.LinkDown, $"Cannot write to {Target.Host}:{Target.Port}: {ex.Message}", null, ex);
        }
    }

    private async Task ReadLoopAsync(Func<XspEvent, CancellationToken, ValueTask> onEvent, Action<string> onLost, CancellationToken cancellationToken)
    {
        string reason;
        try
        {
            while (true)
            {
                var document = await _framer.ReadDocumentAsync(cancellationToken).ConfigureAwait(false);
                if (document is null)
                {
                    reason = $"{Target.Host}:{Target.Port} closed the CTI connection";
                    break;
                }

                Interlocked.Add(ref _bytesReceived, document.Length);
                if (_trace.IsEnabled(Serilog.Events.LogEventLevel.Information))
                {
                    _trace.Information("<- cti {Host}:{Port} {Document}", Target.Host, Target.Port, Clip(Encoding.UTF8.GetString(document)));
                }

                XspMessage message;
                try
                {
                    message = XspReader.Read(document, new XsiReaderOptions { MaxDocumentBytes = _framer.MaxDocumentBytes });
                }
                catch (XsiFormatException ex)
                {
                    // A complete but unreadable document: skip it, the framing is intact.
                    _trace.Warning("Unreadable CTI document from {Host}:{Port} skipped: {Error}", Target.Host, Target.Port, ex.Message);
                    continue;
                }

                await HandleAsync(message, onEvent, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            reason = "closed";
        }
        catch (Exception ex) when (ex is IOException or XsiFormatException or ObjectDisposedException or SocketException or PlatformException or InvalidOperationException)
        {
            reason = $"The CTI connection to {Target.Host}:{Target.Port} broke: {ex.Message}";
        }

        Close();
        if (!cancellationToken.IsCancellationRequested)
        {
            onLost(reason);
        }
    }

    private async ValueTask HandleAsync(XspMessage message, Func<XspEvent, CancellationToken, ValueTask> onEvent, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case XspResponse response:
                if (_pending.TryRemove(response.RequestId, out var completion))
                {
                    completion.TrySetResult(response);
                }

                return;
            case XspEvent e:
                await onEvent(e, cancellationToken).ConfigureAwait(false);
                return;
            case XspRequest { IsKeepalive: true } keepalive:
                await WriteAsync(new XspResponse { RequestId = keepalive.RequestId, SessionId = keepalive.SessionId ?? SessionId, StatusCode = 200, Reason = "OK", IsKeepalive = true }, cancellationToken).ConfigureAwait(false);
                return;
            default:
                _trace.Debug("Ignoring CTI {Message} from {Host}:{Port}", message.GetType().Name, Target.Host, Target.Port);
                return;
        }
    }

    /// <summary>Fails every waiting request and closes the socket (the read loop then ends).</summary>
    private void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new PlatformException(PlatformErrorKind.LinkDown, $"The CTI connection to {Target.Host}:{Target.Port} closed before the answer."));
        }

        _socket.Dispose();
    }

    private static string Clip(string text) => text.Length > MaxTraceChars ? text[..MaxTraceChars] + "…" : text;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Close();
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The loop ends with the socket.
        }

        await _framer.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
