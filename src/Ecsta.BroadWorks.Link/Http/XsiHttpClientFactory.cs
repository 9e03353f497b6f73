using System.Net;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Link.Net;

namespace Ecsta.BroadWorks.Link.Http;

/// <summary>
/// Builds the one <see cref="HttpClient"/> of a link: HTTP/1.1, the proxy for all traffic, strict TLS validation. Without
/// a proxy, XSP names are resolved by the host's resolver (<see cref="TargetConnector"/>), so SRV targets known only to
/// the configured name servers are reachable; through a proxy the proxy resolves them, and only the proxy's own name
/// is looked up, by the operating system.
/// </summary>
public static class XsiHttpClientFactory
{
    public static HttpClient Create(PlatformLinkOptions options, ServerCertificateValidator validator, IServiceLocator locator)
    {
        // A plain-HTTP proxy may not keep a client connection open for a second request (tinyproxy answers the first and
        // closes, and drops the strip of "Connection: close" from the answer, so the client would reuse a connection the
        // proxy is closing: "the response ended prematurely"). Through such a proxy no connection is pooled: every
        // request gets a fresh one. HTTPS goes through a CONNECT tunnel, which the proxy keeps open.
        var noPooling = options.Proxy is not null && !ConnectionTypes.IsSecure(options.ConnectionType);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.RequestTimeout,
            PooledConnectionIdleTimeout = noPooling ? TimeSpan.Zero : TimeSpan.FromSeconds(60),
            PooledConnectionLifetime = noPooling ? TimeSpan.Zero : TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
            UseProxy = options.Proxy is not null,
            Proxy = options.Proxy is { } proxy ? CreateProxy(proxy) : null,
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                    validator.Validate(certificate as System.Security.Cryptography.X509Certificates.X509Certificate2, chain, errors),
            },
        };
        if (options.Proxy is null)
        {
            handler.ConnectCallback = TargetConnector.HttpConnectCallback(locator);
        }

        return new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    private static WebProxy CreateProxy(ProxySettings proxy) => new(proxy.Address)
    {
        BypassProxyOnLocal = false,
        UseDefaultCredentials = false,
        Credentials = proxy.UserName is null ? null : new NetworkCredential(proxy.UserName, proxy.Password ?? string.Empty),
    };
}
