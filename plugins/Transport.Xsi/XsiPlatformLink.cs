using Ecsta.Abstractions.Transports;
using Ecsta.Plugins.Transport.Xsi.Events;

namespace Ecsta.Plugins.Transport.Xsi;

/// <summary>
/// One instance's XSI link: Xsi-Actions for the commands, an Xsi-Events channel set for the events, SRV failover,
/// reconnect with backoff (the shared part is <see cref="PlatformLinkBase"/>). See docs/transport-xsi.md.
/// </summary>
public sealed partial class XsiPlatformLink : PlatformLinkBase, IConnectionTester
{
    private readonly LinkSettings _settings;
    private readonly XsiRequester _requester;

    internal XsiPlatformLink(PlatformLinkOptions options, PlatformLinkContext context)
        : this(options, context, LinkSettings.Parse(options.Settings, []))
    {
    }

    private XsiPlatformLink(PlatformLinkOptions options, PlatformLinkContext context, LinkSettings settings)
        : base(options, context, settings)
    {
        _settings = settings;
        _requester = new XsiRequester(XsiHttpClientFactory.Create(options, Validator, context.ServiceLocator), options, Validator, context.ProtocolTrace);
        _requester.Unauthorized += OnUnauthorized;
    }

    /// <summary>The current channel set id (diagnostics and tests), or null when not connected.</summary>
    internal string? ChannelSetId => CurrentSession()?.ChannelSetId;

    protected override string SrvService => "ecsta";

    internal XsiSession? CurrentSession() => (XsiSession?)CurrentLinkSession();

    /// <summary>Authenticates on the target, then makes the session whose channel set will be opened there.</summary>
    protected override async Task<LinkSession> ConnectTargetAsync(ServiceTarget target, CancellationToken cancellationToken)
    {
        await AuthenticateAsync(target, cancellationToken).ConfigureAwait(false);
        return new XsiSession(_requester, Options, _settings, this, Context.Time, Log, target, $"ecsta-{Options.InstanceName}-{InstanceTag}-{Guid.NewGuid():N}");
    }

    protected override Task<XsiProfile> ReadProfileAsync(LinkSession session, string userId, CancellationToken cancellationToken) =>
        ReadProfileAsync(session.Primary, userId, cancellationToken);

    /// <summary>The old subscriptions died with their channel set; delete them anyway, best effort, without waiting.</summary>
    protected override void ForgetLostSession(LinkSession old, CancellationToken cancellationToken) =>
        _ = Task.Run(() => old.DeleteAllSubscriptionsAsync(cancellationToken), CancellationToken.None);

    protected override void DisposeTransport() => _requester.Dispose();

    /// <summary>
    /// Proves the credentials on one XSP: the login's profile (workstation), the directory user's profile (server with
    /// <c>directoryUserId</c>), else the versions document (a group administrator is no user with a profile).
    /// </summary>
    private async Task AuthenticateAsync(ServiceTarget target, CancellationToken cancellationToken)
    {
        var profileUser = IsServer ? _settings.DirectoryUserId : Options.UserId;
        if (profileUser is null)
        {
            await _requester.SendAsync(new XsiRequest(HttpMethod.Get, target, XsiPaths.ActionsVersions), cancellationToken).ConfigureAwait(false);
            return;
        }

        RememberGroup(await ReadProfileAsync(target, profileUser, cancellationToken).ConfigureAwait(false));
    }

    private async Task<XsiProfile> ReadProfileAsync(ServiceTarget target, string userId, CancellationToken cancellationToken) =>
        (await _requester.SendAsync(new XsiRequest(HttpMethod.Get, target, XsiPaths.User(userId) + "/profile"), cancellationToken).ConfigureAwait(false)).Read<XsiProfile>();
}
