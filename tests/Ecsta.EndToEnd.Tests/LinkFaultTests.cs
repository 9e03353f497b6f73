using Ecsta.Abstractions.Tapi;
using Ecsta.Abstractions.Transports;
using Ecsta.EndToEnd.Tests.TestSupport;
using Ecsta.Simulator.CallEngine;
using Ecsta.Tsp.Configuration;
using static Ecsta.EndToEnd.Tests.TestSupport.LineExpectations;

namespace Ecsta.EndToEnd.Tests;

/// <summary>
/// Link faults through the host runtime (docs/tapi-mapping.md §4.1/§4.2), one matrix over both transports: each derived class
/// runs the same faults over one connection type. Faults hit every connection of a simulator, so each derived class
/// has a simulator of its own (<see cref="FaultHostEnvironment"/>) and its tests run one after the other. After each
/// recovery the simulator must hold one channel and one subscription per target and package for the instance.
/// </summary>
public abstract class LinkFaultTests
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(15);
    private readonly FaultHostEnvironment _env;
    private readonly string _connectionType;

    private protected LinkFaultTests(FaultHostEnvironment env, string connectionType)
    {
        _env = env;
        _connectionType = connectionType;
    }

    /// <summary>Short heartbeat/keepalive and reconnect periods of this transport, so faults are noticed in about a second.</summary>
    private protected abstract IReadOnlyDictionary<string, string> FastSettings { get; }

    /// <summary>What the link says when its heartbeat or keepalive went unanswered.</summary>
    private protected abstract string HeartbeatLossText { get; }

    /// <summary>The TLS variant of this transport (<c>https</c> for <c>http</c>, <c>ctis</c> for <c>cti</c>).</summary>
    private protected abstract string SecureConnectionType { get; }

    private async Task<(HostedLine Line, SimUser User, InstanceConfiguration Instance)> StartAsync(InstanceMode mode = InstanceMode.Workstation)
    {
        var user = _env.NextUser();
        var instance = _env.Instance(user, mode, _connectionType, FastSettings);
        return (await _env.StartAsync(instance), user, instance);
    }

    /// <summary>A connected outgoing call (the phone answers, the far end auto-answers).</summary>
    private async Task<uint> ConnectedCallAsync(HostedLine line, SimUser user, string suffix)
    {
        var mark = line.Sink.Count;
        var call = line.Provider.MakeCall(line.LineHandle, "030" + user.Extension + suffix);
        var h = call.NewCallHandle;
        await line.Sink.WaitForAsync(CS(h, "CONNECTED/ACTIVE"), mark);
        await line.SettleAsync();
        return h;
    }

    /// <summary>
    /// The simulator holds exactly one channel of <paramref name="login"/>, its subscriptions are one per target and
    /// package (the re-subscription after a reconnect left no duplicate), and they all target <paramref name="target"/>.
    /// With <paramref name="everyChannelSet"/> no subscription of the login is left in any other channel set either.
    /// </summary>
    private void AssertOneChannelAndNoDuplicateSubscriptions(string login, string target, bool everyChannelSet = true)
    {
        var channel = Assert.Single(_env.Simulator.Channels, c => c.OwnerId == login);
        var subscriptions = _env.Simulator.Subscriptions.Where(s => s.SubscriberId == login).ToList();
        var current = subscriptions.Where(s => s.ChannelSetId == channel.ChannelSetId).ToList();
        Assert.NotEmpty(current);
        Assert.All(current, s => Assert.Equal(target, s.TargetId));
        Assert.Equal(current.Count, current.Select(s => (s.TargetId, s.Package)).Distinct().Count());
        if (everyChannelSet)
        {
            Assert.Equal(current.Count, subscriptions.Count);
        }
    }

    private string Target(SimUser user, InstanceMode mode) => mode == InstanceMode.Server ? user.Group.GroupId : user.UserId;

    private string Login(SimUser user, InstanceMode mode) => mode == InstanceMode.Server ? _env.Simulator.Administrator.UserId : user.UserId;

    [Fact]
    public async Task Dropped_connections_mid_call_take_the_line_OUTOFSERVICE_and_back_INSERVICE_keeping_the_live_call()
    {
        var (line, user, _) = await StartAsync();
        await using var _ = line;
        var h = await ConnectedCallAsync(line, user, "31");
        var before = Assert.Single(_env.Simulator.Channels, c => c.OwnerId == user.UserId);

        var mark = line.Sink.Count;
        _env.Simulator.Faults.DropAllConnections();
        await line.Sink.WaitForAsync(DS(LineDevState.INSERVICE), mark, Recovery);
        await line.SettleAsync();

        Assert.Equal([DS(LineDevState.OUTOFSERVICE), DS(LineDevState.INSERVICE)], line.Sink.Since(mark));
        Assert.Equal(LineCallState.CONNECTED, line.CallStatus(h).CallState);
        Assert.True(line.Provider.GetLineDevStatus(line.DeviceId)!.InService);
        AssertOneChannelAndNoDuplicateSubscriptions(user.UserId, user.UserId);
        Assert.NotEqual(before.ChannelId, Assert.Single(_env.Simulator.Channels, c => c.OwnerId == user.UserId).ChannelId);

        mark = line.Sink.Count;
        var drop = line.Provider.Drop(line.LineHandle, h);
        await line.ExpectAsync(mark, C(drop), CS(h, "DISCONNECTED/NORMAL"), CS(h, "IDLE"), NumCalls, InUseZero);
    }

    [Fact]
    public async Task Unanswered_heartbeats_count_as_link_loss_and_the_line_recovers_once_they_are_answered_again()
    {
        var (line, user, instance) = await StartAsync();
        await using var _ = line;
        var h = await ConnectedCallAsync(line, user, "34");

        var mark = line.Sink.Count;
        _env.Simulator.Faults.IgnoreHeartbeats = true;
        try
        {
            await line.Sink.WaitForAsync(DS(LineDevState.OUTOFSERVICE), mark, Recovery);
        }
        finally
        {
            _env.Simulator.Faults.IgnoreHeartbeats = false;
        }

        // A reconnect made while heartbeats were still ignored may be lost once more; the line ends in service.
        await line.Sink.WaitForAsync(entries => entries.Skip(mark).LastOrDefault(e => e.StartsWith("LINE_LINEDEVSTATE", StringComparison.Ordinal)) == DS(LineDevState.INSERVICE),
            "INSERVICE after the heartbeats are answered again", Recovery);
        await line.SettleAsync();

        var since = line.Sink.Since(mark);
        Assert.All(since, e => Assert.Contains(e, new[] { DS(LineDevState.OUTOFSERVICE), DS(LineDevState.INSERVICE) }));
        Assert.Contains(_env.LogLines.For(instance.Name), l => l.Contains("Link Reconnecting", StringComparison.Ordinal) && l.Contains(HeartbeatLossText, StringComparison.Ordinal));
        Assert.True(line.Provider.GetLineDevStatus(line.DeviceId)!.InService);
        Assert.Equal(LineCallState.CONNECTED, line.CallStatus(h).CallState);
        AssertOneChannelAndNoDuplicateSubscriptions(user.UserId, user.UserId);

        mark = line.Sink.Count;
        var drop = line.Provider.Drop(line.LineHandle, h);
        await line.ExpectAsync(mark, C(drop), CS(h, "DISCONNECTED/NORMAL"), CS(h, "IDLE"), NumCalls, InUseZero);
    }

    [Fact]
    public async Task A_503_storm_during_the_reconnect_is_ridden_out_and_the_line_comes_back_with_its_call()
    {
        var (line, user, _) = await StartAsync();
        await using var _ = line;
        var h = await ConnectedCallAsync(line, user, "35");

        var mark = line.Sink.Count;
        _env.Simulator.Faults.DropAllConnections();
        _env.Simulator.Faults.FailNextRequests(8, 503);
        await line.Sink.WaitForAsync(DS(LineDevState.INSERVICE), mark, Recovery);
        await line.SettleAsync();

        Assert.Equal(0, _env.Simulator.Faults.PendingFailures);
        Assert.Equal([DS(LineDevState.OUTOFSERVICE), DS(LineDevState.INSERVICE)], line.Sink.Since(mark));
        Assert.Equal(LineCallState.CONNECTED, line.CallStatus(h).CallState);
        AssertOneChannelAndNoDuplicateSubscriptions(user.UserId, user.UserId);

        mark = line.Sink.Count;
        var drop = line.Provider.Drop(line.LineHandle, h);
        await line.ExpectAsync(mark, C(drop), CS(h, "DISCONNECTED/NORMAL"), CS(h, "IDLE"), NumCalls, InUseZero);
    }

    [Fact]
    public async Task A_changed_password_takes_the_line_out_of_service_as_no_longer_valid_and_the_new_password_brings_it_back()
    {
        var (line, user, instance) = await StartAsync();
        await using var _ = line;
        const string NewPassword = "changed-by-the-administrator";

        var mark = line.Sink.Count;
        _env.Simulator.Faults.ChangePassword(user.UserId, NewPassword);
        var refused = line.Provider.MakeCall(line.LineHandle, "030" + user.Extension + "36");
        await line.Sink.WaitForAsync(DS(LineDevState.OUTOFSERVICE), mark, Recovery);
        await line.SettleAsync();

        var status = line.Provider.GetLineDevStatus(line.DeviceId)!;
        Assert.False(status.InService);
        Assert.Contains("password no longer valid", status.OutOfServiceReason, StringComparison.Ordinal);
        Assert.Contains(_env.LogLines.For(instance.Name), l => l.Contains("Link Failed", StringComparison.Ordinal) && l.Contains("password no longer valid", StringComparison.Ordinal));
        Assert.True(refused.Accepted, $"lineMakeCall refused synchronously: {refused.Result}");
        Assert.DoesNotContain(new Tsp.Provider.AsyncCompletion(refused.RequestId, LineErr.SUCCESS).Text, line.Sink.Entries);
        Assert.Empty(_env.Simulator.Engine.GetCalls(user.UserId));

        // The administrator enters the new password: the host restarts the instance with it.
        mark = line.Sink.Count;
        Assert.Equal(NewPassword, user.Password);
        var updated = _env.Instance(user, InstanceMode.Workstation, _connectionType, FastSettings);
        Assert.NotEqual(instance.PasswordProtected, updated.PasswordProtected);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await line.Runtime.ApplyAsync(new EcstaConfiguration { Instances = [updated] }, timeout.Token);
        await line.Sink.WaitForAsync(DS(LineDevState.INSERVICE), mark, Recovery);
        var restarted = line.Runtime.FindProvider(instance.Name)!;
        Assert.NotSame(line.Provider, restarted);
        await restarted.SettleAsync();
        Assert.True(restarted.GetLineDevStatus(restarted.DeviceIds[0])!.InService);

        // The old link could not delete its subscriptions with the old password; the new channel set holds no duplicate.
        AssertOneChannelAndNoDuplicateSubscriptions(user.UserId, user.UserId, everyChannelSet: false);
    }

    [Theory]
    [InlineData(InstanceMode.Workstation)]
    [InlineData(InstanceMode.Server)]
    public async Task A_server_restart_takes_the_line_OUTOFSERVICE_then_INSERVICE_and_the_snapshot_removes_the_ghost_call(InstanceMode mode)
    {
        var (line, user, _) = await StartAsync(mode);
        await using var _ = line;
        var h = await ConnectedCallAsync(line, user, "32");

        var mark = line.Sink.Count;
        _env.Simulator.Faults.Restart();
        Assert.Empty(_env.Simulator.Engine.GetCalls(user.UserId));
        await line.ExpectAsync(mark,
            DS(LineDevState.OUTOFSERVICE), DS(LineDevState.INSERVICE),
            CS(h, "DISCONNECTED/UNKNOWN"), CS(h, "IDLE"), InUseZero, NumCalls);
        Assert.DoesNotContain(line.Provider.GetCalls(line.LineHandle), c => line.CallStatus(c).CallState != LineCallState.IDLE);
        AssertOneChannelAndNoDuplicateSubscriptions(Login(user, mode), Target(user, mode));

        mark = line.Sink.Count;
        var again = line.Provider.MakeCall(line.LineHandle, "030" + user.Extension + "33");
        await line.Sink.WaitForAsync(CS(again.NewCallHandle, "CONNECTED/ACTIVE"), mark);
        Assert.Equal(CallState.Active, Assert.Single(_env.Simulator.Engine.GetCalls(user.UserId)).State);
    }

    [Fact]
    public async Task A_server_certificate_the_instance_does_not_trust_keeps_the_line_out_of_service_with_the_certificate_named()
    {
        var user = _env.NextUser();
        var instance = _env.Instance(user, InstanceMode.Workstation, SecureConnectionType, FastSettings, trustCa: false);
        await using var line = await HostedLine.StartAsync(_env, instance, new Tsp.Discovery.SrvServiceLocator([], _env.Log), waitForService: false);
        await line.SettleAsync();

        var status = line.Provider.GetLineDevStatus(line.DeviceId)!;
        Assert.False(status.InService);
        Assert.DoesNotContain(DS(LineDevState.INSERVICE), line.Sink.Entries);
        var reason = status.OutOfServiceReason ?? "";
        Assert.Contains("certificate", reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("was refused", reason, StringComparison.Ordinal);
        Assert.Contains("Ecsta Simulator CA", reason, StringComparison.Ordinal);
        Assert.Contains(_env.LogLines.For(instance.Name), l => l.Contains("Connecting failed", StringComparison.Ordinal) && l.Contains("Ecsta Simulator CA", StringComparison.Ordinal));
        Assert.DoesNotContain(_env.Simulator.Channels, c => c.OwnerId == user.UserId);
    }
}

