using System.Diagnostics;
using Ecsta.Abstractions.Tapi;
using Ecsta.Tsp.Provider;

namespace Ecsta.LoadHarness;

/// <summary>
/// The application side: one sink opened on every line (as OWNER). It counts lines in service and, for the calls the
/// <see cref="CallDriver"/> drives, matches each LINE_CALLSTATE to the moment the simulator was told to act
/// (<see cref="Expect"/>), giving the latency of the whole path (simulator engine → event document → socket → transport
/// → TSP core → sink). The sink runs on the instance's processing loop, so it only does array and interlocked work.
/// </summary>
internal sealed class LineProbe : ITapiEventSink
{
    private readonly Dictionary<uint, int> _indexByDevice;
    private readonly bool[] _inService;
    private readonly long[] _expected;
    private readonly Lock _gate = new();
    private int _inServiceCount;
    private long _outOfServiceMessages;
    private long _callStates;
    private long _staleCallStates;
    private TaskCompletionSource _allInService = NewSignal();
    private TaskCompletionSource _someOutOfService = NewSignal();

    /// <param name="deviceIds">The lines' device ids, in the order of the lines the driver uses.</param>
    public LineProbe(IReadOnlyList<uint> deviceIds)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        _indexByDevice = new Dictionary<uint, int>(deviceIds.Count);
        for (var i = 0; i < deviceIds.Count; i++)
        {
            _indexByDevice[deviceIds[i]] = i;
        }

        _inService = new bool[deviceIds.Count];
        _expected = new long[deviceIds.Count * (int)Expectation.Count];
        if (deviceIds.Count == 0)
        {
            _allInService.TrySetResult();
        }
    }

    /// <summary>Lines in service now.</summary>
    public int InServiceCount => Volatile.Read(ref _inServiceCount);

    /// <summary>LINE_LINEDEVSTATE OUTOFSERVICE messages so far.</summary>
    public long OutOfServiceMessages => Interlocked.Read(ref _outOfServiceMessages);

    /// <summary>LINE_CALLSTATE messages so far.</summary>
    public long CallStates => Interlocked.Read(ref _callStates);

    /// <summary>LINE_CALLSTATE messages that matched no pending expectation (e.g. IDLE after DISCONNECTED).</summary>
    public long UnmatchedCallStates => Interlocked.Read(ref _staleCallStates);

    /// <summary>Completes when every line is in service (again).</summary>
    public Task AllInService
    {
        get
        {
            lock (_gate)
            {
                return _allInService.Task;
            }
        }
    }

    /// <summary>Completes when a line went out of service after the last <see cref="ArmFaultWatch"/>.</summary>
    public Task SomeOutOfService
    {
        get
        {
            lock (_gate)
            {
                return _someOutOfService.Task;
            }
        }
    }

    /// <summary>Latency to OFFERING (includes the host's deliberate phantom-call window of 250 ms).</summary>
    public LatencySamples Offering { get; } = new();

    /// <summary>Latency to CONNECTED after the phone answered.</summary>
    public LatencySamples Connected { get; } = new();

    /// <summary>Latency to the first DISCONNECTED or IDLE after the caller hung up.</summary>
    public LatencySamples Released { get; } = new();

    /// <summary>CONNECTED and released together: the state changes the host does not hold back on purpose (the speed target).</summary>
    public LatencySamples StateChanges { get; } = new();

    /// <summary>Expectations still waiting for their LINE_CALLSTATE.</summary>
    public int PendingExpectations
    {
        get
        {
            var pending = 0;
            for (var i = 0; i < _expected.Length; i++)
            {
                pending += Volatile.Read(ref _expected[i]) != 0 ? 1 : 0;
            }

            return pending;
        }
    }

    /// <summary>Starts a new watch for a fault: the next OUTOFSERVICE completes <see cref="SomeOutOfService"/>.</summary>
    public void ArmFaultWatch()
    {
        lock (_gate)
        {
            _someOutOfService = NewSignal();
        }
    }

    /// <summary>The driver is about to make the simulator act on line <paramref name="index"/>; the matching state ends the clock.</summary>
    public void Expect(int index, Expectation what) =>
        Volatile.Write(ref _expected[(index * (int)Expectation.Count) + (int)what], Stopwatch.GetTimestamp());

    /// <inheritdoc />
    public void OnMessage(TapiMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_indexByDevice.TryGetValue(message.DeviceId, out var index))
        {
            return;
        }

        switch (message.Message)
        {
            case LineMessage.LINE_LINEDEVSTATE when message.Param1 == (uint)LineDevState.INSERVICE:
                OnInService(index);
                break;
            case LineMessage.LINE_LINEDEVSTATE when message.Param1 == (uint)LineDevState.OUTOFSERVICE:
                OnOutOfService(index);
                break;
            case LineMessage.LINE_CALLSTATE:
                OnCallState(index, (LineCallState)message.Param1);
                break;
            default:
                break;
        }
    }

    /// <inheritdoc />
    public void OnCompletion(AsyncCompletion completion)
    {
        // The harness makes no requests.
    }

    private void OnCallState(int index, LineCallState state)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _callStates);
        var (what, samples) = state switch
        {
            LineCallState.OFFERING => (Expectation.Offering, Offering),
            LineCallState.CONNECTED => (Expectation.Connected, Connected),
            LineCallState.DISCONNECTED or LineCallState.IDLE => (Expectation.Released, Released),
            _ => (Expectation.Count, null),
        };
        var issued = samples is null ? 0 : Interlocked.Exchange(ref _expected[(index * (int)Expectation.Count) + (int)what], 0);
        if (issued == 0)
        {
            Interlocked.Increment(ref _staleCallStates);
            return;
        }

        samples!.Add(now - issued);
        if (what != Expectation.Offering)
        {
            StateChanges.Add(now - issued);
        }
    }

    private void OnInService(int index)
    {
        if (_inService[index])
        {
            return;
        }

        _inService[index] = true;
        if (Interlocked.Increment(ref _inServiceCount) == _inService.Length)
        {
            lock (_gate)
            {
                _allInService.TrySetResult();
            }
        }
    }

    private void OnOutOfService(int index)
    {
        Interlocked.Increment(ref _outOfServiceMessages);
        lock (_gate)
        {
            _someOutOfService.TrySetResult();
            if (!_inService[index])
            {
                return;
            }

            _inService[index] = false;
            if (Interlocked.Decrement(ref _inServiceCount) == _inService.Length - 1)
            {
                _allInService = NewSignal();
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>What a driven action should produce on the line.</summary>
internal enum Expectation
{
    /// <summary>An incoming call: LINE_CALLSTATE OFFERING.</summary>
    Offering = 0,

    /// <summary>The phone answered: CONNECTED.</summary>
    Connected = 1,

    /// <summary>The caller hung up: DISCONNECTED (or IDLE).</summary>
    Released = 2,

    /// <summary>The number of kinds.</summary>
    Count = 3,
}
