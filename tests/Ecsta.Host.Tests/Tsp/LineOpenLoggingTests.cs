using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Tests.Support;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Ecsta.Host.Tests.Tsp;

/// <summary>
/// A flood of lineOpen/lineClose must not rotate the log history away (issue 14, item 9): they are logged at Debug,
/// which the console does not show and which cannot push Information-level history out of the size-limited files faster
/// than the events themselves.
/// </summary>
public sealed class LineOpenLoggingTests
{
    [Fact]
    public async Task Opening_and_closing_a_line_writes_nothing_at_Information_or_above()
    {
        var sink = new LevelSink();
        var log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        await using var h = await TspHarness.StartAsync(open: false, log: log);
        sink.Clear();

        for (var i = 0; i < 100; i++)
        {
            var opened = h.Provider.Open(h.DeviceId, new RecordingSink(), LineCallPrivilege.MONITOR);
            Assert.Equal(LineErr.SUCCESS, opened.Result);
            Assert.Equal(LineErr.SUCCESS, h.Provider.Close(opened.LineHandle));
        }

        await h.SettleAsync();
        Assert.Contains(sink.Events, e => e.Level == LogEventLevel.Debug && e.MessageTemplate.Text.StartsWith("TSPI_lineOpen", StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Events, e => e.Level >= LogEventLevel.Information);
    }

    private sealed class LevelSink : ILogEventSink
    {
        private readonly Lock _gate = new();
        private readonly List<LogEvent> _events = [];

        public IReadOnlyList<LogEvent> Events
        {
            get
            {
                lock (_gate)
                {
                    return [.. _events];
                }
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _events.Clear();
            }
        }

        public void Emit(LogEvent logEvent)
        {
            lock (_gate)
            {
                _events.Add(logEvent);
            }
        }
    }
}
