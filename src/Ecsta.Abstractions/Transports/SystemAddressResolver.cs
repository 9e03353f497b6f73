using System.Net;
using System.Net.Sockets;

namespace Ecsta.Abstractions.Transports;

/// <summary>The default of <see cref="IServiceLocator.ResolveAddressesAsync"/>: the operating system's resolver.</summary>
internal static class SystemAddressResolver
{
    public static async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            return addresses.Length > 0
                ? addresses
                : throw new PlatformException(PlatformErrorKind.LinkDown, $"Cannot resolve {host}: the system resolver has no address for it.");
        }
        catch (SocketException ex)
        {
            throw new PlatformException(PlatformErrorKind.LinkDown, $"Cannot resolve {host}: the system resolver says: {ex.Message}", null, ex);
        }
    }
}
