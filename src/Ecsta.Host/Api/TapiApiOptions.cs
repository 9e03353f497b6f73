namespace Ecsta.Host.Api;

/// <summary>Limits and timings of the application API.</summary>
internal sealed record TapiApiOptions
{
    /// <summary>The path of the WebSocket endpoint.</summary>
    public string Path { get; init; } = "/tapi";

    /// <summary>
    /// Messages that may wait for one slow application. When its queue is full the connection is closed (with a logged
    /// reason) so that the core never waits for an application.
    /// </summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>The largest JSON-RPC message accepted from an application.</summary>
    public int MaxMessageBytes { get; init; } = 1024 * 1024;

    /// <summary>How long an ASYNC_COMPLETION waits for the reply that carries its request id to be written first.</summary>
    public TimeSpan ReplyWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>WebSocket keep-alive (ping) interval.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many line handles one connection may hold open at once (an application monitoring every line of a large
    /// host opens tens of thousands; a loop that opens the same line forever must not grow the host without bound).
    /// </summary>
    public int MaxOpenLinesPerConnection { get; init; } = 100_000;

    /// <summary>How many IDLE calls stay addressable before the oldest is forgotten.</summary>
    public int IdleCallsKept { get; init; } = 1024;

    /// <summary>Time, for the waits above.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
