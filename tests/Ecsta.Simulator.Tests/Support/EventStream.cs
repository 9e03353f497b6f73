using System.Net;
using System.Text;
using System.Threading.Channels;
using Ecsta.BroadWorks.Framing;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;

namespace Ecsta.Simulator.Tests.Support;

/// <summary>
/// An Xsi-Events client for tests: opens the streaming channel with a plain HttpClient, splits the
/// stream into documents, acknowledges events (optionally) and hands them out per monitored user.
/// </summary>
internal sealed class EventStream : IAsyncDisposable
{
    public const string ChannelPath = "com.broadsoft.async/com.broadsoft.xsi-events/v2.0/channel";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly HttpClient _streamClient;
    private readonly HttpClient _client;
    private readonly bool _autoAck;
    private readonly Channel<XsiDocument> _documents = Channel.CreateUnbounded<XsiDocument>();
    private readonly List<XsiSubscriptionEvent> _events = [];
    private readonly Dictionary<string, string> _targetBySubscription = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _signal = new(0);
    private HttpResponseMessage? _response;
    private Task? _pump;

    private EventStream(HttpClient streamClient, HttpClient client, bool autoAck, string channelSetId)
    {
        _streamClient = streamClient;
        _client = client;
        _autoAck = autoAck;
        ChannelSetId = channelSetId;
    }

    public string ChannelSetId { get; }

    public string ChannelId { get; private set; } = string.Empty;

    public HttpResponseMessage Response => _response!;

    public List<XsiDocument> Others { get; } = [];

