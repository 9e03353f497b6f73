using Ecsta.Abstractions.Transports;
using Serilog;

namespace Ecsta.Plugins.Transport.Cti.Http;

/// <summary>
/// The HTTP(S) side channel the manual requires for reading lines and Remote Office: Xsi-Actions on the same host
/// as the CTI socket, port 80 for <c>cti</c> and 443 for <c>ctis</c> (or the <c>httpPort</c> setting). It is the link
/// library's requester, the one the XSI transport uses too (Basic authentication, URL prefix, strict TLS with the
/// same CA/pin, trace with the password masked).
/// </summary>
internal sealed class CtiSideChannel : IDisposable
{
    private readonly XsiRequester _requester;
    private readonly int _port;

    public CtiSideChannel(PlatformLinkOptions options, CtiLinkSettings settings, ServerCertificateValidator validator, IServiceLocator locator, ILogger trace)
    {
        // ctis → https, cti → http: XsiRequester derives the scheme from the connection type.
        _requester = new XsiRequester(XsiHttpClientFactory.Create(options, validator, locator), options, validator, trace);
        _port = PortFor(options, settings);
    }

    /// <summary>The side channel's port: the <c>httpPort</c> setting, else 443 for <c>ctis</c> and 80 for <c>cti</c>.</summary>
    public static int PortFor(PlatformLinkOptions options, CtiLinkSettings settings) =>
        settings.HttpPort ?? (ConnectionTypes.IsSecure(options.ConnectionType) ? 443 : 80);

    /// <summary>Raised when the side channel was answered 401.</summary>
    public event Action<PlatformException>? Unauthorized
    {
        add => _requester.Unauthorized += value;
        remove => _requester.Unauthorized -= value;
    }

    /// <summary>The side channel's target on the host of <paramref name="socketTarget"/>.</summary>
    public ServiceTarget TargetFor(ServiceTarget socketTarget) => new(socketTarget.Host, _port);

    /// <summary>Sends one Xsi-Actions request to the host of <paramref name="socketTarget"/>.</summary>
    public Task<XsiResponse> SendAsync(ServiceTarget socketTarget, HttpMethod method, string pathAndQuery, CancellationToken cancellationToken, Ecsta.BroadWorks.Xsi.XsiDocument? body = null, bool concernsAddress = false) =>
        _requester.SendAsync(new XsiRequest(method, TargetFor(socketTarget), pathAndQuery, body, concernsAddress), cancellationToken);

    public void Dispose() => _requester.Dispose();
}
