using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>
/// A client of the native bridge as ecsta.tsp speaks it (docs/bridge-protocol.md): TCP to the address in
/// <c>bridge-endpoint</c>, 4-byte big-endian length frames of JSON, a token hello, then JSON-RPC.
/// </summary>
internal sealed class BridgeClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly List<JObject> _notifications = [];
    private int _nextId;

    private BridgeClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    /// <summary>The bridge's address as the host recorded it beside its token in <paramref name="stateDirectory"/>.</summary>
    public static IPEndPoint EndPointIn(string stateDirectory) =>
        IPEndPoint.Parse(File.ReadAllText(Path.Combine(stateDirectory, "bridge-endpoint")).Trim());

    /// <summary>Connects without a hello.</summary>
    public static async Task<BridgeClient> OpenAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(endPoint, cancellationToken);
        return new BridgeClient(tcp);
    }

    /// <summary>Sends the hello with <paramref name="token"/> and returns the host's answer.</summary>
    public async Task<JObject> HelloAsync(string token, CancellationToken cancellationToken)
    {
        await SendAsync(new JObject { ["token"] = token, ["client"] = "bridge-test/1.0" }, cancellationToken);
        return await ReceiveAsync(cancellationToken) ?? throw new IOException("the host closed the bridge without answering the hello");
    }

    /// <summary>Sends raw bytes (a frame header of any length, a broken body).</summary>
    public async Task SendRawAsync(byte[] bytes, CancellationToken cancellationToken) => await _stream.WriteAsync(bytes, cancellationToken);

    /// <summary>Sends one JSON frame.</summary>
    public async Task SendAsync(JObject message, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(message.ToString(Newtonsoft.Json.Formatting.None));
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)body.Length);
        await _stream.WriteAsync(header, cancellationToken);
        await _stream.WriteAsync(body, cancellationToken);
    }

    /// <summary>The next frame as JSON; null when the host closed the connection.</summary>
    public async Task<JObject?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var header = new byte[4];
        if (!await ReadAsync(header, cancellationToken))
        {
            return null;
        }

        var body = new byte[BinaryPrimitives.ReadUInt32BigEndian(header)];
        return await ReadAsync(body, cancellationToken) ? JObject.Parse(Encoding.UTF8.GetString(body)) : null;
    }

    /// <summary>Calls <paramref name="method"/> and returns its result; notifications that arrive meanwhile are kept.</summary>
    public async Task<JToken> CallAsync(string method, object parameters, CancellationToken cancellationToken)
    {
        var id = ++_nextId;
        await SendAsync(new JObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = JObject.FromObject(parameters) }, cancellationToken);
        while (true)
        {
            var message = await ReceiveAsync(cancellationToken) ?? throw new IOException($"the host closed the bridge before answering {method}");
            if (message["id"] is { Type: JTokenType.Integer } answered && (int)answered == id)
            {
                return message["error"] is JObject error ? throw new InvalidOperationException($"{method}: {error}") : message["result"]!;
            }

            _notifications.Add(message);
        }
    }

    /// <summary>The first notification (kept or arriving) that <paramref name="match"/> accepts; the ones before it are dropped.</summary>
    public async Task<JObject> NotificationAsync(Func<JObject, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            var index = _notifications.FindIndex(n => match(n));
            if (index >= 0)
            {
                var found = _notifications[index];
                _notifications.RemoveRange(0, index + 1);
                return found;
            }

            _notifications.Add(await ReceiveAsync(cancellationToken) ?? throw new IOException("the host closed the bridge"));
        }
    }

    private async Task<bool> ReadAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (n == 0)
            {
                return false;
            }

            total += n;
        }

        return true;
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
