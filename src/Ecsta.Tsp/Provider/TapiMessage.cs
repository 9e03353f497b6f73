using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

/// <summary>
/// A LINE_* message as a TSP sends it through LINEEVENT: the message id, the line device, the call (hdCall, 0 for
/// line messages) and the three parameters, plus the decoded text that is logged (e.g. <c>LINE_CALLSTATE CONNECTED/ACTIVE</c>).
/// </summary>
/// <param name="Message">The message id.</param>
/// <param name="DeviceId">The line device.</param>
/// <param name="CallHandle">hdCall, or 0.</param>
/// <param name="Param1">dwParam1.</param>
/// <param name="Param2">dwParam2.</param>
/// <param name="Param3">dwParam3.</param>
public sealed record TapiMessage(LineMessage Message, uint DeviceId, uint CallHandle, uint Param1, uint Param2, uint Param3)
{
    /// <summary>The message with its constants decoded, e.g. <c>LINE_CALLSTATE call=3 CONNECTED/ACTIVE</c>.</summary>
    public string Text => TapiNames.Describe(this);

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>ASYNC_COMPLETION(dwRequestID, lResult).</summary>
/// <param name="RequestId">The request id returned by the operation.</param>
/// <param name="Result">0 (<see cref="LineErr.SUCCESS"/>) or a LINEERR_* value.</param>
public sealed record AsyncCompletion(uint RequestId, LineErr Result)
{
    /// <summary>The completion decoded, e.g. <c>ASYNC_COMPLETION 12 LINEERR_OPERATIONFAILED</c>.</summary>
    public string Text => $"ASYNC_COMPLETION {RequestId} {TapiNames.Result(Result)}";

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>
/// Receives what the core sends to one open line handle (or, for LINE_CREATE/LINE_REMOVE, to the provider). Called on
/// the instance's processing loop, in order: implementations must return quickly and must not block.
/// </summary>
public interface ITapiEventSink
{
    /// <summary>A LINE_* message.</summary>
    void OnMessage(TapiMessage message);

    /// <summary>The completion of a request this handle made.</summary>
    void OnCompletion(AsyncCompletion completion);
}
