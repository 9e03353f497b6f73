using System.Threading.Channels;
using Ecsta.Abstractions.Platform;

namespace Ecsta.Abstractions.Transports;

/// <summary>
/// One instance's connection to BroadWorks. Commands return when the platform has answered (not when the
/// confirming event arrived); failures throw <see cref="PlatformException"/>. Events arrive, in order, on
/// <see cref="Events"/>. Implementations reconnect by themselves after a fault and report it there
/// (<see cref="LinkStateEvent"/>, then a <see cref="CallSnapshotEvent"/> per monitored user). A snapshot read with a
/// separate request and put on <see cref="Events"/> carries <see cref="CallSnapshotEvent.ReadAfterEvents"/>.
/// </summary>
public interface IPlatformLink : IAsyncDisposable
{
    /// <summary>The ordered stream of platform events.</summary>
    ChannelReader<PlatformEvent> Events { get; }

    /// <summary>The link's current state.</summary>
    LinkState State { get; }

    /// <summary>Connects and authenticates (SRV first, failing over along the targets); the link keeps itself up until disposed.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Starts monitoring these users (workstation: the user; server: the group, plus a snapshot per user). Idempotent.</summary>
    Task MonitorAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>Stops monitoring these users.</summary>
    Task StopMonitoringAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>Reads the lines this login may use: the group's users (server mode, all pages) or the user itself.</summary>
    Task<IReadOnlyList<PlatformLine>> ReadLinesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads one user's number, extension and name from the user's profile (<c>GET user/{userId}/profile</c>). The
    /// core fills a line's number and name with it when the configuration does not give them. The default returns
    /// <see langword="null"/>: the transport cannot say, and the line keeps what is configured.
    /// </summary>
    /// <param name="userId">The BroadWorks user id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<PlatformLine?> ReadUserAsync(string userId, CancellationToken cancellationToken) => Task.FromResult<PlatformLine?>(null);

    /// <summary>Reads a user's calls now (<c>GET calls</c> and the details of each).</summary>
    Task<CallSnapshotEvent> GetCallsAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Places a call from the user's phone (click-to-dial, <c>POST calls/new</c>).</summary>
    Task<CallStartResult> DialAsync(string userId, string address, CancellationToken cancellationToken);

    /// <summary>Answers an alerting call, or retrieves a held one (<c>Talk</c>).</summary>
    Task TalkAsync(string userId, string callId, CancellationToken cancellationToken);

    /// <summary>Holds a call.</summary>
    Task HoldAsync(string userId, string callId, CancellationToken cancellationToken);

    /// <summary>Releases a call; with <paramref name="decline"/> an alerting call is rejected.</summary>
    Task ReleaseAsync(string userId, string callId, bool decline, CancellationToken cancellationToken);

    /// <summary>Blind-transfers a call (also redirects an alerting call).</summary>
    Task BlindTransferAsync(string userId, string callId, string address, CancellationToken cancellationToken);

    /// <summary>Transfers <paramref name="callId"/> to the party of <paramref name="consultCallId"/>.</summary>
    Task ConsultTransferAsync(string userId, string callId, string consultCallId, CancellationToken cancellationToken);

    /// <summary>Starts a conference of these calls.</summary>
    Task StartConferenceAsync(string userId, IReadOnlyList<string> callIds, CancellationToken cancellationToken);

    /// <summary>Adds a call to the user's conference.</summary>
    Task AddToConferenceAsync(string userId, string callId, CancellationToken cancellationToken);

    /// <summary>Holds the user's conference.</summary>
    Task HoldConferenceAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Retrieves the user's conference.</summary>
    Task RetrieveConferenceAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Ends the user's conference and all its legs.</summary>
    Task ReleaseConferenceAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Retrieves a held call and releases all other calls.</summary>
    Task ReconnectAsync(string userId, string callId, CancellationToken cancellationToken);

    /// <summary>Sends DTMF digits on a call.</summary>
    Task SendDtmfAsync(string userId, string callId, string digits, CancellationToken cancellationToken);

    /// <summary>Reads a service's state.</summary>
    Task<ServiceSetting> GetServiceAsync(string userId, UserService service, CancellationToken cancellationToken);

    /// <summary>Sets a service's state.</summary>
    Task SetServiceAsync(string userId, ServiceSetting setting, CancellationToken cancellationToken);
}
