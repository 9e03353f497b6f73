using Ecsta.Abstractions.Tapi;
using Ecsta.Abstractions.Transports;
using Ecsta.EndToEnd.Tests.TestSupport;
using Ecsta.Simulator.CallEngine;
using Ecsta.Tsp.Provider;
using static Ecsta.EndToEnd.Tests.TestSupport.LineExpectations;

namespace Ecsta.EndToEnd.Tests;

/// <summary>
/// The TSP core scenarios of docs/tapi-mapping.md §3 run through the host's runtime, the real XSI plugin and the simulator over
/// real sockets. Each derived class runs them in one mode over one connection type; each test has its own
/// simulator users and far-end numbers, so the tests of a class share one simulator.
/// </summary>
public abstract class CallScenarioTests
{
    private readonly HostEnvironment _env;
    private readonly InstanceMode _mode;
    private readonly string _connectionType;

    private protected CallScenarioTests(HostEnvironment env, InstanceMode mode, string connectionType)
    {
        _env = env;
        _mode = mode;
        _connectionType = connectionType;
    }

    private SimCallEngine Engine => _env.Simulator.Engine;

    /// <summary>A far-end number for this test only: 030 + the user's extension + a suffix.</summary>
    private static string External(SimUser user, string suffix) => "030" + user.Extension + suffix;

    private async Task<(HostedLine Line, SimUser User)> StartAsync(bool returnToHeld = true)
    {
        var user = _env.NextUser();
        var instance = _env.Instance(user, _mode, _connectionType);
        instance.Advanced.ReturnToHeldOnConsultationEnd = returnToHeld;
        return (await _env.StartAsync(instance), user);
    }

    /// <summary>lineSetupTransfer on <paramref name="o"/> and lineDial of the consultation call to an answering number (asserted).</summary>
    private async Task<uint> ConsultAsync(HostedLine line, SimUser user, uint o, string number)
    {
        var mark = line.Sink.Count;
        var setup = line.Provider.SetupTransfer(line.LineHandle, o);
        var k = setup.NewCallHandle;
        await line.ExpectAsync(mark, C(setup), CS(o, "ONHOLDPENDTRANSFER"), CS(k, "DIALTONE/UNAVAIL"), NumCalls);

        mark = line.Sink.Count;
        var dial = line.Provider.Dial(line.LineHandle, k, number);
        await line.ExpectAsync(mark, C(dial), CI(k, LineCallInfoState.CALLID | LineCallInfoState.CALLEDID), CS(k, "PROCEEDING"));

        mark = line.Sink.Count;
        Engine.AnswerOwnLeg(user);
        await line.ExpectAsync(mark, CS(k, "RINGBACK"), CI(k, LineCallInfoState.CONNECTEDID), CS(k, "CONNECTED/ACTIVE"));
        Assert.Equal(line.CallInfo(o).CallId, line.CallInfo(k).RelatedCallId);
        return k;
    }

    [Fact]
    public async Task Click_to_dial_answered_goes_PROCEEDING_RINGBACK_CONNECTED_and_drop_ends_it_IDLE()
    {
        var (line, user) = await StartAsync();
        await using var _ = line;
        var number = External(user, "01");

        var h = await line.ConnectOutgoingAsync(Engine, user, number);

        var info = line.CallInfo(h);
        Assert.Equal(LineCallOrigin.OUTBOUND, info.Origin);
        Assert.Equal(number, info.CalledId.Number);
        Assert.Equal(number, info.ConnectedId.Number);
        var remote = Assert.Single(Engine.GetCalls(user.UserId));
        Assert.Equal(CallState.Active, remote.State);

        var mark = line.Sink.Count;
        var drop = line.Provider.Drop(line.LineHandle, h);
        await line.ExpectAsync(mark, C(drop), CS(h, "DISCONNECTED/NORMAL"), CS(h, "IDLE"), NumCalls, InUseZero);
        Assert.Empty(Engine.GetCalls(user.UserId));
    }

