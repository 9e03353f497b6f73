using System.Net;

namespace Ecsta.Abstractions.Transports;

/// <summary>
/// The host's DNS resolver. Transports ask it for the targets to try, in RFC 2782 order, and fail over along the list;
/// and for the addresses of each target, so that a target is looked up with the same name servers as its SRV record.
/// </summary>
public interface IServiceLocator
{
    /// <summary>
    /// Resolves <c>_{service}._{protocol}.{host}</c> and orders the records per RFC 2782 (priority, then weighted
    /// random). Without SRV records the result is the configured host and port alone.
    /// </summary>
    /// <param name="service">Service label without underscore, e.g. <c>ecsta</c> or <c>ecsta-cti</c>.</param>
    /// <param name="protocol"><c>tcp</c> or <c>tls</c>.</param>
    /// <param name="host">The configured host (the SRV domain).</param>
    /// <param name="fallbackPort">The configured port, used when there is no SRV record.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<IReadOnlyList<ServiceTarget>> ResolveAsync(string service, string protocol, string host, int fallbackPort, CancellationToken cancellationToken);

    /// <summary>
    /// The addresses (A and AAAA records) to connect to for <paramref name="host"/>, an SRV target or the configured
    /// host, asked of the same name servers as <see cref="ResolveAsync"/>: names those servers know may be unknown to
    /// the operating system's resolver. An IP address is returned as it is. The default implementation asks the
    /// operating system's resolver (<see cref="Dns"/>).
    /// </summary>
    /// <param name="host">Host name or IP address.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>At least one address, in the order to try.</returns>
    /// <exception cref="PlatformException">
    /// Kind <see cref="PlatformErrorKind.LinkDown"/> when the name has no address; the message names the name and the
    /// name servers asked.
    /// </exception>
    Task<IReadOnlyList<IPAddress>> ResolveAddressesAsync(string host, CancellationToken cancellationToken) =>
        SystemAddressResolver.ResolveAsync(host, cancellationToken);
}
