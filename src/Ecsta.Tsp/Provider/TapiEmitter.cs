using Ecsta.Abstractions.Tapi;
using Serilog;

namespace Ecsta.Tsp.Provider;

/// <summary>
/// Hands messages to applications: LINE_* to every open handle of a line (as the handle's status-message filters
/// allow), LINE_CREATE and LINE_REMOVE to the provider-wide sinks, an ASYNC_COMPLETION to the handle that asked; logs
/// each one decoded. A sink that throws is logged and never stops the loop. Remembers which lines got messages in the
/// current step, for the end-of-step messages (R3). Called on the loop, under the provider's lock.
/// </summary>
internal sealed class TapiEmitter(ILogger log)
{
    private readonly List<ITapiEventSink> _providerSinks = [];

    /// <summary>The lines that got a message or a completion in the current step.</summary>
    public HashSet<LineDevice> Touched { get; } = [];

    /// <summary>Registers a sink for provider-wide messages (LINE_CREATE, LINE_REMOVE).</summary>
    public void AddProviderSink(ITapiEventSink sink) => _providerSinks.Add(sink);

    /// <summary>Hands a message to one handle unless it is closed or its filters leave the message out.</summary>
    public void Deliver(LineHandle handle, TapiMessage message)
    {
        if (handle.Closed)
        {
            return;
        }

        if (message.Message == LineMessage.LINE_LINEDEVSTATE && ((uint)handle.LineStates & message.Param1) == 0)
        {
            return;
        }

        if (message.Message == LineMessage.LINE_ADDRESSSTATE && ((uint)handle.AddressStates & message.Param2) == 0)
        {
            return;
        }

        try
        {
            handle.Sink.OnMessage(message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            log.Warning(ex, "A sink failed to take {Message}", message.Text);
        }
    }

    /// <summary>Sends a message to every open handle of the line, and logs it decoded.</summary>
    public void Send(LineDevice line, LineMessage message, uint callHandle, uint p1, uint p2, uint p3)
    {
        var m = new TapiMessage(message, line.DeviceId, callHandle, p1, p2, p3);
        Touched.Add(line);
        if (log.IsEnabled(Serilog.Events.LogEventLevel.Debug))
        {
            log.Debug("Line {DeviceId} {TapiMessage}", line.DeviceId, m.Text);
        }

        foreach (var handle in line.Handles)
        {
            Deliver(handle, m);
        }
    }

    /// <summary>Sends a provider-wide message to every provider sink.</summary>
    public void SendProvider(TapiMessage message)
    {
        log.Information("{TapiMessage}", message.Text);
        foreach (var sink in _providerSinks)
        {
            try
            {
                sink.OnMessage(message);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                log.Warning(ex, "A provider sink failed to take {Message}", message.Text);
            }
        }
    }

    /// <summary>Sends a request's ASYNC_COMPLETION to the handle that asked (an internal request has none).</summary>
    public void SendCompletion(TspRequest request, LineErr result)
    {
        Touched.Add(request.Line);
        if (request.Id == 0)
        {
            log.Debug("Line {DeviceId} internal {Request} ended {Result}", request.Line.DeviceId, request.Kind, TapiNames.Result(result));
            return;
        }

        var completion = new AsyncCompletion(request.Id, result);
        log.Information("Line {DeviceId} {Completion} ({Kind})", request.Line.DeviceId, completion.Text, request.Kind);
        if (request.Origin is { Closed: false } origin)
        {
            try
            {
                origin.Sink.OnCompletion(completion);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                log.Warning(ex, "A sink failed to take {Completion}", completion.Text);
            }
        }
    }
}
