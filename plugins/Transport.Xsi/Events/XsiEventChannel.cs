using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Framing;
using Serilog;

namespace Ecsta.Plugins.Transport.Xsi.Events;

/// <summary>
/// One Xsi-Events streaming channel on one XSP: the open <c>POST …/channel</c> response read as a sequence of
/// documents (the wire model's splitter), its heartbeat and refresh sent to the same XSP.
/// </summary>
internal sealed class XsiEventChannel : IAsyncDisposable
{
    private readonly XsiRequester _requester;
    private readonly HttpResponseMessage _response;
    private readonly Stream _stream;
    private readonly XsiChunkSplitter _splitter;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private Task _readLoop = Task.CompletedTask;
    private long _unansweredSince;

    private XsiEventChannel(XsiRequester requester, ServiceTarget target, HttpResponseMessage response, Stream stream, XsiChunkSplitter splitter, TimeProvider time, ILogger log)
    {
        _requester = requester;
        Target = target;
        _response = response;
        _stream = stream;
        _splitter = splitter;
        _time = time;
        _log = log;
    }

    public ServiceTarget Target { get; }

    public string ChannelId { get; private set; } = string.Empty;

    public string ChannelSetId { get; private set; } = string.Empty;

    public int Expires { get; private set; }

    public DateTimeOffset RefreshDue { get; private set; }

    /// <summary>Whether a heartbeat has waited longer than <paramref name="limit"/> for its <c>ChannelHeartBeat</c> on the stream.</summary>
    public bool HeartbeatUnanswered(TimeSpan limit)
    {
        var since = Interlocked.Read(ref _unansweredSince);
        return since != 0 && _time.GetElapsedTime(since) > limit;
    }

    /// <summary>Opens the channel and reads its first document, the <c>Channel</c> with the granted id and expiry.</summary>
    public static async Task<XsiEventChannel> OpenAsync(XsiRequester requester, ServiceTarget target, XsiChannel request, TimeProvider time, TimeSpan timeout, ILogger log, CancellationToken cancellationToken)
    {
        var response = await requester.OpenStreamAsync(new XsiRequest(HttpMethod.Post, target, XsiPaths.StreamingChannel, request), cancellationToken).ConfigureAwait(false);
        Stream? stream = null;
        try
        {
            stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var splitter = new XsiChunkSplitter();
            var channel = new XsiEventChannel(requester, target, response, stream, splitter, time, log);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            var first = await channel.ReadDocumentAsync(limit.Token).ConfigureAwait(false)
                ?? throw new PlatformException(PlatformErrorKind.Failed, $"{target.Host}:{target.Port} closed the event channel before sending its Channel document.");
            requester.TraceReceived(target, first);
            var granted = XsiReader.Read<XsiChannel>(first);
            channel.ChannelSetId = request.ChannelSetId ?? string.Empty;
            channel.ChannelId = granted.ChannelId ?? throw new PlatformException("The Channel document has no channelId.");
            channel.SetExpiry(granted.Expires ?? request.Expires ?? 3600);
            return channel;
        }
        catch (Exception ex) when (ex is XsiFormatException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            response.Dispose();
            throw ex is OperationCanceledException
                ? new PlatformException(PlatformErrorKind.Timeout, $"{target.Host}:{target.Port} sent no Channel document in time.")
                : new PlatformException(PlatformErrorKind.Failed, $"The event channel on {target.Host}:{target.Port} failed: {ex.Message}", null, ex);
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            response.Dispose();
            throw;
        }
    }

    /// <summary>Starts reading: every document goes to <paramref name="onDocument"/> in order; the end of the stream to <paramref name="onLost"/>.</summary>
    public void Start(Func<XsiEventChannel, byte[], CancellationToken, ValueTask> onDocument, Action<XsiEventChannel, string> onLost) =>
        _readLoop = Task.Run(() => ReadLoopAsync(onDocument, onLost, _stop.Token));

    /// <summary>Marks a <c>ChannelHeartBeat</c> as received.</summary>
    public void HeartbeatEchoed() => Interlocked.Exchange(ref _unansweredSince, 0);

    /// <summary>Sends the heartbeat (<c>PUT channel/{id}/heartbeat</c>) to the XSP holding the stream.</summary>
    public async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        Interlocked.CompareExchange(ref _unansweredSince, Math.Max(1, _time.GetTimestamp()), 0);
        await _requester.SendAsync(new XsiRequest(HttpMethod.Put, Target, XsiPaths.Heartbeat(ChannelId)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refreshes the channel's expiry and accepts what the server grants.</summary>
    public async Task RefreshAsync(int expires, CancellationToken cancellationToken)
    {
        var response = await _requester.SendAsync(new XsiRequest(HttpMethod.Put, Target, XsiPaths.Channel(ChannelId), new XsiChannel { Expires = expires }), cancellationToken).ConfigureAwait(false);
        var granted = response.Body.Length > 0 ? XsiReader.Read<XsiChannel>(response.Body).Expires : null;
        SetExpiry(granted ?? expires);
    }

    /// <summary>Deletes the channel on the server, best effort.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _requester.SendAsync(new XsiRequest(HttpMethod.Delete, Target, XsiPaths.Channel(ChannelId)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlatformException or OperationCanceledException)
        {
            _log.Debug("Deleting channel {ChannelId} failed: {Error}", ChannelId, ex.Message);
        }
    }

    private void SetExpiry(int expires)
    {
        Expires = Math.Max(2, expires);
        RefreshDue = _time.GetUtcNow() + TimeSpan.FromSeconds(Expires / 2.0);
    }

    private async Task<byte[]?> ReadDocumentAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            if (_splitter.TryReadDocument(out var document))
            {
                return document;
            }

            var read = await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            _splitter.Append(buffer.AsSpan(0, read));
        }
    }

    private async Task ReadLoopAsync(Func<XsiEventChannel, byte[], CancellationToken, ValueTask> onDocument, Action<XsiEventChannel, string> onLost, CancellationToken cancellationToken)
    {
        string reason;
        try
        {
            while (true)
            {
                var document = await ReadDocumentAsync(cancellationToken).ConfigureAwait(false);
                if (document is null)
                {
                    reason = $"{Target.Host}:{Target.Port} closed event channel {ChannelId}";
                    break;
                }

                _requester.TraceReceived(Target, document);
                await onDocument(this, document, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or XsiFormatException or ObjectDisposedException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            reason = $"Event channel {ChannelId} on {Target.Host}:{Target.Port} broke: {ex.Message}";
        }

        onLost(this, reason);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The loop ends with the stream.
        }

        _stop.Dispose();
    }
}
