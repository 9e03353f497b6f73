using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Link.Mapping;
using Ecsta.BroadWorks.Xsi.Services;
using Ecsta.Plugins.Transport.Cti.Protocol;
using static Ecsta.BroadWorks.Link.Actions.XsiPaths;

namespace Ecsta.Plugins.Transport.Cti;

/// <summary>
/// How the commands of <see cref="PlatformLinkBase"/> travel: tunnelled over the socket, except lines and
/// Remote Office, which use the HTTP side channel.
/// </summary>
public sealed partial class CtiPlatformLink
{
    /// <inheritdoc />
    public override async Task<ServiceSetting> GetServiceAsync(string userId, UserService service, CancellationToken cancellationToken)
    {
        if (service != UserService.RemoteOffice)
        {
            return await base.GetServiceAsync(userId, service, cancellationToken).ConfigureAwait(false);
        }

        var response = await SideAsync(HttpMethod.Get, Service(userId, XsiQueries.ServiceName(service)), cancellationToken).ConfigureAwait(false);
        return PlatformEventMapper.MapService(response.Read<XsiServiceDocument>());
    }

    /// <inheritdoc />
    public override Task SetServiceAsync(string userId, ServiceSetting setting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Service == UserService.RemoteOffice
            ? SideAsync(HttpMethod.Put, Service(userId, XsiQueries.ServiceName(setting.Service)), cancellationToken, XsiQueries.ServiceBody(setting), concernsAddress: setting.Number is not null)
            : base.SetServiceAsync(userId, setting, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<PlatformLine>> ReadLinesAsync(CancellationToken cancellationToken)
    {
        // Over the HTTP side channel, as the manual requires.
        if (!IsServer)
        {
            return [await ReadUserLineAsync(Options.UserId, cancellationToken).ConfigureAwait(false)];
        }

        return await XsiQueries.ReadDirectoryAsync(_settings.Shared.DirectoryUserId ?? Options.UserId, _settings.Shared.DirectoryPageSize, SideGetAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A user's profile, over the HTTP side channel like the directory.</summary>
    protected override async Task<PlatformLine> ReadUserLineAsync(string userId, CancellationToken cancellationToken) =>
        XsiQueries.Line((await SideAsync(HttpMethod.Get, User(userId) + "/profile", cancellationToken).ConfigureAwait(false)).Read<XsiProfile>());

    /// <summary>Sends a tunnelled Xsi-Actions command on the socket; a 401 fails the link, a broken socket starts a reconnect.</summary>
    protected override async Task<XsiDocument?> SendForDocumentAsync(string method, string pathAndQuery, CancellationToken cancellationToken, XsiDocument? body = null, bool concernsAddress = false)
    {
        var session = (CtiSession)ActiveLinkSession();
        try
        {
            return (await session.SendAsync(method, pathAndQuery, cancellationToken, body, concernsAddress).ConfigureAwait(false)).Document;
        }
        catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.LinkDown)
        {
            session.MarkLost(ex.Message, ex);
            throw;
        }
        catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.Unauthorized)
        {
            OnUnauthorized(ex);
            throw;
        }
    }

    /// <summary>Sends an Xsi-Actions request over the HTTP side channel to the socket's host.</summary>
    private Task<XsiResponse> SideAsync(HttpMethod method, string pathAndQuery, CancellationToken cancellationToken, XsiDocument? body = null, bool concernsAddress = false) =>
        _side.SendAsync(ActiveLinkSession().Primary, method, pathAndQuery, cancellationToken, body, concernsAddress);

    private async Task<XsiDocument?> SideGetAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var response = await SideAsync(HttpMethod.Get, pathAndQuery, cancellationToken).ConfigureAwait(false);
        return response.Body.Length == 0 ? null : XsiReader.Read(response.Body);
    }
}
