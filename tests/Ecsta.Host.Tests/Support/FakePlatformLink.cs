using System.Threading.Channels;
using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Host.Tests.Support;

/// <summary>
/// An in-process <see cref="IPlatformLink"/> for core tests: records every command as a line of text, answers
/// at once (or when the test releases a held answer), and lets the test push platform events.
/// </summary>
internal sealed class FakePlatformLink : IPlatformLink
{
    private readonly Channel<PlatformEvent> _events = Channel.CreateUnbounded<PlatformEvent>();
    private readonly Lock _gate = new();
    private readonly List<string> _commands = [];
    private readonly Queue<Func<string, Task>> _behaviours = new();

    public ChannelReader<PlatformEvent> Events => _events.Reader;

    public LinkState State { get; set; } = LinkState.Disconnected;

    /// <summary>Call ids (and tracking ids) handed out by <see cref="DialAsync"/>, in order.</summary>
    public Queue<CallStartResult> NextCalls { get; } = new();

    /// <summary>When set, <see cref="MonitorAsync"/> throws it.</summary>
    public Exception? MonitorFailure { get; set; }

    /// <summary>Snapshots returned by <see cref="GetCallsAsync"/>, by user.</summary>
    public Dictionary<string, CallSnapshotEvent> Snapshots { get; } = [];

    public Dictionary<UserService, ServiceSetting> ServiceStates { get; } = [];

    /// <summary>Profiles returned by <see cref="ReadUserAsync"/>, by user; a user without one reads as "cannot say" (null).</summary>
    public Dictionary<string, PlatformLine> Profiles { get; } = [];

    /// <summary>When set, <see cref="ReadUserAsync"/> answers only once this completes (or fails with its exception).</summary>
    public TaskCompletionSource? ProfileGate { get; set; }

    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>Commands other than reads (monitoring, service reads, snapshots).</summary>
    public IReadOnlyList<string> CallCommands => [.. Commands.Where(c => !c.StartsWith("Monitor", StringComparison.Ordinal) &&
        !c.StartsWith("GetService", StringComparison.Ordinal) && !c.StartsWith("GetCalls", StringComparison.Ordinal) &&
        !c.StartsWith("ReadUser", StringComparison.Ordinal) &&
        !c.StartsWith("Connect", StringComparison.Ordinal))];

    public void ClearCommands()
    {
        lock (_gate)
        {
            _commands.Clear();
        }
    }

    public void Push(PlatformEvent ev)
    {
        _events.Writer.TryWrite(ev);
        Pushed++;
    }

    /// <summary>How many events were pushed: what a transport stamps on a snapshot it reads (ReadAfterEvents).</summary>
    public long Pushed { get; private set; }

    /// <summary>The next command fails with this exception.</summary>
    public void FailNext(PlatformException error) => _behaviours.Enqueue(_ => Task.FromException(error));

    /// <summary>The next command's answer waits until the returned source is completed.</summary>
    public TaskCompletionSource HoldNext()
    {
        var tcs = new TaskCompletionSource();
        _behaviours.Enqueue(_ => tcs.Task);
        return tcs;
    }

    private Task Record(string command, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _commands.Add(command);
        }

