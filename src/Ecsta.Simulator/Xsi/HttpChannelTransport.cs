using System.Threading.Channels;
using Ecsta.Simulator.Events;

namespace Ecsta.Simulator.Xsi;

/// <summary>The chunked HTTP response of a streaming channel: documents queue here and are written one per chunk.</summary>
internal sealed class HttpChannelTransport : IChannelTransport
{
    private readonly Channel<ChannelMessage> _queue = Channel.CreateUnbounded<ChannelMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action _abortConnection;

    public HttpChannelTransport(Action abortConnection) => _abortConnection = abortConnection;

    public ChannelReader<ChannelMessage> Reader => _queue.Reader;

    public bool Aborted { get; private set; }

    public void Send(ChannelMessage message) => _queue.Writer.TryWrite(message);

    public void Close() => _queue.Writer.TryComplete();

    public void Abort()
    {
        Aborted = true;
        _queue.Writer.TryComplete();
        _abortConnection();
    }
}
