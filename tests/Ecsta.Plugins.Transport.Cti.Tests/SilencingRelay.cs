using System.Net;
using System.Net.Sockets;

namespace Ecsta.Plugins.Transport.Cti.Tests;

/// <summary>
/// A loopback TCP relay in front of the simulator's CTI port. <see cref="SilenceOpenConnections"/> makes the
/// connections open at that moment swallow every byte in both directions while staying open (a dead NAT entry or
/// a hung XSP): neither FIN nor RST reaches the client. Later connections relay normally.
/// </summary>
internal sealed class SilencingRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Pair> _pairs = [];
    private readonly List<Task> _tasks = [];
    private int _connections;

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Starts relaying to <paramref name="targetPort"/>; returns the relay's own port.</summary>
    public int Start(int targetPort)
    {
        _listener.Start();
        _tasks.Add(AcceptAsync(targetPort));
        return ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    public void SilenceOpenConnections()
    {
        lock (_pairs)
        {
            foreach (var pair in _pairs)
            {
                pair.Silenced = true;
            }
        }
    }

    private async Task AcceptAsync(int targetPort)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, targetPort, _stop.Token);
            var pair = new Pair(client, upstream);
            lock (_pairs)
            {
                _pairs.Add(pair);
                _tasks.Add(PumpAsync(pair, client, upstream));
                _tasks.Add(PumpAsync(pair, upstream, client));
            }
        }
    }

    private async Task PumpAsync(Pair pair, TcpClient from, TcpClient to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.GetStream().ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                if (!pair.Silenced)
                {
                    await to.GetStream().WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Either side went away.
        }

        if (!pair.Silenced)
        {
            pair.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_pairs)
        {
            foreach (var pair in _pairs)
            {
                pair.Close();
            }
        }

        try
        {
            await Task.WhenAll(_tasks).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or TimeoutException)
        {
            // Ending anyway.
        }

        _stop.Dispose();
    }

    private sealed class Pair(TcpClient a, TcpClient b)
    {
        public volatile bool Silenced;

        public void Close()
        {
            a.Dispose();
            b.Dispose();
        }
    }
}