    [Fact]
    public async Task Click_to_dial_to_a_busy_far_end_shows_BUSY_then_DISCONNECTED_BUSY_and_IDLE()
    {
        var (line, user) = await StartAsync();
        await using var _ = line;
        var number = External(user, "02");
        Engine.FarEnds.Set(number, FarEndBehavior.Busy);

        var h = await line.MakeCallAsync(user, number);
        var mark = line.Sink.Count;
        Engine.AnswerOwnLeg(user);
        await line.ExpectAsync(mark,
            InUseOne, CS(h, "RINGBACK"),
            CS(h, "BUSY/UNKNOWN"),
            CS(h, "DISCONNECTED/BUSY"), CS(h, "IDLE"), NumCalls, InUseZero);
    }

    [Fact]
    public async Task Incoming_call_answered_is_OFFERING_with_RINGING_then_CONNECTED_and_the_far_end_hangup_ends_it()
    {
        var (line, user) = await StartAsync();
        await using var _ = line;
        var mark = line.Sink.Count;
        var incoming = Engine.PlaceIncomingCall("+49891110" + user.Extension, user.Extension, "Far Caller");

        var h = await line.NewCallAsync(mark);
        await line.ExpectAsync(mark, NewCall(h), CS(h, "OFFERING/ACTIVE"), NumCalls, Ringing);
        var info = line.CallInfo(h);
        Assert.Equal(LineCallOrigin.EXTERNAL, info.Origin);
        Assert.Equal(LineCallReason.DIRECT, info.Reason);
        Assert.Equal("+49891110" + user.Extension, info.CallerId.Number);
        Assert.Equal("Far Caller", info.CallerId.Name);

        mark = line.Sink.Count;
        var answer = line.Provider.Answer(line.LineHandle, h);
        await line.ExpectAsync(mark, C(answer), CI(h, LineCallInfoState.CONNECTEDID), CS(h, "CONNECTED/ACTIVE"), InUseOne);

        mark = line.Sink.Count;
        incoming.HangUp();
        await line.ExpectAsync(mark, CS(h, "DISCONNECTED/NORMAL"), CS(h, "IDLE"), NumCalls, InUseZero);
    }

    [Fact]
    public async Task Incoming_call_rejected_with_lineDrop_is_declined_and_goes_DISCONNECTED_NORMAL_IDLE()
    {
        var (line, user) = await StartAsync();
        await using var _ = line;
        var mark = line.Sink.Count;
        Engine.PlaceIncomingCall("+49891120" + user.Extension, user.Extension);
        var h = await line.NewCallAsync(mark);
        await line.ExpectAsync(mark, NewCall(h), CS(h, "OFFERING/ACTIVE"), NumCalls, Ringing);

        mark = line.Sink.Count;
        var drop = line.Provider.Drop(line.LineHandle, h);
        await line.ExpectAsync(mark, C(drop), CS(h, "DISCONNECTED/NORMAL"), CS(h, "IDLE"), NumCalls);
        Assert.Empty(Engine.GetCalls(user.UserId));
    }

