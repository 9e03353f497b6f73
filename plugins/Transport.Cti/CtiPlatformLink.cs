using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Framing;
using Ecsta.Plugins.Transport.Cti.Http;
using Ecsta.Plugins.Transport.Cti.Protocol;

namespace Ecsta.Plugins.Transport.Cti;

/// <summary>
/// One instance's CTI link: one persistent TCP or TLS connection to the XSP carrying tunnelled Xsi-Actions, the event
/// channel and the subscriptions; an HTTP(S) side channel for lines and Remote Office; SRV failover, keepalives,
/// reconnect with backoff. State, monitoring, events, loss and reconnect are the link library's code
/// (<see cref="PlatformLinkBase"/>), the same as the XSI link's, so it behaves towards the core exactly like it. See docs/transport-cti.md.
/// </summary>
public sealed partial class CtiPlatformLink : PlatformLinkBase, IConnectionTester
{
    private readonly CtiLinkSettings _settings;
    private readonly IXmlDocumentFramerFactory _framers;
    private readonly CtiSideChannel _side;

    internal CtiPlatformLink(PlatformLinkOptions options, PlatformLinkContext context, IXmlDocumentFramerFactory? framers = null)
        : this(options, context, CtiLinkSettings.Parse(options.Settings, []), framers)
    {
    }

    private CtiPlatformLink(PlatformLinkOptions options, PlatformLinkContext context, CtiLinkSettings settings, IXmlDocumentFramerFactory? framers)
        : base(options, context, settings.Shared)
    {
        _settings = settings;
        _framers = framers ?? new ConsecutiveXmlDocumentFramerFactory();
        _side = new CtiSideChannel(options, _settings, Validator, context.ServiceLocator, context.ProtocolTrace);
        _side.Unauthorized += OnUnauthorized;
    }

    protected override string SrvService => "ecsta-cti";

    private bool IsSecure => ConnectionTypes.IsSecure(Options.ConnectionType);

    internal CtiSession? CurrentSession() => (CtiSession?)CurrentLinkSession();

    /// <summary>Connects the socket and authenticates with its first request; the session is disposed when either fails.</summary>
    protected override async Task<LinkSession> ConnectTargetAsync(ServiceTarget target, CancellationToken cancellationToken)
    {
        var session = await OpenSessionAsync(target, cancellationToken).ConfigureAwait(false);
        try
        {
            await AuthenticateAsync(session, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override async Task<XsiProfile> ReadProfileAsync(LinkSession session, string userId, CancellationToken cancellationToken)
    {
        var response = await ((CtiSession)session).SendAsync("GET", XsiPaths.User(userId) + "/profile", cancellationToken).ConfigureAwait(false);
        return response.Document as XsiProfile ?? throw new PlatformException("The profile answer carries no Profile document.");
    }

    protected override void DisposeTransport() => _side.Dispose();

    private async Task<CtiSession> OpenSessionAsync(ServiceTarget target, CancellationToken cancellationToken)
    {
        var connection = await CtiClientConnection.OpenAsync(target, IsSecure, Validator, Context.ServiceLocator, _framers, Options, _settings.CredentialsOnEveryRequest, Context.Time, Context.ProtocolTrace, cancellationToken).ConfigureAwait(false);
        var session = new CtiSession(connection, Options, _settings, this, Context.Time, Log, $"ecsta-{Options.InstanceName}-{InstanceTag}-{Guid.NewGuid():N}");
        session.Start();
        return session;
    }

    /// <summary>
    /// The first request of the socket carries the credentials: the login's profile (workstation), the directory
    /// user's profile (server with <c>directoryUserId</c>), else the versions document.
    /// </summary>
    private async Task AuthenticateAsync(CtiSession session, CancellationToken cancellationToken)
    {
        var profileUser = IsServer ? _settings.Shared.DirectoryUserId : Options.UserId;
        if (profileUser is null)
        {
            await session.SendAsync("GET", XsiPaths.ActionsVersions, cancellationToken).ConfigureAwait(false);
            return;
        }

        var response = await session.SendAsync("GET", XsiPaths.User(profileUser) + "/profile", cancellationToken).ConfigureAwait(false);
        if (response.Document is XsiProfile profile)
        {
            RememberGroup(profile);
        }
    }
}
