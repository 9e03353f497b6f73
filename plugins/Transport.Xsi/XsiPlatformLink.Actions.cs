using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Mapping;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Services;
using static Ecsta.Plugins.Transport.Xsi.Http.XsiPaths;

namespace Ecsta.Plugins.Transport.Xsi;

public sealed partial class XsiPlatformLink
{
    /// <inheritdoc />
    public async Task<CallStartResult> DialAsync(string userId, string address, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Post, $"{Calls(userId)}/new?{Query("address", address)}", cancellationToken, concernsAddress: true).ConfigureAwait(false);
        var info = response.Read<XsiCallStartInfo>();
        return new CallStartResult(info.CallId, info.ExternalTrackingId);
    }

    /// <inheritdoc />
    public Task TalkAsync(string userId, string callId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, Call(userId, callId) + "/Talk", cancellationToken);

    /// <inheritdoc />
    public Task HoldAsync(string userId, string callId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, Call(userId, callId) + "/Hold", cancellationToken);

    /// <inheritdoc />
    public Task ReleaseAsync(string userId, string callId, bool decline, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, Call(userId, callId) + (decline ? "?decline=true" : string.Empty), cancellationToken);

    /// <inheritdoc />
    public Task BlindTransferAsync(string userId, string callId, string address, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"{Call(userId, callId)}/BlindTransfer?{Query("address", address)}", cancellationToken, concernsAddress: true);

    /// <inheritdoc />
    public Task ConsultTransferAsync(string userId, string callId, string consultCallId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"{Call(userId, callId)}/ConsultTransfer/{E(consultCallId)}", cancellationToken);

    /// <inheritdoc />
    public Task StartConferenceAsync(string userId, IReadOnlyList<string> callIds, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, Conference(userId), cancellationToken, new XsiConference { ParticipantCallIds = new ValueList<string>(callIds) });

    /// <inheritdoc />
    public Task AddToConferenceAsync(string userId, string callId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"{Conference(userId)}/{E(callId)}", cancellationToken);

    /// <inheritdoc />
    public Task HoldConferenceAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, Conference(userId) + "/Hold", cancellationToken);

    /// <inheritdoc />
    public Task RetrieveConferenceAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, Conference(userId) + "/Talk", cancellationToken);

    /// <inheritdoc />
    public Task ReleaseConferenceAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, Conference(userId), cancellationToken);

    /// <inheritdoc />
    public Task ReconnectAsync(string userId, string callId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, Call(userId, callId) + "/Reconnect", cancellationToken);

    /// <inheritdoc />
    public Task SendDtmfAsync(string userId, string callId, string digits, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"{Call(userId, callId)}/TransmitDTMF?{Query("playdtmf", digits)}", cancellationToken);

    /// <inheritdoc />
    public async Task<ServiceSetting> GetServiceAsync(string userId, UserService service, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, Service(userId, XsiQueries.ServiceName(service)), cancellationToken).ConfigureAwait(false);
        return PlatformEventMapper.MapService(response.Read<XsiServiceDocument>());
    }

    /// <inheritdoc />
    public Task SetServiceAsync(string userId, ServiceSetting setting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return SendAsync(HttpMethod.Put, Service(userId, XsiQueries.ServiceName(setting.Service)), cancellationToken, XsiQueries.ServiceBody(setting), concernsAddress: setting.Number is not null);
    }

    /// <inheritdoc />
    public override Task<CallSnapshotEvent> GetCallsAsync(string userId, CancellationToken cancellationToken) =>
        XsiQueries.ReadCallsAsync(userId, GetDocumentAsync, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<PlatformLine>> ReadLinesAsync(CancellationToken cancellationToken)
    {
        if (!IsServer)
        {
            var profile = (await SendAsync(HttpMethod.Get, User(Options.UserId) + "/profile", cancellationToken).ConfigureAwait(false)).Read<XsiProfile>();
            return [XsiQueries.Line(profile)];
        }

        return await XsiQueries.ReadDirectoryAsync(_settings.DirectoryUserId ?? Options.UserId, _settings.DirectoryPageSize, GetDocumentAsync, cancellationToken).ConfigureAwait(false);
    }

    private async Task<XsiDocument?> GetDocumentAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, pathAndQuery, cancellationToken).ConfigureAwait(false);
        return response.Body.Length == 0 ? null : XsiReader.Read(response.Body);
    }
}
