using System.Net.WebSockets;
using Ecsta.Host.Runtime;
using Serilog;

namespace Ecsta.Host.Api;

/// <summary>
/// The application API: JSON-RPC 2.0 over a WebSocket at <c>/tapi</c> (docs/application-api.md). Every connection
/// presents the access token before the upgrade (else HTTP 401, logged without the token) and becomes one
/// <see cref="TapiSession"/>; when it ends, the lines it opened are closed.
/// </summary>
internal static class TapiApiEndpoint
{
    /// <summary>Maps <c>/tapi</c> onto the host's listener, over the host's running instances.</summary>
    /// <returns>The hub (dispose it when the host stops).</returns>
    public static TapiApiHub MapTapiApi(this WebApplication app, TelephonyRuntime runtime, ApiAccess access, ILogger log, TapiApiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return app.MapTapiApi(new RuntimeProviderSource(runtime), access, log, options);
    }

    /// <summary>Maps <c>/tapi</c> over any provider source (tests).</summary>
    public static TapiApiHub MapTapiApi(this WebApplication app, ITapiProviderSource source, ApiAccess access, ILogger log, TapiApiOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var hub = new TapiApiHub(source, access, log, options);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = hub.Options.KeepAlive });
        app.Map(hub.Options.Path, (RequestDelegate)(context => HandleAsync(context, hub)));
        return hub;
    }

    private static async Task HandleAsync(HttpContext context, TapiApiHub hub)
    {
        var peer = $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
        var refused = hub.Access.Check(context.Request);
        if (refused is not null)
        {
            hub.Log.ForContext("SourceContext", "Api").Warning("Refused an application API connection from {Peer}: {Reason}", peer, refused);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("The application API speaks JSON-RPC over a WebSocket: connect with ws:// or wss://.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        await RunSessionAsync(new BoundedWebSocket(socket, hub.Options.MaxMessageBytes), hub, peer, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Runs one application's session until its socket closes, it is aborted, or the host stops.</summary>
    internal static Task RunSessionAsync(WebSocket socket, TapiApiHub hub, string peer, CancellationToken cancellationToken) =>
        TapiSessionRunner.RunAsync(
            hub,
            peer,
            session => new TapiMessageHandler(socket, TapiJson.CreateFormatter(), session.OnWritten),
            reason => CloseSocketAsync(socket, reason, hub.Options.Time),
            cancellationToken);

    private static async Task CloseSocketAsync(WebSocket socket, string? reason, TimeProvider time)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
            var status = reason is null ? WebSocketCloseStatus.NormalClosure : WebSocketCloseStatus.PolicyViolation;
            await socket.CloseOutputAsync(status, reason is null ? "closing" : Truncate(reason), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }

    private static string Truncate(string text) => text.Length <= 120 ? text : text[..120];
}