/// <summary>The link faults over XSI (HTTP; the certificate fault over HTTPS).</summary>
public sealed class HttpLinkFaultTests(FaultHostEnvironment env) : LinkFaultTests(env, ConnectionTypes.Http), IClassFixture<FaultHostEnvironment>
{
    private protected override IReadOnlyDictionary<string, string> FastSettings { get; } = new Dictionary<string, string>
    {
        ["heartbeatIntervalMs"] = "500",
        ["reconnectInitialDelayMs"] = "50",
        ["reconnectMaxDelayMs"] = "400",
    };

    private protected override string HeartbeatLossText => "No ChannelHeartBeat";

    private protected override string SecureConnectionType => ConnectionTypes.Https;
}

/// <summary>The link faults over CTI (TCP; the certificate fault over TLS).</summary>
public sealed class CtiLinkFaultTests(FaultHostEnvironment env) : LinkFaultTests(env, ConnectionTypes.Cti), IClassFixture<FaultHostEnvironment>
{
    private protected override IReadOnlyDictionary<string, string> FastSettings { get; } = new Dictionary<string, string>
    {
        ["ctiKeepaliveSeconds"] = "0.5",
        ["ctiKeepaliveMisses"] = "2",
        ["reconnectInitialDelayMs"] = "50",
        ["reconnectMaxDelayMs"] = "400",
    };

    private protected override string HeartbeatLossText => "No answer to the keepalive";

    private protected override string SecureConnectionType => ConnectionTypes.Ctis;
}
