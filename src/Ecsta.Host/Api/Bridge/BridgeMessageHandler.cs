using System.Buffers;
using System.Text;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Ecsta.Host.Api.Bridge;

/// <summary>JSON-RPC messages over the bridge's frames (<see cref="BridgeFrames"/>); tells the session when a reply has been written.</summary>
internal sealed class BridgeMessageHandler(Stream stream, JsonMessageFormatter formatter, int maxBytes, Action<JsonRpcMessage> written)
    : MessageHandlerBase(formatter)
{
    public override bool CanRead => true;

    public override bool CanWrite => true;

    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        var frame = await BridgeFrames.ReadAsync(stream, maxBytes, cancellationToken).ConfigureAwait(false);
        return frame is null ? null : formatter.Deserialize(new ReadOnlySequence<byte>(frame), Encoding.UTF8);
    }

    protected override async ValueTask WriteCoreAsync(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        formatter.Serialize(buffer, content);
        await BridgeFrames.WriteAsync(stream, buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        written(content);
    }

    protected override ValueTask FlushAsync(CancellationToken cancellationToken) => new(stream.FlushAsync(cancellationToken));
}
