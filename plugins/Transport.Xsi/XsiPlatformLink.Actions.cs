using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Mapping;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Directory;
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
        var response = await SendAsync(HttpMethod.Get, Service(userId, ServiceName(service)), cancellationToken).ConfigureAwait(false);
        return PlatformEventMapper.MapService(response.Read<XsiServiceDocument>());
    }

    /// <inheritdoc />
    public Task SetServiceAsync(string userId, ServiceSetting setting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setting);

        // Partial bodies: only what the setting names.
        XsiServiceDocument body = setting.Service switch
        {
            UserService.CallForwardingAlways => new XsiCallForwardingAlways { Active = setting.Active, ForwardToPhoneNumber = setting.Number },
            UserService.CallForwardingBusy => new XsiCallForwardingBusy { Active = setting.Active, ForwardToPhoneNumber = setting.Number },
            UserService.CallForwardingNoAnswer => new XsiCallForwardingNoAnswer { Active = setting.Active, ForwardToPhoneNumber = setting.Number, NumberOfRings = setting.NumberOfRings },
            UserService.DoNotDisturb => new XsiDoNotDisturb { Active = setting.Active },
            UserService.RemoteOffice => new XsiRemoteOffice { Active = setting.Active, RemoteOfficeNumber = setting.Number },
            _ => throw new ArgumentOutOfRangeException(nameof(setting), setting.Service, "Unknown service."),
        };
        return SendAsync(HttpMethod.Put, Service(userId, ServiceName(setting.Service)), cancellationToken, body, concernsAddress: setting.Number is not null);
    }

    private static string ServiceName(UserService service) => service switch
    {
        UserService.CallForwardingAlways => "CallForwardingAlways",
        UserService.CallForwardingBusy => "CallForwardingBusy",
        UserService.CallForwardingNoAnswer => "CallForwardingNoAnswer",
        UserService.DoNotDisturb => "DoNotDisturb",
        UserService.RemoteOffice => "RemoteOffice",
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "Unknown service."),
    };

    /// <inheritdoc />
    public async Task<CallSnapshotEvent> GetCallsAsync(string userId, CancellationToken cancellationToken)
    {
        var list = (await SendAsync(HttpMethod.Get, Calls(userId), cancellationToken).ConfigureAwait(false)).Read<XsiCalls>();
        var calls = new List<XsiCall>(list.Items.Count);
        foreach (var item in list.Items)
        {
            try
            {
                calls.Add((await SendAsync(HttpMethod.Get, Call(userId, item.CallId), cancellationToken).ConfigureAwait(false)).Read<XsiCall>());
            }
            catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.NotFound)
            {
                // Ended between the list and the details.
            }
        }

        var hook = (await SendAsync(HttpMethod.Get, Calls(userId) + "/HookStatus", cancellationToken).ConfigureAwait(false)).Read<XsiHookStatus>();
        XsiConference? conference = null;
        if (list.Items.Any(i => i.InConference == true))
        {
            try
            {
                conference = (await SendAsync(HttpMethod.Get, Conference(userId), cancellationToken).ConfigureAwait(false)).Read<XsiConference>();
            }
            catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.NotFound)
            {
                // The conference ended meanwhile.
            }
        }

        var members = list.Items.Where(i => i.InConference == true).Select(i => i.CallId).Concat(conference?.ParticipantCallIds ?? []).ToHashSet(StringComparer.Ordinal);
        return new CallSnapshotEvent
        {
            UserId = userId,
            Calls = [.. calls.Select(c => PlatformCallMapper.Map(c, members.Contains(c.CallId)))],
            HookStatus = PlatformCallMapper.ParseHookStatus(hook.HookStatus),
            Conference = conference is null ? null : PlatformEventMapper.MapConference(conference),
        };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PlatformLine>> ReadLinesAsync(CancellationToken cancellationToken)
    {
        if (!IsServer)
        {
            var profile = (await SendAsync(HttpMethod.Get, User(_options.UserId) + "/profile", cancellationToken).ConfigureAwait(false)).Read<XsiProfile>();
            var d = profile.Details;
            return [new PlatformLine(d.UserId, d.Number, d.Extension, FullName(d.FirstName, d.LastName, d.UserId))];
        }

        var directoryUser = _settings.DirectoryUserId ?? _options.UserId;
        var lines = new List<PlatformLine>();
        var start = 1;
        while (true)
        {
            var path = $"{User(directoryUser)}/directories/Group?start={start}&results={_settings.DirectoryPageSize}";
            var page = (await SendAsync(HttpMethod.Get, path, cancellationToken).ConfigureAwait(false)).Read<XsiDirectoryPage>();
            lines.AddRange(page.Entries.Select(e => new PlatformLine(e.UserId, e.Number, e.Extension, FullName(e.FirstName, e.LastName, e.UserId))));
            var count = page.Entries.Count;
            if (count == 0 || lines.Count >= page.TotalAvailableRecords)
            {
                return lines;
            }

            start = page.StartIndex + count;
        }
    }

    private static string FullName(string? first, string? last, string fallback)
    {
        var name = $"{first} {last}".Trim();
        return name.Length > 0 ? name : fallback;
    }
}
