using System.Text.RegularExpressions;
using Ecsta.Abstractions.Tapi;
using Ecsta.Abstractions.Transports;
using Ecsta.EndToEnd.Tests.TestSupport;
using Ecsta.Simulator.CallEngine;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Provider;
using static Ecsta.EndToEnd.Tests.TestSupport.LineExpectations;

namespace Ecsta.EndToEnd.Tests;

/// <summary>Phantom calls, number rules on real calls and a captured BroadWorks document, end to end over HTTP.</summary>
public sealed partial class HostFeatureTests(HostEnvironment env) : IClassFixture<HostEnvironment>
{
    private const string CapturedOnHookSnapshot = "fixtures/kimwinther-check_xsi/05-event-CallSubscriptionEvent-onhook.xml";

    [Fact]
    public async Task A_phantom_call_released_within_the_window_reaches_no_application_while_a_real_call_does()
    {
        var user = env.NextUser();
        await using var line = await env.StartAsync(env.Instance(user, InstanceMode.Workstation));
        var mark = line.Sink.Count;

        env.Simulator.Faults.EmitPhantomCall(user.UserId, "+4989555000", TimeSpan.FromMilliseconds(30));
        Engine.PlaceIncomingCall("+49891140" + user.Extension, user.Extension);

        var h = await line.NewCallAsync(mark);
        await line.ExpectAsync(mark, NewCall(h), CS(h, "OFFERING/ACTIVE"), NumCalls, Ringing);
        Assert.Equal("+49891140" + user.Extension, line.CallInfo(h).CallerId.Number);
        Assert.Equal([h], line.Provider.GetCalls(line.LineHandle));
        Assert.Single(Engine.GetCalls(user.UserId));
    }

    [Fact]
    public async Task Incoming_rules_format_the_caller_of_a_real_incoming_call()
    {
        var user = env.NextUser();
        var instance = env.Instance(user, InstanceMode.Workstation);
        instance.NumberRules.Incoming.Add(new NumberRuleConfiguration { Search = @"^0(\d+)$", Replace = @"+49\1", IsRegex = true });
        await using var line = await env.StartAsync(instance);
        var mark = line.Sink.Count;

        Engine.PlaceIncomingCall("0891234567", user.Extension);

        var h = await line.NewCallAsync(mark);
        await line.ExpectAsync(mark, NewCall(h), CS(h, "OFFERING/ACTIVE"), NumCalls, Ringing);
        Assert.Equal("+49891234567", line.CallInfo(h).CallerId.Number);
    }

    [Fact]
    public async Task Dial_rules_turn_80123_into_0123_before_it_reaches_BroadWorks()
    {
        var user = env.NextUser();
        var instance = env.Instance(user, InstanceMode.Workstation);
        instance.NumberRules.Dial.Add(new NumberRuleConfiguration { Search = "^80(.*)", Replace = @"0\1", IsRegex = true });
        await using var line = await env.StartAsync(instance);
        Engine.FarEnds.Set("0123", FarEndBehavior.NeverAnswer);

        var h = await line.MakeCallAsync(user, "80123");
        var mark = line.Sink.Count;
        Engine.AnswerOwnLeg(user);
        await line.ExpectAsync(mark, InUseOne, CS(h, "RINGBACK"));

        var atSimulator = Assert.Single(Engine.GetCalls(user.UserId));
        Assert.Equal("0123", Digits(atSimulator.RemoteParty.Address));
    }

    [Fact]
    public async Task The_captured_on_hook_CallSubscriptionEvent_is_handled_as_a_snapshot_that_ends_a_ghost_call()
    {
        var user = env.NextUser();
        await using var line = await env.StartAsync(env.Instance(user, InstanceMode.Workstation));
        var mark = line.Sink.Count;
        var call = line.Provider.MakeCall(line.LineHandle, "030" + user.Extension + "41");
        var h = call.NewCallHandle;
        await line.Sink.WaitForAsync(CS(h, "CONNECTED/ACTIVE"), mark);
        await line.SettleAsync(); // the step's end-of-step messages come before the next mark

        // The capture's user is replaced by this line's user so the document reaches the monitored line; everything
        // else (ids, namespaces, the On-Hook snapshot without calls) is sent exactly as captured.
        var captured = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, CapturedOnHookSnapshot));
        Assert.Contains("<xsi:userId>username@qsc.de</xsi:userId>", captured, StringComparison.Ordinal);
        var document = captured.Replace("<xsi:userId>username@qsc.de</xsi:userId>", $"<xsi:userId>{user.UserId}</xsi:userId>", StringComparison.Ordinal);

        mark = line.Sink.Count;
        env.Simulator.Faults.EmitRawDocument(user.UserId, document);

        await line.ExpectAsync(mark, CS(h, "DISCONNECTED/UNKNOWN"), CS(h, "IDLE"), InUseZero, NumCalls);
        Assert.True(line.Provider.GetLineDevStatus(line.DeviceId)!.InService);
        Assert.Equal(0u, line.Provider.GetAddressStatus(line.DeviceId)!.NumInUse);
        Assert.Equal(0u, line.Provider.GetLineDevStatus(line.DeviceId)!.NumActiveCalls);
    }

    [Theory]
    [InlineData(InstanceMode.Workstation)]
    [InlineData(InstanceMode.Server)]
    public async Task Forwarding_set_before_the_instance_started_is_in_LINEADDRESSSTATUS_once_the_line_is_in_service(InstanceMode mode)
    {
        var user = env.NextUser();
        var destination = "030" + user.Extension + "42";
        Engine.SetService(user.UserId, SimServiceNames.CallForwardingAlways, new ServiceChange(Active: true, Number: destination));

        await using var line = await env.StartAsync(env.Instance(user, mode));

        var expected = new LineForwardEntry(LineForwardMode.UNCOND, destination);
        using var deadline = new CancellationTokenSource(RecordingSink.DefaultTimeout);
        while (!line.Provider.GetAddressStatus(line.DeviceId)!.Forward.Contains(expected) && !deadline.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        Assert.Equal([expected], line.Provider.GetAddressStatus(line.DeviceId)!.Forward);
    }

    private SimCallEngine Engine => env.Simulator.Engine;

    private static string Digits(string? address) => address is null ? "" : NonDigits().Replace(address.Replace("tel:", "", StringComparison.Ordinal).Split(';')[0], "");

    [GeneratedRegex(@"[^\d+*#]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NonDigits();
}
