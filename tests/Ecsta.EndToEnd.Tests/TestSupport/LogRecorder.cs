using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>
/// Keeps the host's log lines (Information and above) in memory as <c>"[instance] message"</c> (the core tags its
/// lines with the instance's name, the transport with <c>" [name]"</c>: both end up as <c>[name]</c>), so a test can assert
/// what the host tells the administrator (e.g. why a line is out of service) without reading a file.
/// </summary>
internal sealed class LogRecorder : ILogEventSink
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level < LogEventLevel.Information)
        {
            return;
        }

        var instance = logEvent.Properties.TryGetValue("Instance", out var value) && value is ScalarValue { Value: string name } ? name.Trim().Trim('[', ']') : "";
        var line = "[" + instance + "] " + logEvent.RenderMessage(CultureInfo.InvariantCulture)
            + (logEvent.Exception is null ? "" : " | " + logEvent.Exception.Message);
        lock (_gate)
        {
            _lines.Add(line);
        }
    }

    /// <summary>The lines logged for the instance <paramref name="instanceName"/> so far.</summary>
    public IReadOnlyList<string> For(string instanceName)
    {
        var tag = "[" + instanceName + "] ";
        lock (_gate)
        {
            return [.. _lines.Where(l => l.StartsWith(tag, StringComparison.Ordinal))];
        }
    }
}
