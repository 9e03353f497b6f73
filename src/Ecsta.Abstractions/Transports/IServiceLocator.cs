namespace Ecsta.Abstractions.Transports;

/// <summary>
/// The host's DNS SRV resolver. Transports ask it for the targets to try, in RFC 2782 order, and fail over
/// along the list.
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
}