    [Fact]
    public async Task Incoming_call_redirected_goes_DISCONNECTED_FORWARDED_and_rings_the_target()
    {
        var (line, user) = await StartAsync();
        await using var _ = line;
        var target = _env.NextUser();
        var mark = line.Sink.Count;
        Engine.PlaceIncomingCall("+49891130" + user.Extension, user.Extension);
        var h = await line.NewCallAsync(mark);
        await line.ExpectAsync(mark, NewCall(h), CS(h, "OFFERING/ACTIVE"), NumCalls, Ringing);

        mark = line.Sink.Count;
        var redirect = line.Provider.Redirect(line.LineHandle, h, target.Extension);
        await line.ExpectAsync(mark, C(redirect), CS(h, "DISCONNECTED/FORWARDED"), CS(h, "IDLE"), NumCalls);
        var atTarget = Assert.Single(Engine.GetCalls(target.UserId));
        Assert.Equal(CallState.Alerting, atTarget.State);
        Assert.Equal("+49891130" + user.Extension, atTarget.RemoteParty.Address?.Replace("tel:", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hold_and_unhold_report_ONHOLD_and_CONNECTED_after_the_confirming_events()
    {
        var (line, user) = await StartAsync();
        await using var _ = line;
        var h = await line.ConnectOutgoingAsync(Engine, user, External(user, "03"));

        var mark = line.Sink.Count;
        var hold = line.Provider.Hold(line.LineHandle, h);
        await line.ExpectAsync(mark, C(hold), CS(h, "ONHOLD"), NumCalls);
        Assert.Equal(CallState.Held, Assert.Single(Engine.GetCalls(user.UserId)).State);

        mark = line.Sink.Count;
        var unhold = line.Provider.Unhold(line.LineHandle, h);
        await line.ExpectAsync(mark, C(unhold), CS(h, "CONNECTED/ACTIVE"), NumCalls);
        Assert.Equal(CallState.Active, Assert.Single(Engine.GetCalls(user.UserId)).State);
    }

    [Fact]
    public async Task DTMF_digits_on_a_connected_call_reach_the_platform_and_complete_other_characters_are_ignored_and_a_held_call_is_refused()
    {
        var (line, user) = await StartAsync();
        await using var _ = line;
        var h = await line.ConnectOutgoingAsync(Engine, user, External(user, "09"));
        Assert.True((line.Provider.GetCallStatus(line.LineHandle, h)!.CallFeatures & LineCallFeature.GENERATEDIGITS) != 0);

        var mark = line.Sink.Count;
        var digits = line.Provider.GenerateDigits(line.LineHandle, h, TspProvider.DigitModeDtmf, "12*#,9");
        await line.ExpectAsync(mark, C(digits));
        var callId = Assert.Single(Engine.GetCalls(user.UserId)).CallId;
        Assert.Equal(["12*#,9"], Engine.GetDtmf(user.UserId, callId));

        mark = line.Sink.Count;
        var ignored = line.Provider.GenerateDigits(line.LineHandle, h, TspProvider.DigitModeDtmf, "4 A-5"); // TAPI: other characters are ignored
        await line.ExpectAsync(mark, C(ignored));
        Assert.Equal(["12*#,9", "45"], Engine.GetDtmf(user.UserId, callId));
        Assert.Equal(LineErr.INVALDIGITS, line.Provider.GenerateDigits(line.LineHandle, h, TspProvider.DigitModeDtmf, "XYZ").Result);
        Assert.Equal(LineErr.INVALDIGITS, line.Provider.GenerateDigits(line.LineHandle, h, TspProvider.DigitModeDtmf, "").Result);
        Assert.Equal(LineErr.INVALDIGITMODE, line.Provider.GenerateDigits(line.LineHandle, h, 0x1, "1").Result);
        mark = line.Sink.Count;
        var hold = line.Provider.Hold(line.LineHandle, h);
        await line.ExpectAsync(mark, C(hold), CS(h, "ONHOLD"), NumCalls);
        Assert.Equal(LineErr.INVALCALLSTATE, line.Provider.GenerateDigits(line.LineHandle, h, TspProvider.DigitModeDtmf, "1").Result);
        Assert.Equal(["12*#,9", "45"], Engine.GetDtmf(user.UserId, callId));
    }

    [Fact]
    public async Task Blind_transfer_of_a_connected_call_ends_it_DISCONNECTED_NORMAL()
    {
        var (line, user) = await StartAsync();
        await using var _ = line;
        var h = await line.ConnectOutgoingAsync(Engine, user, External(user, "04"));

        var mark = line.Sink.Count;
        var transfer = line.Provider.BlindTransfer(line.LineHandle, h, External(user, "05"));
        await line.ExpectAsync(mark, C(transfer), CS(h, "DISCONNECTED/NORMAL"), CS(h, "IDLE"), NumCalls, InUseZero);
        Assert.Empty(Engine.GetCalls(user.UserId));
    }

    [Fact]
    public async Task Consultation_completed_as_transfer_ends_both_calls()
    {
        var (line, user) = await StartAsync();
        await using var _ = line;
        var o = await line.ConnectOutgoingAsync(Engine, user, External(user, "06"));
        var k = await ConsultAsync(line, user, o, External(user, "07"));

        var mark = line.Sink.Count;
        var complete = line.Provider.CompleteTransfer(line.LineHandle, o, k, LineTransferMode.TRANSFER);
        await line.ExpectAsync(mark,
            C(complete), CS(o, "DISCONNECTED/NORMAL"), CS(o, "IDLE"), CS(k, "DISCONNECTED/NORMAL"), CS(k, "IDLE"), NumCalls, InUseZero);
        Assert.Empty(Engine.GetCalls(user.UserId));
    }

    [Fact]
    public async Task Consultation_completed_as_conference_creates_the_conference_call_with_both_calls_CONFERENCED()
    {
        var (line, user) = await StartAsync();
        await using var _ = line;
        var o = await line.ConnectOutgoingAsync(Engine, user, External(user, "08"));
        var k = await ConsultAsync(line, user, o, External(user, "09"));

        var mark = line.Sink.Count;
        var complete = line.Provider.CompleteTransfer(line.LineHandle, o, k, LineTransferMode.CONFERENCE);
        var f = complete.NewCallHandle;
        await line.ExpectAsync(mark,
            C(complete), CS(f, "CONNECTED/ACTIVE"),
            CI(o, LineCallInfoState.RELATEDCALLID), Conferenced(o, f),
            CI(k, LineCallInfoState.RELATEDCALLID), Conferenced(k, f), NumCalls);
        Assert.Equal(LineCallOrigin.CONFERENCE, line.CallInfo(f).Origin);
        Assert.Equal(line.CallInfo(f).CallId, line.CallInfo(o).RelatedCallId);
        Assert.Equal(2, Engine.GetConference(user.UserId)?.ParticipantCallIds.Count);
    }

    [Fact]
    public async Task Add_to_conference_puts_a_new_call_into_the_held_conference_and_retrieves_it()
    {
        var (line, user) = await StartAsync();
        await using var _ = line;
        var o = await line.ConnectOutgoingAsync(Engine, user, External(user, "10"));
        var k = await ConsultAsync(line, user, o, External(user, "11"));
        var mark = line.Sink.Count;
        var complete = line.Provider.CompleteTransfer(line.LineHandle, o, k, LineTransferMode.CONFERENCE);
        var f = complete.NewCallHandle;

        // The whole step, up to its closing NUMCALLS: the next mark must not fall before it.
        await line.ExpectAsync(mark,
            C(complete), CS(f, "CONNECTED/ACTIVE"),
            CI(o, LineCallInfoState.RELATEDCALLID), Conferenced(o, f),
            CI(k, LineCallInfoState.RELATEDCALLID), Conferenced(k, f), NumCalls);

        mark = line.Sink.Count;
        var hold = line.Provider.Hold(line.LineHandle, f);
        await line.ExpectAsync(mark, C(hold), CS(f, "ONHOLD"), NumCalls);

        var third = await line.ConnectOutgoingAsync(Engine, user, External(user, "12"), phoneOffHook: true);

        mark = line.Sink.Count;
        var add = line.Provider.AddToConference(line.LineHandle, f, third);
        await line.ExpectAsync(mark,
            C(add), CS(f, "CONNECTED/ACTIVE"), CI(third, LineCallInfoState.RELATEDCALLID), Conferenced(third, f), NumCalls);
        Assert.Equal(3, Engine.GetConference(user.UserId)?.ParticipantCallIds.Count);
    }

    [Fact]
    public async Task Swap_hold_holds_the_consultation_and_retrieves_the_original_call()
    {
        var (line, user) = await StartAsync();
        await using var _ = line;
        var o = await line.ConnectOutgoingAsync(Engine, user, External(user, "13"));
        var k = await ConsultAsync(line, user, o, External(user, "14"));

        var mark = line.Sink.Count;
        var swap = line.Provider.SwapHold(line.LineHandle, k, o);
        await line.ExpectAsync(mark, CS(k, "ONHOLDPENDTRANSFER"), NumCalls, C(swap), CS(o, "CONNECTED/ACTIVE"), NumCalls);
        var calls = Engine.GetCalls(user.UserId);
        Assert.Equal([CallState.Active, CallState.Held], calls.Select(c => c.State));
    }

    [Fact]
    public async Task Dropping_the_consultation_with_return_to_held_on_retrieves_the_held_call()
    {
        var (line, user) = await StartAsync(returnToHeld: true);
        await using var _ = line;
        var o = await line.ConnectOutgoingAsync(Engine, user, External(user, "15"));
        var k = await ConsultAsync(line, user, o, External(user, "16"));

        var mark = line.Sink.Count;
        var drop = line.Provider.Drop(line.LineHandle, k);
        await line.ExpectAsync(mark, C(drop), CS(k, "DISCONNECTED/NORMAL"), CS(k, "IDLE"), NumCalls, CS(o, "CONNECTED/ACTIVE"), NumCalls);
        Assert.Equal(CallState.Active, Assert.Single(Engine.GetCalls(user.UserId)).State);
    }

    [Fact]
    public async Task Dropping_the_consultation_with_return_to_held_off_leaves_the_original_call_ONHOLD()
    {
        var (line, user) = await StartAsync(returnToHeld: false);
        await using var _ = line;
        var o = await line.ConnectOutgoingAsync(Engine, user, External(user, "17"));
        var k = await ConsultAsync(line, user, o, External(user, "18"));

        var mark = line.Sink.Count;
        var drop = line.Provider.Drop(line.LineHandle, k);
        await line.ExpectAsync(mark, C(drop), CS(k, "DISCONNECTED/NORMAL"), CS(k, "IDLE"), CS(o, "ONHOLD"), NumCalls);
        Assert.Equal(CallState.Held, Assert.Single(Engine.GetCalls(user.UserId)).State);
    }

    [Fact]
    public async Task Forwarding_and_do_not_disturb_are_set_and_cancelled_and_confirmed_by_service_events()
    {
        var (line, user) = await StartAsync();
        await using var _ = line;
        var destination = External(user, "19");

        var mark = line.Sink.Count;
        var forward = line.Provider.Forward(line.LineHandle, [new LineForwardEntry(LineForwardMode.UNCOND, destination)], 0);
        await line.ExpectAsync(mark, C(forward), AS(LineAddressState.FORWARD));
        Assert.True(Engine.GetService(user.UserId, SimServiceNames.CallForwardingAlways).Active);
        var status = line.Provider.GetAddressStatus(line.DeviceId)!;
        Assert.Equal([new LineForwardEntry(LineForwardMode.UNCOND, destination)], status.Forward);

        mark = line.Sink.Count;
        var dnd = line.Provider.Forward(line.LineHandle, [new LineForwardEntry(LineForwardMode.UNCOND, "")], 0);
        await line.ExpectAsync(mark, C(dnd), AS(LineAddressState.FORWARD), AS(LineAddressState.FORWARD));
        Assert.False(Engine.GetService(user.UserId, SimServiceNames.CallForwardingAlways).Active);
        Assert.True(Engine.GetService(user.UserId, SimServiceNames.DoNotDisturb).Active);
        Assert.True(line.Provider.GetAddressStatus(line.DeviceId)!.DoNotDisturb);

        mark = line.Sink.Count;
        var cancel = line.Provider.Forward(line.LineHandle, null, 0);
        await line.ExpectAsync(mark, C(cancel), AS(LineAddressState.FORWARD));
        Assert.False(Engine.GetService(user.UserId, SimServiceNames.DoNotDisturb).Active);
        status = line.Provider.GetAddressStatus(line.DeviceId)!;
        Assert.Empty(status.Forward);
        Assert.False(status.DoNotDisturb);
    }
}

/// <summary>The scenarios in workstation mode (the user's own login) over HTTP.</summary>
public sealed class WorkstationHttpCallTests(HostEnvironment env)
    : CallScenarioTests(env, InstanceMode.Workstation, ConnectionTypes.Http), IClassFixture<HostEnvironment>;

/// <summary>The scenarios in server mode (group administrator, group subscription, snapshots per line) over HTTP.</summary>
public sealed class ServerHttpCallTests(HostEnvironment env)
    : CallScenarioTests(env, InstanceMode.Server, ConnectionTypes.Http), IClassFixture<HostEnvironment>;

/// <summary>The scenarios in workstation mode over HTTPS, trusting the simulator's CA through the instance's TrustedCaPath.</summary>
public sealed class WorkstationHttpsCallTests(HostEnvironment env)
    : CallScenarioTests(env, InstanceMode.Workstation, ConnectionTypes.Https), IClassFixture<HostEnvironment>;

/// <summary>
/// The scenarios in workstation mode over HTTP with the simulator sending each request's events before its response,
/// so every completion is placed by its confirming event arriving first (docs/tapi-mapping.md R5, D6: tests run both orders).
/// </summary>
public sealed class WorkstationHttpEventsFirstCallTests(EventsFirstHostEnvironment env)
    : CallScenarioTests(env, InstanceMode.Workstation, ConnectionTypes.Http), IClassFixture<EventsFirstHostEnvironment>;
