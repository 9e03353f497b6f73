using Serilog.Core;
using Serilog.Events;

namespace Ecsta.Transport.Contract;

/// <summary>Collects rendered trace lines.</summary>
public sealed class TraceSink : ILogEventSink
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        lock (_lines)
        {
            _lines.Add(logEvent.RenderMessage());
        }
    }
}
