namespace Ecsta.Tsp.Provider;

/// <summary>
/// All deadlines of one instance (request timeouts, phantom windows, retries, snapshots) on one
/// <see cref="ITimer"/>: a heap ordered by due time. Due entries are run by the processing loop, never by the
/// timer thread. Not thread-safe: used under the provider's lock.
/// </summary>
internal sealed class DeadlineScheduler : IDisposable
{
    private readonly PriorityQueue<Entry, (long Due, long Seq)> _heap = new();
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private long _seq;
    private long _armedFor = long.MaxValue;

    /// <summary>One scheduled action; <see cref="Cancel"/> makes it a no-op.</summary>
    internal sealed class Entry(long due, Action action)
    {
        public long Due { get; } = due;
        public Action Action { get; } = action;
        public bool Cancelled { get; private set; }
        public void Cancel() => Cancelled = true;
    }

    /// <param name="time">The time source.</param>
    /// <param name="onDue">Called on the timer's thread when something is due; it must hand over to the processing loop.</param>
    public DeadlineScheduler(TimeProvider time, Action onDue)
    {
        _time = time;
        _timer = time.CreateTimer(_ => onDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private long Now => _time.GetUtcNow().UtcTicks;

    public Entry Schedule(TimeSpan delay, Action action)
    {
        var entry = new Entry(Now + Math.Max(0, delay.Ticks), action);
        _heap.Enqueue(entry, (entry.Due, _seq++));
        Arm();
        return entry;
    }

    /// <summary>Runs every entry that is due, in due order.</summary>
    public void RunDue()
    {
        _armedFor = long.MaxValue;
        var now = Now;
        while (_heap.TryPeek(out var entry, out var key) && key.Due <= now)
        {
            _heap.Dequeue();
            if (!entry.Cancelled)
            {
                entry.Action();
            }
        }

        Arm();
    }

    private void Arm()
    {
        while (_heap.TryPeek(out var top, out _) && top.Cancelled)
        {
            _heap.Dequeue();
        }

        if (!_heap.TryPeek(out var next, out _) || next.Due >= _armedFor)
        {
            return;
        }

        _armedFor = next.Due;
        _timer.Change(TimeSpan.FromTicks(Math.Max(0, next.Due - Now)), Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _timer.Dispose();
}
