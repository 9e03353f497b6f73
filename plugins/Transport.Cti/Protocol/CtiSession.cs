using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Cti;
using Ecsta.BroadWorks.Xsi.Events;
using Serilog;

namespace Ecsta.Plugins.Transport.Cti.Protocol;

/// <summary>
/// One connection epoch of a CTI link: the socket, the event channel bound to it, and one timer that sends the
/// keepalive with the channel heartbeat and refreshes the channel at half-life. The subscriptions, their refresh and
/// renewal and the shared event handling are <see cref="LinkSession"/>'s (the same code as the XSI session's).
/// </summary>
internal sealed class CtiSession : LinkSession
{
    private readonly PlatformLinkOptions _options;
    private readonly CtiLinkSettings _settings;
    private Task _maintain = Task.CompletedTask;

    public CtiSession(CtiClientConnection connection, PlatformLinkOptions options, CtiLinkSettings settings, ILinkSessionOwner owner, TimeProvider time, ILogger log, string channelSetId)
        : base(settings.Shared, owner, time, log, channelSetId)
    {
        Connection = connection;
        _options = options;
        _settings = settings;
    }

    public CtiClientConnection Connection { get; }

    /// <summary>The XSP of the socket.</summary>
    public override ServiceTarget Primary => Connection.Target;

    public string? ChannelId { get; private set; }

    /// <summary>Called with each subscription event once its eventResponse is written (the connection test waits on it).</summary>
    public Action<XsiSubscriptionEvent>? Acknowledged { get; set; }

    private DateTimeOffset ChannelRefreshDue { get; set; }

    /// <summary>Starts reading the socket (events are held until <see cref="LinkSession.Ready"/>).</summary>
    public void Start() => Connection.Start(OnEventAsync, reason => MarkLost(reason));

    /// <summary>Sends a tunnelled Xsi command and returns its 2xx answer; anything else throws <see cref="PlatformException"/>.</summary>
    public async Task<XspResponse> SendAsync(string method, string xsiPathAndQuery, CancellationToken cancellationToken, XsiDocument? body = null, bool concernsAddress = false)
    {
        var command = new XspCommand(CtiPaths.Uri(xsiPathAndQuery), method) { Document = body };
        var response = await Connection.SendAsync(command, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is >= 200 and < 300)
        {
            return response;
        }

        throw XsiErrors.FromResponse(response.StatusCode, response.Document is null ? [] : XsiWriter.ToBytes(response.Document), concernsAddress);
    }

    /// <summary>Adds the event channel on this socket (the socket is the only XSP), then starts the keepalive timer.</summary>
    public override Task OpenAsync(IReadOnlyList<ServiceTarget> otherTargets, CancellationToken cancellationToken) => OpenChannelAsync(cancellationToken);

    /// <summary>Adds the event channel on this socket, then starts the keepalive timer.</summary>
    public async Task OpenChannelAsync(CancellationToken cancellationToken)
    {
        var response = await SendAsync("POST", XsiPaths.Events + "/channel", cancellationToken, NewChannelRequest()).ConfigureAwait(false);
        var granted = response.Document as XsiChannel ?? throw new PlatformException("The channel answer carries no Channel document.");
        ChannelId = granted.ChannelId ?? throw new PlatformException("The Channel document has no channelId.");
        SetChannelExpiry(granted.Expires ?? Settings.ChannelExpiresSeconds);
        Log.Information("Event channel {ChannelId} open on the CTI socket to {Host}:{Port} (set {ChannelSetId})", ChannelId, Primary.Host, Primary.Port, ChannelSetId);
        _maintain = Task.Run(() => MaintainAsync(Stopping), CancellationToken.None);
    }

