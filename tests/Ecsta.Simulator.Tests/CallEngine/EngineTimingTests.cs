using Ecsta.Simulator.CallEngine;
using Microsoft.Extensions.Time.Testing;

namespace Ecsta.Simulator.Tests.CallEngine;

/// <summary>The engine's timers on a FakeTimeProvider (no sockets: these test timing, not transport).</summary>
public sealed class EngineTimingTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly SimCallEngine _engine;
    private readonly List<SimEvent> _events = [];

    public EngineTimingTests()
    {
        var options = new CallEngineOptions();
        var (users, admin) = UserFactory.Create(3, options);
        _engine = new SimCallEngine(users, [admin], options, _time);
        _engine.EventRaised += _events.Add;
    }

    private SimUser A => _engine.Users[0];

    private SimUser B => _engine.Users[1];

    private List<string> TypesFor(SimUser user) => [.. _events.Where(e => e.UserId == user.UserId).Select(e => e.EventType)];

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void The_own_leg_answers_after_the_auto_answer_delay_and_the_far_end_after_its_script()
    {
        _engine.FarEnds.Set("089.*", FarEndBehavior.AnswerAfterDelay(TimeSpan.FromSeconds(2)));

        _engine.Dial(A.UserId, "0891234");
        _time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.Equal(["CallOriginatingEvent"], TypesFor(A));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["CallOriginatingEvent", "HookStatusEvent", "CallOriginatedEvent"], TypesFor(A));

        _time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(3, TypesFor(A).Count);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var answered = _events[^1];
        Assert.Equal(("CallAnsweredEvent", _time.GetUtcNow().ToUnixTimeMilliseconds()), (answered.EventType, answered.Call!.AnswerTime!.Value));
    }

    [Fact]
    public void Call_forwarding_no_answer_redirects_after_number_of_rings_times_the_ring_interval()
    {
        _engine.SetService(B.UserId, SimServiceNames.CallForwardingNoAnswer, new ServiceChange(true, "+4930999", NumberOfRings: 3));
        _events.Clear();

        _engine.PlaceIncomingCall("+4989000", B.Extension);
        _time.Advance(TimeSpan.FromSeconds(18) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(["CallReceivedEvent"], TypesFor(B));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["CallReceivedEvent", "CallRedirectedEvent", "CallReleasedEvent"], TypesFor(B));
        Assert.Equal("no-answer", _events.Single(e => e.EventType == "CallRedirectedEvent").Calls![0].Redirect!.Reason);
    }

    [Fact]
    public void Busy_treatment_lasts_the_configured_time_before_the_release()
    {
        _engine.FarEnds.Set("0301", FarEndBehavior.Busy);
        _engine.DialFromPhone(A.UserId, "0301");
        Assert.Equal(["HookStatusEvent", "CallOriginatedEvent", "CallReleasingEvent"], TypesFor(A));

        _time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.Equal(3, TypesFor(A).Count);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["HookStatusEvent", "CallOriginatedEvent", "CallReleasingEvent", "CallReleasedEvent", "HookStatusEvent"], TypesFor(A));
    }

    [Fact]
    public void A_restart_loses_every_call_silently_and_pending_timers_never_fire()
    {
        _engine.Dial(A.UserId, "0891234");
        var before = _events.Count;

        _engine.Restart();
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(before, _events.Count);
        Assert.Empty(_engine.GetCalls(A.UserId));
        Assert.Equal("On-Hook", _engine.GetHookStatus(A.UserId));
    }

    [Fact]
    public void Events_held_behind_a_barrier_are_released_in_order()
    {
        var barrier = _engine.HoldEvents();
        _engine.DialFromPhone(A.UserId, B.Extension);
        Assert.Empty(_events);

        barrier.Dispose();

        Assert.Equal(["HookStatusEvent", "CallOriginatedEvent"], TypesFor(A));
        Assert.Equal(["CallReceivedEvent"], TypesFor(B));
    }
}
