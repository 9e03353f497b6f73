using System.Net.Security;
using System.Net.Sockets;
using Ecsta.BroadWorks.Cti;
using Ecsta.BroadWorks.Framing;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;

namespace Ecsta.Simulator.Tests.Cti;

/// <summary>A minimal CTI client for tests: TcpClient (optionally SslStream) with the wire model's framer.</summary>
internal sealed class CtiClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly IXmlDocumentFramer _framer;
    private int _nextRequest;

    private CtiClient(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        _stream = stream;
        _framer = new ConsecutiveXmlDocumentFramer(stream, leaveOpen: true);
    }

    public List<XspMessage> Unsolicited { get; } = [];

    public static async Task<CtiClient> ConnectAsync(XspSimulator sim, bool tls = false)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", tls ? sim.CtisPort!.Value : sim.CtiPort!.Value);
        Stream stream = tcp.GetStream();
        if (tls)
        {
            var ssl = new SslStream(stream, false, (_, cert, _, errors) => sim.Certificates.Validate(cert, errors));
            await ssl.AuthenticateAsClientAsync("127.0.0.1");
            stream = ssl;
        }

        return new CtiClient(tcp, stream);
    }

    public async Task<XspResponse> SendAsync(string method, string uri, XsiDocument? document = null, string? login = null, string? password = null)
    {
        var request = new XspRequest
        {
            RequestId = (++_nextRequest).ToString(System.Globalization.CultureInfo.InvariantCulture),
            SessionId = "s1",
            Credentials = login is null ? null : XspCredentials.Encode(login, password!),
            Command = new XspCommand(uri, method) { Document = document },
        };
        await _framer.WriteMessageAsync(request);
        while (true)
        {
            var message = await ReadAsync();
            if (message is XspResponse response && response.RequestId == request.RequestId)
            {
                return response;
            }

            Unsolicited.Add(message);
        }
    }

    public async Task WriteAsync(XspMessage message) => await _framer.WriteMessageAsync(message);

    public async Task<XspMessage> ReadAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        return await _framer.ReadMessageAsync(cts.Token) ?? throw new EndOfStreamException("CTI connection closed");
    }

    /// <summary>The next event (earlier unsolicited events first), acknowledged with an xsp:eventResponse.</summary>
    public async Task<XsiEvent> NextEventAsync(bool acknowledge = true)
    {
        XspEvent? found = Unsolicited.OfType<XspEvent>().FirstOrDefault();
        if (found is not null)
        {
            Unsolicited.Remove(found);
        }

        while (found is null)
        {
            var message = await ReadAsync();
            if (message is XspEvent e)
            {
                found = e;
            }
            else
            {
                Unsolicited.Add(message);
            }
        }

        if (acknowledge && found.Event is XsiSubscriptionEvent subscriptionEvent)
        {
            await _framer.WriteMessageAsync(new XspEventResponse(new XsiEventResponse(subscriptionEvent.EventId)));
        }

        return found.Event;
    }

    public async Task<List<string>> EventTypesAsync(int count)
    {
        var types = new List<string>();
        for (var i = 0; i < count; i++)
        {
            types.Add(Assert.IsType<XsiSubscriptionEvent>(await NextEventAsync()).EventData.Type);
        }

        return types;
    }

    public async ValueTask DisposeAsync()
    {
        await _framer.DisposeAsync();
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
