using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Link.Actions;
using Ecsta.BroadWorks.Link.Mapping;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Services;
using static Ecsta.BroadWorks.Link.Actions.XsiPaths;

namespace Ecsta.BroadWorks.Link;

/// <summary>
/// The Xsi-Actions commands, the same requests whichever way they travel (HTTP for XSI, tunnelled on the socket for
/// CTI): the transport supplies <see cref="SendForDocumentAsync"/> (and, where it can skip reading the answer,
/// <see cref="SendCommandAsync"/>).
/// </summary>
public abstract partial class PlatformLinkBase
{
    /// <inheritdoc />
    public async Task<CallStartResult> DialAsync(string userId, string address, CancellationToken cancellationToken)
    {
        var info = XsiQueries.Expect<XsiCallStartInfo>(await SendForDocumentAsync("POST", $"{Calls(userId)}/new?{Query("address", address)}", cancellationToken, concernsAddress: true).ConfigureAwait(false));
        return new CallStartResult(info.CallId, info.ExternalTrackingId);
    }

    /// <inheritdoc />
    public Task TalkAsync(string userId, string callId, CancellationToken cancellationToken) =>
        SendCommandAsync("PUT", Call(userId, callId) + "/Talk", cancellationToken);

    /// <inheritdoc />
    public Task HoldAsync(string userId, string callId, CancellationToken cancellationToken) =>
        SendCommandAsync("PUT", Call(userId, callId) + "/Hold", cancellationToken);

    /// <inheritdoc />
    public Task ReleaseAsync(string userId, string callId, bool decline, CancellationToken cancellationToken) =>
        SendCommandAsync("DELETE", Call(userId, callId) + (decline ? "?decline=true" : string.Empty), cancellationToken);

    /// <inheritdoc />
    public Task BlindTransferAsync(string userId, string callId, string address, CancellationToken cancellationToken) =>
        SendCommandAsync("PUT", $"{Call(userId, callId)}/BlindTransfer?{Query("address", address)}", cancellationToken, concernsAddress: true);

    /// <inheritdoc />
    public Task ConsultTransferAsync(string userId, string callId, string consultCallId, CancellationToken cancellationToken) =>
        SendCommandAsync("PUT", $"{Call(userId, callId)}/ConsultTransfer/{E(consultCallId)}", cancellationToken);

    /// <inheritdoc />
    public Task StartConferenceAsync(string userId, IReadOnlyList<string> callIds, CancellationToken cancellationToken) =>
        SendCommandAsync("POST", Conference(userId), cancellationToken, new XsiConference { ParticipantCallIds = new ValueList<string>(callIds) });

    /// <inheritdoc />
    public Task AddToConferenceAsync(string userId, string callId, CancellationToken cancellationToken) =>
        SendCommandAsync("PUT", $"{Conference(userId)}/{E(callId)}", cancellationToken);

    /// <inheritdoc />
    public Task HoldConferenceAsync(string userId, CancellationToken cancellationToken) =>
        SendCommandAsync("PUT", Conference(userId) + "/Hold", cancellationToken);

    /// <inheritdoc />
    public Task RetrieveConferenceAsync(string userId, CancellationToken cancellationToken) =>
        SendCommandAsync("PUT", Conference(userId) + "/Talk", cancellationToken);

    /// <inheritdoc />
    public Task ReleaseConferenceAsync(string userId, CancellationToken cancellationToken) =>
        SendCommandAsync("DELETE", Conference(userId), cancellationToken);

    /// <inheritdoc />
    public Task ReconnectAsync(string userId, string callId, CancellationToken cancellationToken) =>
        SendCommandAsync("PUT", Call(userId, callId) + "/Reconnect", cancellationToken);

    /// <inheritdoc />
    public Task SendDtmfAsync(string userId, string callId, string digits, CancellationToken cancellationToken) =>
        SendCommandAsync("PUT", $"{Call(userId, callId)}/TransmitDTMF?{Query("playdtmf", digits)}", cancellationToken);

    /// <inheritdoc />
    public virtual async Task<ServiceSetting> GetServiceAsync(string userId, UserService service, CancellationToken cancellationToken)
    {
        var document = await SendForDocumentAsync("GET", Service(userId, XsiQueries.ServiceName(service)), cancellationToken).ConfigureAwait(false);
        return PlatformEventMapper.MapService(XsiQueries.Expect<XsiServiceDocument>(document));
    }

    /// <inheritdoc />
    public virtual Task SetServiceAsync(string userId, ServiceSetting setting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return SendCommandAsync("PUT", Service(userId, XsiQueries.ServiceName(setting.Service)), cancellationToken, XsiQueries.ServiceBody(setting), concernsAddress: setting.Number is not null);
    }

    /// <inheritdoc />
    public Task<CallSnapshotEvent> GetCallsAsync(string userId, CancellationToken cancellationToken) =>
        XsiQueries.ReadCallsAsync(userId, (path, ct) => SendForDocumentAsync("GET", path, ct), cancellationToken);

    /// <inheritdoc />
    public abstract Task<IReadOnlyList<PlatformLine>> ReadLinesAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    public async Task<PlatformLine?> ReadUserAsync(string userId, CancellationToken cancellationToken) =>
        await ReadUserLineAsync(userId, cancellationToken).ConfigureAwait(false);

    /// <summary>The line a user's profile describes (<c>GET user/{userId}/profile</c>); the transport may send it another way.</summary>
    protected virtual async Task<PlatformLine> ReadUserLineAsync(string userId, CancellationToken cancellationToken) =>
        XsiQueries.Line(XsiQueries.Expect<XsiProfile>(await SendForDocumentAsync("GET", User(userId) + "/profile", cancellationToken).ConfigureAwait(false)));

    /// <summary>
    /// Sends an Xsi-Actions request to the active session's XSP and returns the answer's document (null without one);
    /// a lost connection marks the session lost (a reconnect starts), a 401 stops the link; errors throw
    /// <see cref="PlatformException"/>.
    /// </summary>
    protected abstract Task<XsiDocument?> SendForDocumentAsync(string method, string pathAndQuery, CancellationToken cancellationToken, XsiDocument? body = null, bool concernsAddress = false);

    /// <summary>Like <see cref="SendForDocumentAsync"/> where the answer's document does not matter.</summary>
    protected virtual Task SendCommandAsync(string method, string pathAndQuery, CancellationToken cancellationToken, XsiDocument? body = null, bool concernsAddress = false) =>
        SendForDocumentAsync(method, pathAndQuery, cancellationToken, body, concernsAddress);
}
