using Serilog;

namespace Ecsta.Simulator.CallEngine;

/// <summary>
/// The call engine: users, call halves and the scenarios of docs/broadworks.md §6. Every operation
/// runs under one lock and raises <see cref="SimEvent"/>s in the order each party sees them.
/// All timing goes through the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class SimCallEngine : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Dictionary<string, SimUser> _usersById = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SimUser> _usersByNumber = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<CallHalf>> _calls = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ConferenceState> _conferences = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _hook = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<object> _outbox = new();
    private readonly List<SimUser> _users;
    private int _nextCallHalf = 700;
    private int _nextSession = 60;
    private long _generation;
    private bool _disposed;

    /// <summary>Creates the engine over the given users.</summary>
    public SimCallEngine(IEnumerable<SimUser> users, IEnumerable<GroupAdministrator> administrators, CallEngineOptions options, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(administrators);
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _log = logger ?? Serilog.Core.Logger.None;
        _users = [.. users];
        Administrators = [.. administrators];
        foreach (var user in _users)
        {
            _usersById.Add(user.UserId, user);
            _usersByNumber[user.Number] = user;
            _usersByNumber[user.Number.TrimStart('+')] = user;
            _usersByNumber[user.Extension] = user;
            _calls[user.UserId] = [];
            _hook[user.UserId] = HookStatus.OnHook;
        }
    }

    /// <summary>Raised for every engine event, in order, while the engine lock is held: handlers must not block.</summary>
    public event Action<SimEvent>? EventRaised;

    /// <summary>The options.</summary>
    public CallEngineOptions Options { get; }

    /// <summary>Far-end scripts for external numbers.</summary>
    public FarEndScripts FarEnds { get; } = new();

    /// <summary>All users, in extension order.</summary>
    public IReadOnlyList<SimUser> Users => _users;

    /// <summary>Group administrators.</summary>
    public IReadOnlyList<GroupAdministrator> Administrators { get; }

    /// <summary>The user with this id, or null.</summary>
    public SimUser? FindUser(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return _usersById.GetValueOrDefault(userId);
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            DropEverything();
        }
    }

    /// <summary>Loses every call silently (an XSP/AS restart): no events, all timers stopped.</summary>
    public void Restart()
    {
        lock (_gate)
        {
            DropEverything();
        }
    }

    private void DropEverything()
    {
        _generation++;
        foreach (var list in _calls.Values)
        {
            foreach (var half in list)
            {
                half.CancelTimer();
                if (half.Peer is ExternalEnd external)
                {
                    external.CancelTimer();
                }
            }

            list.Clear();
        }

        _conferences.Clear();
        _pendingOwnLeg.Clear();
        foreach (var key in _hook.Keys.ToList())
        {
            _hook[key] = HookStatus.OnHook;
        }
    }

    private SimUser RequireUser(string userId) =>
        FindUser(userId) ?? throw new CallEngineException(404, "User not found: " + userId);

    private CallHalf RequireCall(SimUser user, string callId) =>
        _calls[user.UserId].FirstOrDefault(c => string.Equals(c.CallId, callId, StringComparison.Ordinal) && c.State.IsLive())
        ?? throw new CallEngineException(404, "Call not found: " + callId, 110_803);

    private string NextSession() => (++_nextSession).ToString(System.Globalization.CultureInfo.InvariantCulture) + ":1";

    private CallHalf NewHalf(SimUser owner, CallPersonality personality, PartySnapshot remote, string extTrackingId, IEnumerable<RedirectSnapshot>? redirections = null)
    {
        var used = _calls[owner.UserId].Select(c => c.Appearance).ToHashSet();
        if (_conferences.TryGetValue(owner.UserId, out var conference))
        {
            used.Add(conference.Appearance);
        }

        var appearance = 1;
        while (used.Contains(appearance))
        {
            appearance++;
        }

        var half = new CallHalf
        {
            CallId = "callhalf-" + (++_nextCallHalf).ToString(System.Globalization.CultureInfo.InvariantCulture) + ":0",
            Owner = owner,
            Personality = personality,
            State = CallState.Alerting,
            Remote = remote,
            ExtTrackingId = extTrackingId,
            Appearance = appearance,
            StartTime = NowMs,
            Redirections = redirections is null ? [] : [.. redirections],
        };
        _calls[owner.UserId].Add(half);
        return half;
    }

    private static void Link(CallEnd a, CallEnd b)
    {
        a.Peer = b;
        b.Peer = a;
    }

    /// <summary>Runs <paramref name="action"/> under the lock after <paramref name="due"/>, unless the engine restarted meanwhile.</summary>
    private ITimer Schedule(TimeSpan due, Action action)
    {
        var generation = _generation;
        return _time.CreateTimer(
            _ =>
            {
                lock (_gate)
                {
                    if (_disposed || generation != _generation)
                    {
                        return;
                    }

                    try
                    {
                        action();
                    }
                    catch (CallEngineException ex)
                    {
                        _log.Debug(ex, "Scheduled engine action refused");
                    }
                }
            },
            null,
            due < TimeSpan.Zero ? TimeSpan.Zero : due,
            Timeout.InfiniteTimeSpan);
    }

    private static string HookOf(IEnumerable<CallHalf> calls) =>
        calls.Any(c => c.State.IsLive() && (c.State != CallState.Alerting || c.Personality == CallPersonality.Originator))
            ? HookStatus.OffHook
            : HookStatus.OnHook;

    private void UpdateHook(SimUser user)
    {
        var now = HookOf(_calls[user.UserId]);
        if (!string.Equals(_hook[user.UserId], now, StringComparison.Ordinal))
        {
            _hook[user.UserId] = now;
            Emit(new SimEvent { UserId = user.UserId, EventType = SimEventTypes.HookStatusChanged, HookStatus = now });
        }
    }

    private void EmitCall(CallHalf half, string eventType) =>
        Emit(new SimEvent { UserId = half.Owner.UserId, EventType = eventType, Call = half.Snapshot() });

    private void Emit(SimEvent simEvent)
    {
        _outbox.Enqueue(simEvent);
        Flush();
    }

    private void Flush()
    {
        while (_outbox.Count > 0)
        {
            var head = _outbox.Peek();
            if (head is EventBarrier barrier)
            {
                if (!barrier.IsReleased)
                {
                    return;
                }

                _outbox.Dequeue();
                continue;
            }

            _outbox.Dequeue();
            var simEvent = (SimEvent)head;
            _log.Verbose("Engine event {EventType} for {UserId}", simEvent.EventType, simEvent.UserId);
            EventRaised?.Invoke(simEvent);
        }
    }

    /// <summary>
    /// Holds back every event raised from now on until the returned barrier is released
    /// (the servers answer a request first, then release: "response first" ordering).
    /// </summary>
    public EventBarrier HoldEvents()
    {
        lock (_gate)
        {
            var barrier = new EventBarrier(this);
            _outbox.Enqueue(barrier);
            return barrier;
        }
    }

    internal void Release(EventBarrier barrier)
    {
        lock (_gate)
        {
            barrier.IsReleased = true;
            Flush();
        }
    }

    /// <summary>Raises an event for a user as is (fault injection of raw documents).</summary>
    public void EmitRaw(string userId, string document)
    {
        lock (_gate)
        {
            var user = RequireUser(userId);
            Emit(new SimEvent { UserId = user.UserId, EventType = "Raw", RawDocument = document });
        }
    }
}

/// <summary>A point in the engine's event stream behind which events wait; see <see cref="SimCallEngine.HoldEvents"/>.</summary>
public sealed class EventBarrier : IDisposable
{
    private readonly SimCallEngine _engine;

    internal EventBarrier(SimCallEngine engine) => _engine = engine;

    internal bool IsReleased { get; set; }

    /// <summary>Lets the held events go.</summary>
    public void Dispose() => _engine.Release(this);
}
