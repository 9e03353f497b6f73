using System.Net.WebSockets;
using System.Threading.Channels;
using Ecsta.Host.Api;
using Newtonsoft.Json.Linq;
using StreamJsonRpc;

namespace Ecsta.Host.Cli.Call;

/// <summary>A notification from the host: its name (ASYNC_COMPLETION, LINE_CALLSTATE, …) and its parameters.</summary>
internal sealed record TapiEvent(string Name, JObject Payload);

/// <summary>The host refused a call: the LINEERR name (e.g. LINEERR_NOTOWNER) and why, if it said.</summary>
internal sealed class TapiCallException : Exception
{
    public TapiCallException() { }

    public TapiCallException(string message) : base(message) { }

    public TapiCallException(string message, Exception innerException) : base(message, innerException) { }

    public TapiCallException(string lineErr, string message) : base(message) => LineErr = lineErr;

    /// <summary>The LINEERR name, e.g. LINEERR_NOTOWNER.</summary>
    public string LineErr { get; } = "";
}

/// <summary>
/// An application API client: a ClientWebSocket with the bearer token and StreamJsonRpc with the API's formatter.
/// Notifications arrive in order on <see cref="Events"/>.
/// </summary>
internal sealed class TapiClient : IAsyncDisposable
{
    /// <summary>Every notification name the host sends.</summary>
    public static readonly string[] NotificationNames =
    [
        "ASYNC_COMPLETION", "LINE_NEWCALL", "LINE_CALLSTATE", "LINE_CALLINFO", "LINE_ADDRESSSTATE", "LINE_LINEDEVSTATE",
        "LINE_CREATE", "LINE_REMOVE", "LINE_CLOSE",
    ];

    private readonly ClientWebSocket _socket;
    private readonly JsonRpc _rpc;
    private readonly Channel<TapiEvent> _events = Channel.CreateUnbounded<TapiEvent>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly List<TapiEvent> _skipped = [];

    private readonly TimeProvider _time;

    private TapiClient(ClientWebSocket socket, TimeProvider time)
    {
        _socket = socket;
        _time = time;
        _rpc = new JsonRpc(new WebSocketMessageHandler(socket, TapiJson.CreateFormatter()))
        {
            // One notification at a time, in the order they arrived.
            SynchronizationContext = new Microsoft.VisualStudio.Threading.NonConcurrentSynchronizationContext(sticky: false),
        };
        foreach (var name in NotificationNames)
        {
            var target = new NotificationTarget(this, name);
            _rpc.AddLocalRpcMethod(typeof(NotificationTarget).GetMethod(nameof(NotificationTarget.On))!, target,
                new JsonRpcMethodAttribute(name) { UseSingleObjectParameterDeserialization = true });
        }

        _rpc.StartListening();
    }

    /// <summary>Notifications in arrival order.</summary>
    public ChannelReader<TapiEvent> Events => _events.Reader;

    /// <summary>Notifications read past while waiting for a completion (in order).</summary>
    public IReadOnlyList<TapiEvent> Skipped => _skipped;

    /// <summary>Completes when the connection ends.</summary>
    public Task Completion => _rpc.Completion;

    /// <summary>Connects to <paramref name="url"/> (ws:// or wss://, path /tapi) with the token as a bearer header.</summary>
    /// <param name="url">The API.</param>
    /// <param name="token">The API token.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <param name="time">Clock for the close timeout.</param>
    /// <param name="certificateValidation">For wss://: decides on the host's certificate (default: the system store).</param>
    /// <exception cref="TapiConnectException">The host cannot be reached or refused the token.</exception>
    public static async Task<TapiClient> ConnectAsync(Uri url, string token, CancellationToken cancellationToken, TimeProvider? time = null,
        System.Net.Security.RemoteCertificateValidationCallback? certificateValidation = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        socket.Options.CollectHttpResponseDetails = true;
        if (certificateValidation is not null)
        {
            socket.Options.RemoteCertificateValidationCallback = certificateValidation;
        }
        try
        {
            await socket.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException ex)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            throw status == System.Net.HttpStatusCode.Unauthorized
                ? new TapiConnectException($"the host at {url} refused the token (HTTP 401); use --token or ECSTA_TOKEN, or the api-token file beside the configuration", ex)
                : new TapiConnectException($"cannot reach the host at {url}: {Innermost(ex)}", ex);
        }
        catch (HttpRequestException ex)
        {
            socket.Dispose();
            throw new TapiConnectException($"cannot reach the host at {url}: {Innermost(ex)}", ex);
        }

        return new TapiClient(socket, time ?? TimeProvider.System);
    }

    /// <summary>The messages of an exception and its inner ones (a TLS refusal is two levels down), without repeats.</summary>
    private static string Innermost(Exception ex)
    {
        var messages = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (!messages.Contains(e.Message))
            {
                messages.Add(e.Message);
            }
        }

        return string.Join(": ", messages);
    }

    /// <summary>Calls a method with named parameters.</summary>
    /// <exception cref="TapiCallException">The host refused it (LINEERR_*).</exception>
    public async Task<T> InvokeAsync<T>(string method, object? arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await _rpc.InvokeWithParameterObjectAsync<T>(method, arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteInvocationException ex)
        {
            var data = ex.ErrorData as JToken ?? ex.DeserializedErrorData as JToken;
            var name = data?["lineErr"]?.Value<string>() ?? $"error {ex.ErrorCode}";
            var reason = data?["reason"]?.Value<string>();
            throw new TapiCallException(name, reason is null ? name : $"{name} ({reason})");
        }
    }

    /// <summary>Calls a method that returns nothing.</summary>
    public Task InvokeAsync(string method, object? arguments, CancellationToken cancellationToken) =>
        InvokeAsync<JToken?>(method, arguments, cancellationToken);

    /// <summary>Waits for the ASYNC_COMPLETION of <paramref name="requestId"/>; notifications read past are kept in <see cref="Skipped"/>.</summary>
    public async Task<ApiCompletionView> WaitForCompletionAsync(uint requestId, CancellationToken cancellationToken)
    {
        await foreach (var ev in _events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (ev.Name == "ASYNC_COMPLETION" && ev.Payload["requestId"]?.Value<uint>() == requestId)
            {
                return new ApiCompletionView(requestId, ev.Payload["result"]?.Value<int>() ?? 0, ev.Payload["resultName"]?.Value<string>() ?? "");
            }

            _skipped.Add(ev);
        }

        throw new TapiConnectException("the host closed the connection before the request completed");
    }

    private void Receive(string name, JToken payload) =>
        _events.Writer.TryWrite(new TapiEvent(name, payload as JObject ?? new JObject()));

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2), _time).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or TimeoutException or OperationCanceledException or ObjectDisposedException)
            {
                _socket.Abort();
            }
        }

        _rpc.Dispose();
        _socket.Dispose();
        _events.Writer.TryComplete();
    }

    /// <summary>Receives one notification name.</summary>
    private sealed class NotificationTarget(TapiClient client, string name)
    {
        public void On(JToken payload) => client.Receive(name, payload);
    }
}

/// <summary>An ASYNC_COMPLETION as the client reads it.</summary>
internal sealed record ApiCompletionView(uint RequestId, int Result, string ResultName)
{
    public bool Succeeded => Result == 0;
}

/// <summary>The host cannot be reached, refused the token, or went away.</summary>
internal sealed class TapiConnectException : Exception
{
    public TapiConnectException() { }

    public TapiConnectException(string message) : base(message) { }

    public TapiConnectException(string message, Exception innerException) : base(message, innerException) { }
}
