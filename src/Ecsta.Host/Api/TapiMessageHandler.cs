using System.Net.WebSockets;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Ecsta.Host.Api;

/// <summary>The WebSocket message handler of one application; tells the session when a reply has been written.</summary>
internal sealed class TapiMessageHandler(WebSocket socket, IJsonRpcMessageFormatter formatter, Action<JsonRpcMessage> written)
    : WebSocketMessageHandler(socket, formatter)
{
    protected override async ValueTask WriteCoreAsync(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        await base.WriteCoreAsync(content, cancellationToken).ConfigureAwait(false);
        written(content);
    }
}
