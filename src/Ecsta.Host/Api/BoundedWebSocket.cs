using System.Net.WebSockets;

namespace Ecsta.Host.Api;

/// <summary>
/// A WebSocket that refuses incoming messages larger than a limit (closing with MessageTooBig), so one application
/// cannot make the host buffer without bound. Everything else is passed through.
/// </summary>
internal sealed class BoundedWebSocket(WebSocket inner, int maxMessageBytes) : WebSocket
{
    private long _current;

    public override WebSocketCloseStatus? CloseStatus => inner.CloseStatus;

    public override string? CloseStatusDescription => inner.CloseStatusDescription;

    public override WebSocketState State => inner.State;

    public override string? SubProtocol => inner.SubProtocol;

    public override void Abort() => inner.Abort();

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override void Dispose() => inner.Dispose();

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await inner.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
        await CountAsync(result.Count, result.EndOfMessage, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public override async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await inner.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
        await CountAsync(result.Count, result.EndOfMessage, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task CountAsync(int count, bool endOfMessage, CancellationToken cancellationToken)
    {
        _current += count;
        if (_current > maxMessageBytes)
        {
            try
            {
                await inner.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, $"messages are limited to {maxMessageBytes} bytes", cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
                // the peer is gone already
            }

            throw new WebSocketException(WebSocketError.Faulted, $"message larger than {maxMessageBytes} bytes");
        }

        if (endOfMessage)
        {
            _current = 0;
        }
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);
}