    /// <summary>Deletes every subscription and the channel, best effort (on dispose of the link).</summary>
    public override async Task CloseGracefullyAsync(CancellationToken cancellationToken)
    {
        await DeleteAllSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        if (ChannelId is { } channel)
        {
            await DeleteQuietlyAsync(XsiPaths.Channel(channel), cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task<XsiSubscription> PostSubscriptionAsync(XsiSubscriptionTarget target, XsiSubscription request, CancellationToken cancellationToken) =>
        (await SendAsync("POST", target.Path, cancellationToken, request).ConfigureAwait(false)).Document as XsiSubscription
            ?? throw new PlatformException("The subscription answer carries no Subscription document.");

    protected override async Task<int?> RenewSubscriptionAsync(string subscriptionId, XsiSubscription request, CancellationToken cancellationToken) =>
        ((await SendAsync("PUT", XsiPaths.Subscription(subscriptionId), cancellationToken, request).ConfigureAwait(false)).Document as XsiSubscription)?.Expires;

    protected override Task DeleteSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
        DeleteQuietlyAsync(XsiPaths.Subscription(subscriptionId), cancellationToken);

    /// <summary>Waits for the timer, then closes the socket.</summary>
    protected override async ValueTask ShutDownAsync()
    {
        try
        {
            await _maintain.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected.
        }

        await Connection.DisposeAsync().ConfigureAwait(false);
    }

    private void SetChannelExpiry(int expires) =>
        ChannelRefreshDue = Time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(2, expires) / 2.0);

    private async Task DeleteQuietlyAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync("DELETE", path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlatformException or OperationCanceledException)
        {
            Log.Debug("Deleting {Path} failed: {Error}", path, ex.Message);
        }
    }

    private async ValueTask OnEventAsync(XspEvent message, CancellationToken cancellationToken)
    {
        if (message.Event is XsiSubscriptionEvent e)
        {
            try
            {
                await Connection.WriteAsync(new XspEventResponse(new XsiEventResponse(e.EventId), message.RequestId), cancellationToken).ConfigureAwait(false);
            }
            catch (PlatformException ex)
            {
                MarkLost(ex.Message, ex);
                return;
            }

            Acknowledged?.Invoke(e);
        }

        // ChannelTerminatedEvent among the rest: not acknowledged (docs/broadworks.md §4.3).
        await DispatchAsync(message.Event, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every keepalive period: checks that the previous probe (keepalive + channel heartbeat) was answered, counts
    /// misses, declares the session lost after <see cref="CtiLinkSettings.KeepaliveMisses"/> in a row, sends the next
    /// probe, and refreshes channel and subscriptions at half-life.
    /// </summary>
    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_settings.KeepaliveInterval, Time);
        Task<bool>? probe = null;
        var misses = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (probe is not null)
                {
                    if (probe.IsCompletedSuccessfully && probe.Result)
                    {
                        misses = 0;
                    }
                    else if (++misses >= _settings.KeepaliveMisses)
                    {
                        MarkLost($"No answer to the keepalive from {Primary.Host}:{Primary.Port} for {misses} periods of {_settings.KeepaliveInterval.TotalSeconds:0.###} s.");
                        return;
                    }
                }

                if (probe is null || probe.IsCompleted)
                {
                    probe = ProbeAsync(cancellationToken);
                }

                if (await RefreshChannelAsync(cancellationToken).ConfigureAwait(false))
                {
                    await RefreshDueSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
    }

    /// <summary>One keepalive request and one channel heartbeat; true when both were answered (the heartbeat with its <c>ChannelHeartBeat</c>).</summary>
    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        var wait = _settings.KeepaliveInterval * _settings.KeepaliveMisses;
        try
        {
            var keepalive = Connection.SendAsync(null, wait, cancellationToken);
            var heartbeat = ChannelId is { } id
                ? Connection.SendAsync(new XspCommand(CtiPaths.Uri(XsiPaths.Heartbeat(id)), "PUT"), wait, cancellationToken)
                : null;
            var keepaliveAnswer = await keepalive.ConfigureAwait(false);
            if (heartbeat is null)
            {
                return keepaliveAnswer.StatusCode is >= 200 and < 300;
            }

            var heartbeatAnswer = await heartbeat.ConfigureAwait(false);
            if (heartbeatAnswer.StatusCode is 401 or 404)
            {
                var error = XsiErrors.FromResponse(heartbeatAnswer.StatusCode, [], concernsAddress: false);
                MarkLost($"Channel {ChannelId} is gone: {error.Message}", error);
                return false;
            }

            return keepaliveAnswer.StatusCode is >= 200 and < 300 && heartbeatAnswer.Document is XsiChannelHeartBeat;
        }
        catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.LinkDown)
        {
            MarkLost(ex.Message, ex);
            return false;
        }
        catch (PlatformException ex)
        {
            Log.Debug("Keepalive to {Host}:{Port} failed: {Error}", Primary.Host, Primary.Port, ex.Message);
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Refreshes the channel at half-life; false when that lost the session (401, 404, connection gone).</summary>
    private async Task<bool> RefreshChannelAsync(CancellationToken cancellationToken)
    {
        if (ChannelId is not { } channel || Time.GetUtcNow() < ChannelRefreshDue)
        {
            return true;
        }

        try
        {
            var response = await SendAsync("PUT", XsiPaths.Channel(channel), cancellationToken, new XsiChannel { Expires = Settings.ChannelExpiresSeconds }).ConfigureAwait(false);
            SetChannelExpiry((response.Document as XsiChannel)?.Expires ?? Settings.ChannelExpiresSeconds);
            return true;
        }
        catch (PlatformException ex) when (ex.Kind is PlatformErrorKind.Unauthorized or PlatformErrorKind.LinkDown or PlatformErrorKind.NotFound)
        {
            MarkLost(ex.Message, ex);
            return false;
        }
        catch (PlatformException ex)
        {
            Log.Warning("Refreshing channel {ChannelId} failed: {Error}; trying again at the next keepalive", channel, ex.Message);
            return false;
        }
    }
}
