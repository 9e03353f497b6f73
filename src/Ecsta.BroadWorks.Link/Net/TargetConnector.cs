using System.Net;
using System.Net.Sockets;
using Ecsta.Abstractions.Transports;

namespace Ecsta.BroadWorks.Link.Net;

/// <summary>
/// Opens the TCP connection to an XSP by name: the name's addresses come from the host's resolver
/// (<see cref="IServiceLocator.ResolveAddressesAsync"/>, the name servers that gave the SRV records), tried in turn
/// until one accepts. An IP address is connected to directly. TLS and HTTP above keep using the name (SNI, the
/// certificate's name check, the Host header).
/// </summary>
public static class TargetConnector
{
    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/>; a name without an address throws the resolver's <see cref="PlatformException"/>.</summary>
    /// <exception cref="SocketException">The one address refused or could not be reached.</exception>
    /// <exception cref="IOException">None of several addresses could be reached (each with its reason).</exception>
    public static async Task<Socket> ConnectAsync(IServiceLocator locator, string host, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locator);
        IReadOnlyList<IPAddress> addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await locator.ResolveAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var failures = new List<string>();
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                failures.Add($"{address}: {ex.Message}");
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw addresses.Count == 1 && last is not null
            ? last
            : new IOException($"No address of {host} accepted a connection on port {port}: {string.Join("; ", failures)}", last);
    }

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that connects through <see cref="ConnectAsync"/>.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> HttpConnectCallback(IServiceLocator locator) =>
        async (context, cancellationToken) =>
        {
            var socket = await ConnectAsync(locator, context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        };
}
