using System.Threading.Channels;
using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Tsp;
using Serilog;
using StreamJsonRpc;

namespace Ecsta.Host.Api;

/// <summary>
/// One application (one WebSocket connection): the lines it opened, the JSON-RPC methods it calls
/// (<c>TapiSession.Methods.cs</c>) and the bounded queue of notifications on their way to it. The core's sinks only
/// enqueue; a pump sends, so a slow application never blocks the core: when its queue overflows, its connection is
/// closed. An ASYNC_COMPLETION is sent only after the reply that carried its request id.
/// </summary>
internal sealed partial class TapiSession
{
    private readonly TapiApiHub _hub;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private readonly Dictionary<uint, OpenLine> _lines = [];
    private readonly Dictionary<uint, PendingReply> _replies = [];
    private readonly HashSet<uint> _seenCalls = [];
    private readonly Channel<Outgoing> _queue;
    private readonly TaskCompletionSource _abort = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _overflowed;
    private bool _closed;

    public TapiSession(TapiApiHub hub, string peer)
    {
        _hub = hub;
        Id = hub.NextSessionId();
        Peer = peer;
        _log = hub.Log.ForContext("SourceContext", "Api").ForContext("Application", Id);
        _queue = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(hub.Options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    internal int Id { get; }

    internal string Peer { get; }

    /// <summary>Completes when the host ends the session (queue overflow).</summary>
    internal Task Aborted => _abort.Task;

    /// <summary>Why the session was ended by the host, if it was.</summary>
    internal string? AbortReason { get; private set; }

    internal int OpenLineCount
    {
        get
        {
            lock (_gate)
            {
                return _lines.Count;
            }
        }
    }

    private sealed class OpenLine(TapiSession session, TspProvider provider, uint deviceId, LineCallPrivilege privileges) : ITapiEventSink
    {
        public TspProvider Provider { get; } = provider;
        public uint DeviceId { get; } = deviceId;
        public LineCallPrivilege Privileges { get; } = privileges;
        public bool IsOwner => (Privileges & LineCallPrivilege.OWNER) != 0;
        public uint HLine { get; set; }
        public bool Closed { get; set; }

        /// <summary>lineSetStatusMessages: the LINE_LINEDEVSTATE states this handle gets (null: all, until it is set).</summary>
        public LineDevState? DevStates { get; set; }

        /// <summary>lineSetStatusMessages: the LINE_ADDRESSSTATE states this handle gets (null: all, until it is set).</summary>
        public LineAddressState? AddressStates { get; set; }

        /// <summary>lineSelectExtVersion: 0 (none) or <see cref="EcstaExtension.Version"/>.</summary>
        public uint ExtVersion { get; set; }

        /// <summary>lineSetDefaultMediaDetection / lineConditionalMediaDetection: the media modes the handle wants calls of.</summary>
        public LineMediaMode MediaModes { get; set; } = LineMediaMode.INTERACTIVEVOICE;

        public void OnMessage(TapiMessage message) => session.Enqueue(new Outgoing(Provider, this, message, null));

        public void OnCompletion(AsyncCompletion completion) => session.Enqueue(new Outgoing(Provider, this, null, completion));
    }

    private sealed record Outgoing(TspProvider Provider, OpenLine? Line, TapiMessage? Message, AsyncCompletion? Completion);

    private sealed class PendingReply(uint hLine)
    {
        public uint HLine { get; } = hLine;
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private void Enqueue(Outgoing item)
    {
        if (_queue.Writer.TryWrite(item) || _closed)
        {
            return;
        }

        if (Interlocked.Exchange(ref _overflowed, 1) == 0)
        {
            AbortReason = $"the application did not read its messages: {_hub.Options.QueueCapacity} were waiting";
            _log.Warning("Closing the connection of application {Application} ({Peer}): {Reason}", Id, Peer, AbortReason);
            _queue.Writer.TryComplete();
            _abort.TrySetResult();
        }
    }

    /// <summary>LINE_CREATE/LINE_REMOVE from a provider (every application gets them).</summary>
    internal void EnqueueProviderMessage(TspProvider provider, TapiMessage message) => Enqueue(new Outgoing(provider, null, message, null));

    /// <summary>A provider stops: its lines get LINE_CLOSE and are forgotten (the provider is going away).</summary>
    internal void OnProviderStopping(TspProvider provider)
    {
        List<OpenLine> lines;
        lock (_gate)
        {
            lines = [.. _lines.Values.Where(l => ReferenceEquals(l.Provider, provider))];
            foreach (var line in lines)
            {
                _lines.Remove(line.HLine);
                line.Closed = true;
            }
        }

        foreach (var line in lines)
        {
            Enqueue(new Outgoing(provider, line, new TapiMessage(LineMessage.LINE_CLOSE, line.DeviceId, 0, 0, 0, 0), null));
        }
    }

    /// <summary>Called by the message handler after it wrote a message: a written reply releases its ASYNC_COMPLETION.</summary>
    internal void OnWritten(StreamJsonRpc.Protocol.JsonRpcMessage message)
    {
        // The formatter has turned the result into a JToken by the time it is written.
        var requestId = message switch
        {
            StreamJsonRpc.Protocol.JsonRpcResult { Result: ApiAsyncReply reply } => reply.RequestId,
            StreamJsonRpc.Protocol.JsonRpcResult { Result: Newtonsoft.Json.Linq.JObject result } when
                result.TryGetValue("requestId", StringComparison.Ordinal, out var id) && id.Type == Newtonsoft.Json.Linq.JTokenType.Integer => id.ToObject<uint>(),
            _ => 0u,
        };
        if (requestId != 0)
        {
            ReplyFor(requestId, 0).Written.TrySetResult();
        }
    }

    private PendingReply ReplyFor(uint requestId, uint hLine)
    {
        lock (_gate)
        {
            if (!_replies.TryGetValue(requestId, out var pending))
            {
                pending = new PendingReply(hLine);
                _replies[requestId] = pending;
            }

            return pending;
        }
    }

    /// <summary>Sends queued messages until the connection ends.</summary>
    internal async Task PumpAsync(JsonRpc rpc, CancellationToken cancellationToken)
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item.Line is { Closed: true } && item.Message?.Message != LineMessage.LINE_CLOSE)
            {
                continue; // after lineClose the handle gets nothing more
            }

            if (item.Completion is { } completion)
            {
                await SendCompletionAsync(rpc, item.Line, completion, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (Translate(item) is { } payload)
            {
                await rpc.NotifyWithParameterObjectAsync(payload.Message, payload).ConfigureAwait(false);
            }
        }
    }

    private async Task SendCompletionAsync(JsonRpc rpc, OpenLine? line, AsyncCompletion completion, CancellationToken cancellationToken)
    {
        var hLine = HLineOf(line);
        var pending = ReplyFor(completion.RequestId, hLine);
        try
        {
            await pending.Written.Task.WaitAsync(_hub.Options.ReplyWait, _hub.Options.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log.Warning("The reply of request {RequestId} was not written within {Wait}; sending its completion anyway", completion.RequestId, _hub.Options.ReplyWait);
        }

        lock (_gate)
        {
            _replies.Remove(completion.RequestId);
        }

        var payload = new ApiCompletion(completion.RequestId, ApiMapping.Long(completion.Result), TapiNames.Result(completion.Result), hLine);
        await rpc.NotifyWithParameterObjectAsync("ASYNC_COMPLETION", payload).ConfigureAwait(false);
    }

    /// <summary>The core's message as the application sees it: API call handles, app-side parameters, names.</summary>
    private ApiLineMessage? Translate(Outgoing item)
    {
        var m = item.Message!;
        var calls = _hub.Calls;
        var hLine = HLineOf(item.Line);
        var hCall = calls.ToApi(item.Provider, m.CallHandle);
        uint p1 = m.Param1, p2 = m.Param2, p3 = m.Param3;
        switch (m.Message)
        {
            case LineMessage.LINE_CALLSTATE:
                var state = (LineCallState)m.Param1;
                if (state == LineCallState.CONFERENCED)
                {
                    p2 = calls.ToApi(item.Provider, m.Param2);
                }

                p3 = FirstSight(hCall, item.Line);
                if (state == LineCallState.IDLE)
                {
                    lock (_gate)
                    {
                        _seenCalls.Remove(hCall);
                    }

                    calls.NoteIdle(hCall);
                }

                break;
            case LineMessage.LINE_NEWCALL:
                p1 = 0;
                p2 = hCall;
                p3 = FirstSight(hCall, item.Line);
                break;
            case LineMessage.LINE_CREATE:
                p1 = m.DeviceId;
                p2 = 0;
                p3 = 0;
                break;
            case LineMessage.LINE_REMOVE:
                p1 = m.DeviceId;
                p2 = 0;
                p3 = 0;
                break;
            case LineMessage.LINE_LINEDEVSTATE when item.Line?.DevStates is { } wanted && ((LineDevState)p1 & (wanted | LineDevState.REINIT)) == 0:
                return null; // lineSetStatusMessages: not asked for (REINIT always goes through, as in TAPI)
            case LineMessage.LINE_ADDRESSSTATE when item.Line?.AddressStates is { } wanted && ((LineAddressState)p2 & wanted) == 0:
                return null;
            case LineMessage.LINE_CLOSE:
                lock (_gate)
                {
                    _lines.Remove(hLine);
                }

                if (item.Line is { } closed)
                {
                    closed.Closed = true;
                }

                break;
            default:
                break;
        }

        return new ApiLineMessage(m.Message.ToString(), hLine, hCall, m.DeviceId, p1, p2, p3, ApiMapping.Names(m.Message, p1, p2, p3));
    }

    /// <summary>The line's handle; read under the lock so a message that races lineOpen sees the handle lineOpen sets.</summary>
    private uint HLineOf(OpenLine? line)
    {
        if (line is null)
        {
            return 0;
        }

        lock (_gate)
        {
            return line.HLine;
        }
    }

    /// <summary>dwParam3 of LINE_CALLSTATE: the application's privilege the first time it hears of a call, else 0.</summary>
    private uint FirstSight(uint hCall, OpenLine? line)
    {
        if (hCall == 0 || line is null)
        {
            return 0;
        }

        lock (_gate)
        {
            if (!_seenCalls.Add(hCall))
            {
                return 0;
            }
        }

        return (uint)(line.IsOwner ? LineCallPrivilege.OWNER : LineCallPrivilege.MONITOR);
    }

    /// <summary>The connection ended: every line this application opened is closed.</summary>
    internal void Close()
    {
        List<OpenLine> lines;
        lock (_gate)
        {
            _closed = true;
            lines = [.. _lines.Values];
            _lines.Clear();
            _replies.Clear();
        }

        _queue.Writer.TryComplete();
        foreach (var line in lines)
        {
            line.Provider.Close(line.HLine);
        }

        if (lines.Count > 0)
        {
            _log.Information("Application {Application} ({Peer}) disconnected; closed its {Count} line(s)", Id, Peer, lines.Count);
        }
    }
}