    public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<EventStream> OpenAsync(HttpClient streamClient, HttpClient client, bool autoAck, string channelSetId, int priority = 1, int weight = 50, string? applicationId = null)
    {
        var stream = new EventStream(streamClient, client, autoAck, channelSetId);
        var body = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Channel xmlns=\"http://schema.broadsoft.com/xsi\"><channelSetId>{channelSetId}</channelSetId><priority>{priority}</priority><weight>{weight}</weight><expires>3600</expires>{(applicationId is null ? string.Empty : "<applicationId>" + applicationId + "</applicationId>")}</Channel>";
        using var request = new HttpRequestMessage(HttpMethod.Post, ChannelPath) { Content = new StringContent(body, Encoding.UTF8, "application/xml") };
        stream._response = await streamClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream._response.StatusCode);
        stream._pump = stream.PumpAsync();
        var first = await stream.NextDocumentAsync();
        stream.ChannelId = Assert.IsType<XsiChannel>(first).ChannelId!;
        return stream;
    }

    private async Task PumpAsync()
    {
        try
        {
            await using var body = await _response!.Content.ReadAsStreamAsync(_stop.Token);
            var splitter = new XsiChunkSplitter();
            var buffer = new byte[16384];
            int read;
            while ((read = await body.ReadAsync(buffer, _stop.Token)) > 0)
            {
                splitter.Append(buffer.AsSpan(0, read));
                while (splitter.TryReadDocument(out var bytes))
                {
                    XsiDocument document;
                    try
                    {
                        document = XsiReader.Read(bytes);
                    }
                    catch (XsiFormatException)
                    {
                        Others.Add(new XsiErrorInfo("unparsable", Encoding.UTF8.GetString(bytes)));
                        continue;
                    }

                    await _documents.Writer.WriteAsync(document);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or XsiFormatException)
        {
            // Stream ended or was cut.
        }
        finally
        {
            _documents.Writer.TryComplete();
            Ended.TrySetResult();
        }
    }

    /// <summary>The next document of any kind (channel, heartbeat, event).</summary>
    public async Task<XsiDocument> NextDocumentAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Wait);
        return await _documents.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Reads documents until one matches.</summary>
    public async Task<T> NextOfTypeAsync<T>(TimeSpan? timeout = null)
        where T : XsiDocument
    {
        while (true)
        {
            var document = await NextDocumentAsync(timeout);
            if (document is T match)
            {
                return match;
            }

            if (document is XsiSubscriptionEvent e)
            {
                await RecordAsync(e);
            }
        }
    }

    public async Task<string> SubscribeUserAsync(string userId, string package = "Advanced Call", HttpClient? client = null)
    {
        var id = await SubscribeAsync($"com.broadsoft.xsi-events/v2.0/user/{userId}", package, client);
        _targetBySubscription[id] = userId;
        return id;
    }

    public Task<string> SubscribeGroupAsync(string enterpriseId, string groupId, string package = "Advanced Call", HttpClient? client = null, string kind = "enterprise") =>
        SubscribeAsync($"com.broadsoft.xsi-events/v2.0/{kind}/{enterpriseId}/group/{groupId}", package, client);

    private async Task<string> SubscribeAsync(string path, string package, HttpClient? client)
    {
        var body = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Subscription xmlns=\"http://schema.broadsoft.com/xsi\"><event>{package}</event><expires>3600</expires><channelSetId>{ChannelSetId}</channelSetId><applicationId>tests</applicationId></Subscription>";
        using var response = await (client ?? _client).PostAsync(path, new StringContent(body, Encoding.UTF8, "application/xml"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"subscribe {path}: {(int)response.StatusCode} {text}");
        return XsiReader.Read<XsiSubscription>(text).SubscriptionId!;
    }

    public async Task AcknowledgeAsync(string eventId)
    {
        var body = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><EventResponse xmlns=\"http://schema.broadsoft.com/xsi\"><eventID>{eventId}</eventID><statusCode>200</statusCode><reason>OK</reason></EventResponse>";
        using var response = await _client.PostAsync("com.broadsoft.xsi-events/v2.0/channel/eventresponse", new StringContent(body, Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task<HttpStatusCode> HeartbeatAsync()
    {
        using var response = await _client.PutAsync($"com.broadsoft.xsi-events/v2.0/channel/{ChannelId}/heartbeat", null);
        return response.StatusCode;
    }

    private async Task RecordAsync(XsiSubscriptionEvent e)
    {
        if (_autoAck)
        {
            await AcknowledgeAsync(e.EventId);
        }

        lock (_events)
        {
            _events.Add(e);
        }

        _signal.Release();
    }

    private string TargetOf(XsiSubscriptionEvent e) =>
        e.TargetId ?? (e.SubscriptionId is { } id && _targetBySubscription.TryGetValue(id, out var user) ? user : e.UserId ?? string.Empty);

    /// <summary>Takes the next <paramref name="count"/> events about <paramref name="userId"/>, in order.</summary>
    public async Task<List<XsiSubscriptionEvent>> TakeAsync(string userId, int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Wait);
        var taken = new List<XsiSubscriptionEvent>();
        while (true)
        {
            lock (_events)
            {
                foreach (var found in _events.Where(x => TargetOf(x) == userId).Take(count - taken.Count).ToList())
                {
                    _events.Remove(found);
                    taken.Add(found);
                }
            }

            if (taken.Count == count)
            {
                return taken;
            }

            var readTask = _documents.Reader.ReadAsync(cts.Token).AsTask();
            XsiDocument document;
            try
            {
                document = await readTask;
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Only {taken.Count} of {count} events for {userId}: {string.Join(", ", taken.Select(t => t.EventData.Type))}");
            }

            if (document is XsiSubscriptionEvent e)
            {
                await RecordAsync(e);
            }
            else
            {
                Others.Add(document);
            }
        }
    }

    /// <summary>The event types of the next <paramref name="count"/> events about the user.</summary>
    public async Task<List<string>> TypesAsync(string userId, int count) =>
        [.. (await TakeAsync(userId, count)).Select(e => e.EventData.Type)];

    /// <summary>True when no further event about the user arrives within <paramref name="quiet"/>.</summary>
    public async Task<bool> IsQuietAsync(string userId, TimeSpan quiet)
    {
        try
        {
            var extra = await TakeAsync(userId, 1, quiet);
            lock (_events)
            {
                _events.InsertRange(0, extra);
            }

            return false;
        }
        catch (TimeoutException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response?.Dispose();
        if (_pump is not null)
        {
            await _pump;
        }

        _stop.Dispose();
        _signal.Dispose();
    }
}
