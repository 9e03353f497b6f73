using System.Net;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Plugins.Transport.Xsi.Http;

/// <summary>Builds the one <see cref="HttpClient"/> of a link: HTTP/1.1, the proxy for all traffic, strict TLS validation.</summary>
internal static class XsiHttpClientFactory
{
    public static HttpClient Create(PlatformLinkOptions options, ServerCertificateValidator validator)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.RequestTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
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
