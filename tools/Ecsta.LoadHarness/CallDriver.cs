using System.Diagnostics;
using System.Globalization;
using Ecsta.Simulator.CallEngine;

namespace Ecsta.LoadHarness;

/// <summary>
/// Drives the simulator's call engine at a target rate of call events: on each line in turn an external caller
/// calls (CallReceivedEvent), the phone answers after <see cref="HarnessOptions.AnswerAfter"/> (CallAnsweredEvent)
/// and the caller hangs up after <see cref="HarnessOptions.TalkFor"/> (CallReleasedEvent), three call events per
/// cycle (plus the hook events the engine adds). It runs on a thread of its own that wakes every millisecond and
/// catches up on what is due, so a slow wake-up shows as lag rather than as a lower rate. Before each action it tells
/// the <see cref="LineProbe"/> to start the clock.
/// </summary>
internal sealed class CallDriver
{
    private readonly SimCallEngine _engine;
    private readonly IReadOnlyList<SimUser> _users;
    private readonly LineProbe _probe;
    private readonly HarnessOptions _options;
    private readonly Dictionary<string, int> _indexByUser;
    private readonly string?[] _callIds;
    private readonly bool[] _busy;
    private long _callEvents;
    private long _hookEvents;
    private long _otherEvents;
    private volatile bool _counting;

    public CallDriver(SimCallEngine engine, IReadOnlyList<SimUser> users, LineProbe probe, HarnessOptions options)
    {
        _engine = engine;
        _users = users;
        _probe = probe;
        _options = options;
        _indexByUser = new Dictionary<string, int>(users.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < users.Count; i++)
        {
            _indexByUser[users[i].UserId] = i;
        }

        _callIds = new string?[users.Count];
        _busy = new bool[users.Count];
        _engine.EventRaised += OnEngineEvent;
    }

    /// <summary>Runs for <paramref name="duration"/> at <paramref name="callEventsPerSecond"/>, then lets the last calls end.</summary>
    public DriveResult Run(int callEventsPerSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var cyclesPerSecond = callEventsPerSecond / 3.0;
        var frequency = Stopwatch.Frequency;
        var answerTicks = (long)(_options.AnswerAfter.TotalSeconds * frequency);
        var hangUpTicks = (long)(_options.TalkFor.TotalSeconds * frequency);
        var answers = new Queue<(long Due, int Line)>();
        var hangUps = new Queue<(long Due, int Line, IncomingCall Call)>();
        var next = 0;
        long placed = 0;
        long skipped = 0;
        long refused = 0;
        long maxLagTicks = 0;
        var caller = 0;

        Interlocked.Exchange(ref _callEvents, 0);
        Interlocked.Exchange(ref _hookEvents, 0);
        Interlocked.Exchange(ref _otherEvents, 0);
        _counting = true;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * frequency);
        var steadyFrom = Math.Min(start + answerTicks + hangUpTicks, end);
        long? eventsAtSteady = null;
        long? eventsAtEnd = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= steadyFrom && eventsAtSteady is null)
            {
                eventsAtSteady = Interlocked.Read(ref _callEvents);
            }

            if (now >= end && eventsAtEnd is null)
            {
                eventsAtEnd = Interlocked.Read(ref _callEvents);
            }

            if (now >= end && answers.Count == 0 && hangUps.Count == 0)
            {
                break;
            }

            if (now < end)
            {
                var due = (long)((now - start) * cyclesPerSecond / frequency);
                while (placed < due)
                {
                    var line = FreeLine(ref next);
                    if (line < 0)
                    {
                        skipped++;
                        placed++;
                        continue;
                    }

                    var dueAt = start + (long)(placed * frequency / cyclesPerSecond);
                    maxLagTicks = Math.Max(maxLagTicks, now - dueAt);
                    _busy[line] = true;
                    _callIds[line] = null;
                    _probe.Expect(line, Expectation.Offering);
                    var call = _engine.PlaceIncomingCall("+4989" + (7_000_000 + (caller++ % 1_000_000)).ToString(CultureInfo.InvariantCulture), _users[line].Extension);
                    answers.Enqueue((now + answerTicks, line));
                    hangUps.Enqueue((now + answerTicks + hangUpTicks, line, call));
                    placed++;
                }
            }

            while (answers.Count > 0 && answers.Peek().Due <= now)
            {
                var (due, line) = answers.Dequeue();
                maxLagTicks = Math.Max(maxLagTicks, now - due);
                if (_callIds[line] is { } callId)
                {
                    _probe.Expect(line, Expectation.Connected);
                    try
                    {
                        _engine.Talk(_users[line].UserId, callId);
                    }
                    catch (CallEngineException)
                    {
                        refused++;
                    }
                }
            }

            while (hangUps.Count > 0 && hangUps.Peek().Due <= now)
            {
                var (due, line, call) = hangUps.Dequeue();
                maxLagTicks = Math.Max(maxLagTicks, now - due);
                _probe.Expect(line, Expectation.Released);
                call.HangUp();
                _busy[line] = false;
            }

            Thread.Sleep(1);
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        _counting = false;
        var steadySeconds = (end - steadyFrom) / (double)frequency;
        var steadyRate = steadySeconds > 0 && eventsAtEnd is { } atEnd && eventsAtSteady is { } atSteady ? (atEnd - atSteady) / steadySeconds : 0;
        return new DriveResult(
            placed - skipped,
            skipped,
            refused,
            Interlocked.Read(ref _callEvents),
            Interlocked.Read(ref _hookEvents),
            Interlocked.Read(ref _otherEvents),
            elapsed,
            Math.Round(steadyRate, 1),
            Math.Round(maxLagTicks * 1000.0 / frequency, 1));
    }

    private int FreeLine(ref int next)
    {
        for (var tries = 0; tries < _users.Count; tries++)
        {
            var line = next;
            next = (next + 1) % _users.Count;
            if (!_busy[line])
            {
                return line;
            }
        }

        return -1;
    }

    /// <summary>Runs under the engine's lock: only counts and remembers the user's call id.</summary>
    private void OnEngineEvent(SimEvent simEvent)
    {
        if (simEvent.EventType == SimEventTypes.CallReceived && simEvent.Call is { } call && _indexByUser.TryGetValue(simEvent.UserId, out var index))
        {
            _callIds[index] = call.CallId;
        }

        if (!_counting)
        {
            return;
        }

        if (simEvent.EventType == SimEventTypes.HookStatusChanged)
        {
            Interlocked.Increment(ref _hookEvents);
        }
        else if (simEvent.Call is not null)
        {
            Interlocked.Increment(ref _callEvents);
        }
        else
        {
            Interlocked.Increment(ref _otherEvents);
        }
    }
}

/// <summary>What the driver did.</summary>
/// <param name="Calls">Calls placed.</param>
/// <param name="Skipped">Cycles not placed because every line was busy.</param>
/// <param name="Refused">Answers the engine refused (the call had already gone).</param>
/// <param name="CallEvents">Call events the engine emitted (received, answered, released, ...).</param>
/// <param name="HookEvents">Hook status events the engine emitted.</param>
/// <param name="OtherEvents">Other events.</param>
/// <param name="Elapsed">From the first call to the last hang-up.</param>
/// <param name="SteadyCallEventsPerSecond">Call events per second the engine emitted once calls were in every phase (first answer+talk period left out).</param>
/// <param name="MaxLagMs">The latest the driver acted after an action was due.</param>
internal sealed record DriveResult(long Calls, long Skipped, long Refused, long CallEvents, long HookEvents, long OtherEvents, TimeSpan Elapsed, double SteadyCallEventsPerSecond, double MaxLagMs);
