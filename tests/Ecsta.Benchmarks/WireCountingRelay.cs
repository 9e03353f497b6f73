using System.Net;
using System.Net.Sockets;

namespace Ecsta.Benchmarks;

/// <summary>A loopback TCP relay that counts the bytes and connections passing through it (both directions).</summary>
internal sealed class WireCountingRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private long _bytes;
    private int _connections;

    /// <summary>Bytes relayed in both directions.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>TCP connections opened through the relay.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Starts relaying to <paramref name="targetPort"/>; returns the relay's port.</summary>
    public int Start(int targetPort)
    {
        _listener.Start();
        _ = AcceptAsync(targetPort);
        return ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(int targetPort)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            client.NoDelay = true;
            var upstream = new TcpClient { NoDelay = true };
            await upstream.ConnectAsync(IPAddress.Loopback, targetPort, _stop.Token).ConfigureAwait(false);
            lock (_open)
            {
                _open.Add(client);
                _open.Add(upstream);
            }

            _ = PumpAsync(client, upstream);
            _ = PumpAsync(upstream, client);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.GetStream().ReadAsync(buffer, _stop.Token).ConfigureAwait(false)) > 0)
            {
                Interlocked.Add(ref _bytes, read);
                await to.GetStream().WriteAsync(buffer.AsMemory(0, read), _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Either side went away.
        }

        from.Dispose();
        to.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }
        }

        _stop.Dispose();
    }
}
