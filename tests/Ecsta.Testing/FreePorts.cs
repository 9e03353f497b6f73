using System.Net;
using System.Net.Sockets;

namespace Ecsta.Testing;

/// <summary>Loopback ports that are free at the moment of asking (another process may still take one; callers retry).</summary>
public static class FreePorts
{
    /// <summary>A port free for TCP and for UDP (dnsmasq listens on both).</summary>
    public static int TcpAndUdp()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            try
            {
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // The TCP side of this port is taken: try another.
            }
        }

        throw new InvalidOperationException("no loopback port is free for both TCP and UDP");
    }

    /// <summary>A free TCP port.</summary>
    public static int Tcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
