using System.Net.WebSockets;
using StreamJsonRpc;

namespace Ecsta.Host.Api;

/// <summary>
/// Runs one application's JSON-RPC session over any message channel (the WebSocket of <c>/tapi</c>, the native
/// bridge's framed TCP): one <see cref="TapiSession"/> with the same method table, queue and limits, until the channel
/// ends, the session is aborted or the host stops; then the lines it opened are closed.
/// </summary>
internal static class TapiSessionRunner
{
    /// <param name="hub">The API's sessions and options.</param>
    /// <param name="peer">Who is connected, for the log.</param>
    /// <param name="handler">The channel's message handler for the session (it reports written replies to <see cref="TapiSession.OnWritten"/>).</param>
    /// <param name="close">Closes the channel, with the reason the session was aborted (null for a normal end).</param>
    /// <param name="cancellationToken">The host's stop.</param>
    public static async Task RunAsync(TapiApiHub hub, string peer, Func<TapiSession, IJsonRpcMessageHandler> handler, Func<string?, Task> close, CancellationToken cancellationToken)
    {
        var session = new TapiSession(hub, peer);
        var log = hub.Log.ForContext("SourceContext", "Api");
        log.Information("Application {Application} connected from {Peer}", session.Id, peer);
        hub.Register(session);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var rpc = new JsonRpc(handler(session));
        rpc.AddLocalRpcTarget(session, new JsonRpcTargetOptions { AllowNonPublicInvocation = false });
        rpc.StartListening();
        var pump = session.PumpAsync(rpc, stop.Token);
        try
        {
            await Task.WhenAny(rpc.Completion, pump, session.Aborted, Task.Delay(Timeout.Infinite, stop.Token)).ConfigureAwait(false);
        }
        finally
        {
            hub.Unregister(session);
            session.Close();
            await stop.CancelAsync().ConfigureAwait(false);
            await close(session.AbortReason).ConfigureAwait(false);
            rpc.Dispose();
            await Observe(pump).ConfigureAwait(false);
            await Observe(rpc.Completion).ConfigureAwait(false);
            log.Information("Application {Application} ({Peer}) disconnected{Reason}", session.Id, peer, session.AbortReason is null ? "" : ": " + session.AbortReason);
        }
    }

    private static async Task Observe(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or ConnectionLostException
            or IOException or InvalidOperationException)
        {
            // the connection is over; its end was logged
        }
    }
}
