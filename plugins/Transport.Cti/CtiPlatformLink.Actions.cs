using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Mapping;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Services;
using Ecsta.Plugins.Transport.Xsi;
using static Ecsta.Plugins.Transport.Xsi.Http.XsiPaths;

namespace Ecsta.Plugins.Transport.Cti;

/// <summary>The commands: tunnelled over the socket, except lines and Remote Office, which use the HTTP side channel.</summary>
public sealed partial class CtiPlatformLink
{
    /// <inheritdoc />
    public async Task<CallStartResult> DialAsync(string userId, string address, CancellationToken cancellationToken)
    {
        var info = XsiQueries.Expect<XsiCallStartInfo>(await SendAsync("POST", $"{Calls(userId)}/new?{Query("address", address)}", cancellationToken, concernsAddress: true).ConfigureAwait(false));
        return new CallStartResult(info.CallId, info.ExternalTrackingId);
    }

    /// <inheritdoc />
    public Task TalkAsync(string userId, string callId, CancellationToken cancellationToken) =>
        SendAsync("PUT", Call(userId, callId) + "/Talk", cancellationToken);

    /// <inheritdoc />
    public Task HoldAsync(string userId, string callId, CancellationToken cancellationToken) =>
        SendAsync("PUT", Call(userId, callId) + "/Hold", cancellationToken);

    /// <inheritdoc />
    public Task ReleaseAsync(string userId, string callId, bool decline, CancellationToken cancellationToken) =>
        SendAsync("DELETE", Call(userId, callId) + (decline ? "?decline=true" : string.Empty), cancellationToken);

    /// <inheritdoc />
    public Task BlindTransferAsync(string userId, string callId, string address, CancellationToken cancellationToken) =>
        SendAsync("PUT", $"{Call(userId, callId)}/BlindTransfer?{Query("address", address)}", cancellationToken, concernsAddress: true);

    /// <inheritdoc />
    public Task ConsultTransferAsync(string userId, string callId, string consultCallId, CancellationToken cancellationToken) =>
        SendAsync("PUT", $"{Call(userId, callId)}/ConsultTransfer/{E(consultCallId)}", cancellationToken);

    /// <inheritdoc />
    public Task StartConferenceAsync(string userId, IReadOnlyList<string> callIds, CancellationToken cancellationToken) =>
        SendAsync("POST", Conference(userId), cancellationToken, new XsiConference { ParticipantCallIds = new ValueList<string>(callIds) });

    /// <inheritdoc />
    public Task AddToConferenceAsync(string userId, string callId, CancellationToken cancellationToken) =>
        SendAsync("PUT", $"{Conference(userId)}/{E(callId)}", cancellationToken);

    /// <inheritdoc />
    public Task HoldConferenceAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync("PUT", Conference(userId) + "/Hold", cancellationToken);

    /// <inheritdoc />
    public Task RetrieveConferenceAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync("PUT", Conference(userId) + "/Talk", cancellationToken);

    /// <inheritdoc />
    public Task ReleaseConferenceAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync("DELETE", Conference(userId), cancellationToken);

    /// <inheritdoc />
    public Task ReconnectAsync(string userId, string callId, CancellationToken cancellationToken) =>
        SendAsync("PUT", Call(userId, callId) + "/Reconnect", cancellationToken);

    /// <inheritdoc />
    public Task SendDtmfAsync(string userId, string callId, string digits, CancellationToken cancellationToken) =>
        SendAsync("PUT", $"{Call(userId, callId)}/TransmitDTMF?{Query("playdtmf", digits)}", cancellationToken);

    /// <inheritdoc />
    public async Task<ServiceSetting> GetServiceAsync(string userId, UserService service, CancellationToken cancellationToken)
    {
        var path = Service(userId, XsiQueries.ServiceName(service));
        var document = service == UserService.RemoteOffice
            ? (await SideAsync(HttpMethod.Get, path, cancellationToken).ConfigureAwait(false)).Read<XsiServiceDocument>()
            : XsiQueries.Expect<XsiServiceDocument>(await SendAsync("GET", path, cancellationToken).ConfigureAwait(false));
        return PlatformEventMapper.MapService(document);
    }

    /// <inheritdoc />
    public Task SetServiceAsync(string userId, ServiceSetting setting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var path = Service(userId, XsiQueries.ServiceName(setting.Service));
        var body = XsiQueries.ServiceBody(setting);
        return setting.Service == UserService.RemoteOffice
            ? SideAsync(HttpMethod.Put, path, cancellationToken, body, concernsAddress: setting.Number is not null)
            : SendAsync("PUT", path, cancellationToken, body, concernsAddress: setting.Number is not null);
    }

    /// <inheritdoc />
    public override Task<CallSnapshotEvent> GetCallsAsync(string userId, CancellationToken cancellationToken) =>
        XsiQueries.ReadCallsAsync(userId, (path, ct) => SendAsync("GET", path, ct), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<PlatformLine>> ReadLinesAsync(CancellationToken cancellationToken)
    {
        // Over the HTTP side channel, as the manual requires.
        if (!IsServer)
        {
            return [XsiQueries.Line((await SideAsync(HttpMethod.Get, User(Options.UserId) + "/profile", cancellationToken).ConfigureAwait(false)).Read<XsiProfile>())];
        }

        return await XsiQueries.ReadDirectoryAsync(_settings.Shared.DirectoryUserId ?? Options.UserId, _settings.Shared.DirectoryPageSize, SideGetAsync, cancellationToken).ConfigureAwait(false);
    }

    private async Task<XsiDocument?> SideGetAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var response = await SideAsync(HttpMethod.Get, pathAndQuery, cancellationToken).ConfigureAwait(false);
        return response.Body.Length == 0 ? null : XsiReader.Read(response.Body);
    }
}
