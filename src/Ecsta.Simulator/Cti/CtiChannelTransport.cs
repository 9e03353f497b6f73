using Ecsta.BroadWorks.Cti;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.Simulator.Events;

namespace Ecsta.Simulator.Cti;

/// <summary>A channel bound to a CTI connection: events go out as <c>xsp:event</c> on the socket.</summary>
internal sealed class CtiChannelTransport : IChannelTransport
{
    private readonly CtiServerConnection _connection;

    public CtiChannelTransport(CtiServerConnection connection) => _connection = connection;

    public void Send(ChannelMessage message)
    {
        switch (message.Document)
        {
            case XsiEvent xsiEvent:
                _connection.Enqueue(XspWriter.ToBytes(new XspEvent(xsiEvent)));
                break;
            case null when message.Raw is not null:
                _connection.Enqueue(System.Text.Encoding.UTF8.GetBytes(message.Raw));
                break;
            default:
                // ChannelHeartBeat: on CTI the heartbeat request's response carries it (see CtiServerConnection).
                break;
        }
    }

    /// <summary>A closed channel leaves the connection open; the client may add a new channel on it.</summary>
    public void Close()
    {
    }

    public void Abort() => _connection.Abort();
}
