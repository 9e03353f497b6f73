using Ecsta.Abstractions.Tapi;
using Ecsta.Abstractions.Transports;
using Ecsta.EndToEnd.Tests.TestSupport;
using Ecsta.Simulator.CallEngine;
using static Ecsta.EndToEnd.Tests.TestSupport.LineExpectations;

namespace Ecsta.EndToEnd.Tests;

/// <summary>
/// Link loss against the real simulator (MAPPING §4.1/§4.2). The faults cut every connection of the simulator, so
/// this class has a simulator of its own (its tests run one after the other).
/// </summary>
public sealed class LinkRecoveryTests(HostEnvironment env) : IClassFixture<HostEnvironment>
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Dropped_connections_take_the_line_OUTOFSERVICE_and_back_INSERVICE_keeping_the_live_call()
    {
        var user = env.NextUser();
        await using var line = await env.StartAsync(env.Instance(user, InstanceMode.Workstation));
        var mark = line.Sink.Count;
        var call = line.Provider.MakeCall(line.LineHandle, "030" + user.Extension + "31");
        var h = call.NewCallHandle;
        await line.Sink.WaitForAsync(CS(h, "CONNECTED/ACTIVE"), mark);

        mark = line.Sink.Count;
        env.Simulator.Faults.DropAllConnections();
        await line.Sink.WaitForAsync(DS(LineDevState.INSERVICE), mark, Recovery);
        await line.SettleAsync();

        Assert.Equal([DS(LineDevState.OUTOFSERVICE), DS(LineDevState.INSERVICE)], line.Sink.Since(mark));
        Assert.Equal(LineCallState.CONNECTED, line.CallStatus(h).CallState);
        Assert.True(line.Provider.GetLineDevStatus(line.DeviceId)!.InService);

        mark = line.Sink.Count;
        var drop = line.Provider.Drop(line.LineHandle, h);
        await line.ExpectAsync(mark, C(drop), CS(h, "DISCONNECTED/NORMAL"), CS(h, "IDLE"), NumCalls, InUseZero);
    }

    [Theory]
    [InlineData(InstanceMode.Workstation)]
    [InlineData(InstanceMode.Server)]
    public async Task A_simulator_restart_takes_the_line_OUTOFSERVICE_then_INSERVICE_and_the_snapshot_removes_the_ghost_call(InstanceMode mode)
    {
        var user = env.NextUser();
        await using var line = await env.StartAsync(env.Instance(user, mode));
        var mark = line.Sink.Count;
        var call = line.Provider.MakeCall(line.LineHandle, "030" + user.Extension + "32");
        var h = call.NewCallHandle;
        await line.Sink.WaitForAsync(CS(h, "CONNECTED/ACTIVE"), mark);

        mark = line.Sink.Count;
        env.Simulator.Faults.Restart();
        Assert.Empty(env.Simulator.Engine.GetCalls(user.UserId));
        await line.ExpectAsync(mark,
            DS(LineDevState.OUTOFSERVICE), DS(LineDevState.INSERVICE),
            CS(h, "DISCONNECTED/UNKNOWN"), CS(h, "IDLE"), InUseZero, NumCalls);
        Assert.DoesNotContain(line.Provider.GetCalls(line.LineHandle), c => line.CallStatus(c).CallState != LineCallState.IDLE);

        mark = line.Sink.Count;
        var again = line.Provider.MakeCall(line.LineHandle, "030" + user.Extension + "33");
        await line.Sink.WaitForAsync(CS(again.NewCallHandle, "CONNECTED/ACTIVE"), mark);
        Assert.Equal(CallState.Active, Assert.Single(env.Simulator.Engine.GetCalls(user.UserId)).State);
    }
}