        // A held answer ends with the provider's cancellation, as a real link's request does.
        return _behaviours.TryDequeue(out var behaviour) ? behaviour(command).WaitAsync(cancellationToken) : Task.CompletedTask;
    }

    public Task ConnectAsync(CancellationToken cancellationToken)
    {
        State = LinkState.Connected;
        return Record("Connect", cancellationToken);
    }

    /// <summary>When set, <see cref="MonitorAsync"/> answers only once it is completed (monitoring takes its time).</summary>
    public TaskCompletionSource? MonitorHeld { get; set; }

    public async Task MonitorAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _commands.Add("Monitor " + string.Join(",", userIds));
        }

        if (MonitorHeld is { } held)
        {
            await held.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (MonitorFailure is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>
    /// When set, <see cref="StopMonitoringAsync"/> ends only once this completes, whatever the cancellation says: a
    /// link slow to finish a request it already sent.
    /// </summary>
    public TaskCompletionSource? StopMonitoringHeld { get; set; }

    public async Task StopMonitoringAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        await Record("StopMonitoring " + string.Join(",", userIds), cancellationToken);
        if (StopMonitoringHeld is { } held)
        {
            await held.Task;
        }
    }

    public Task<IReadOnlyList<PlatformLine>> ReadLinesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PlatformLine>>([]);

    public async Task<PlatformLine?> ReadUserAsync(string userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _commands.Add("ReadUser " + userId);
        }

        if (ProfileGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return Profiles.GetValueOrDefault(userId);
    }

    /// <summary>
    /// When set, <see cref="GetCallsAsync"/> answers only once it is completed, with what <see cref="Snapshots"/> held
    /// when the read was asked for (a read taken then, whose answer is late).
    /// </summary>
    public TaskCompletionSource? SnapshotHeld { get; set; }

    public async Task<CallSnapshotEvent> GetCallsAsync(string userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _commands.Add("GetCalls " + userId);
        }

        if (SnapshotHeld is { } held)
        {
            var taken = Snapshots.TryGetValue(userId, out var early) ? early : new CallSnapshotEvent { UserId = userId, Calls = [] };
            await held.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return taken;
        }

        await Task.CompletedTask;
        return Snapshots.TryGetValue(userId, out var snapshot) ? snapshot : new CallSnapshotEvent { UserId = userId, Calls = [] };
    }

    public async Task<CallStartResult> DialAsync(string userId, string address, CancellationToken cancellationToken)
    {
        await Record($"Dial {userId} {address}", cancellationToken);
        return NextCalls.TryDequeue(out var next) ? next : new CallStartResult("callhalf-x", "tx");
    }

    public Task TalkAsync(string userId, string callId, CancellationToken cancellationToken) => Record($"Talk {userId} {callId}", cancellationToken);

    public Task HoldAsync(string userId, string callId, CancellationToken cancellationToken) => Record($"Hold {userId} {callId}", cancellationToken);

    public Task ReleaseAsync(string userId, string callId, bool decline, CancellationToken cancellationToken) =>
        Record($"Release {userId} {callId}{(decline ? " decline" : "")}", cancellationToken);

    public Task BlindTransferAsync(string userId, string callId, string address, CancellationToken cancellationToken) =>
        Record($"BlindTransfer {userId} {callId} {address}", cancellationToken);

    public Task ConsultTransferAsync(string userId, string callId, string consultCallId, CancellationToken cancellationToken) =>
        Record($"ConsultTransfer {userId} {callId} {consultCallId}", cancellationToken);

    public Task StartConferenceAsync(string userId, IReadOnlyList<string> callIds, CancellationToken cancellationToken) =>
        Record($"StartConference {userId} {string.Join(",", callIds)}", cancellationToken);

    public Task AddToConferenceAsync(string userId, string callId, CancellationToken cancellationToken) =>
        Record($"AddToConference {userId} {callId}", cancellationToken);

    public Task HoldConferenceAsync(string userId, CancellationToken cancellationToken) => Record($"HoldConference {userId}", cancellationToken);

    public Task RetrieveConferenceAsync(string userId, CancellationToken cancellationToken) => Record($"RetrieveConference {userId}", cancellationToken);

    public Task ReleaseConferenceAsync(string userId, CancellationToken cancellationToken) => Record($"ReleaseConference {userId}", cancellationToken);

    public Task ReconnectAsync(string userId, string callId, CancellationToken cancellationToken) => Record($"Reconnect {userId} {callId}", cancellationToken);

    public Task SendDtmfAsync(string userId, string callId, string digits, CancellationToken cancellationToken) =>
        Record($"Dtmf {userId} {callId} {digits}", cancellationToken);

    /// <summary>When set, service reads wait for it (to observe how many run at once).</summary>
    public TaskCompletionSource? ServiceReadsHeld { get; set; }

    /// <summary>The most service reads that were in flight at the same time.</summary>
    public int MaxConcurrentServiceReads { get; private set; }

    private int _serviceReadsInFlight;

    public async Task<ServiceSetting> GetServiceAsync(string userId, UserService service, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _commands.Add($"GetService {userId} {service}");
            _serviceReadsInFlight++;
            MaxConcurrentServiceReads = Math.Max(MaxConcurrentServiceReads, _serviceReadsInFlight);
        }

        try
        {
            if (ServiceReadsHeld is { } held)
            {
                await held.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            return ServiceStates.TryGetValue(service, out var s) ? s : new ServiceSetting(service, false);
        }
        finally
        {
            lock (_gate)
            {
                _serviceReadsInFlight--;
            }
        }
    }

    public Task SetServiceAsync(string userId, ServiceSetting setting, CancellationToken cancellationToken) =>
        Record($"SetService {userId} {setting.Service} {(setting.Active ? "on" : "off")}" +
            (setting.Number is null ? "" : " " + setting.Number) + (setting.NumberOfRings is null ? "" : $" rings={setting.NumberOfRings}"), cancellationToken);

    public ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
