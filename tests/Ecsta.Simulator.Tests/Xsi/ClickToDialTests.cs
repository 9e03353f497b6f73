using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.Simulator.CallEngine;
using Ecsta.Simulator.Tests.Support;

namespace Ecsta.Simulator.Tests.Xsi;

public sealed class ClickToDialTests
{
    private static XsiCall CallOf(XsiSubscriptionEvent e) => Assert.IsType<XsiCallEventData>(e.EventData).Call;

    [Fact]
    public async Task Click_to_dial_to_an_internal_user_alerts_the_own_phone_first_then_the_far_end_which_answers()
    {
        await using var t = await SimTest.StartAsync();
        var (a, b) = (t.User(0), t.User(1));
        var stream = await t.OpenChannelAsync(t.Sim.Administrator.UserId, t.Sim.Administrator.Password);
        await stream.SubscribeUserAsync(a.UserId);
        await stream.SubscribeUserAsync(b.UserId);
        Assert.Equal(["CallSubscriptionEvent"], await stream.TypesAsync(a.UserId, 1));
        Assert.Equal(["CallSubscriptionEvent"], await stream.TypesAsync(b.UserId, 1));

        var start = await Xml.DialAsync(t.Client(a), a.UserId, b.Extension);

        var aEvents = await stream.TakeAsync(a.UserId, 3);
        Assert.Equal(["CallOriginatingEvent", "HookStatusEvent", "CallOriginatedEvent"], aEvents.Select(e => e.EventData.Type));
        var originating = CallOf(aEvents[0]);
        Assert.Equal(start.CallId, originating.CallId);
        Assert.Equal(start.ExternalTrackingId, originating.ExtTrackingId);
        Assert.Equal("Click-to-Dial", originating.Personality);
        Assert.Equal("Alerting", originating.State);
        Assert.Equal("tel:" + b.Extension, originating.RemoteParty!.Address);
        Assert.Equal("Unknown", originating.RemoteParty.CallType);
        Assert.Equal("Off-Hook", Assert.IsType<XsiHookStatusEventData>(aEvents[1].EventData).HookStatus);
        var originated = CallOf(aEvents[2]);
        Assert.Equal(("Originator", "Alerting", start.CallId), (originated.Personality, originated.State, originated.CallId));
        Assert.Equal((b.UserId, "Group", b.DisplayName), (originated.RemoteParty!.UserId, originated.RemoteParty.CallType, originated.RemoteParty.Name));

        var received = CallOf(Assert.Single(await stream.TakeAsync(b.UserId, 1)));
        Assert.Equal(("Terminator", "Alerting", start.ExternalTrackingId), (received.Personality, received.State, received.ExtTrackingId));
        Assert.Equal((a.UserId, "Group"), (received.RemoteParty!.UserId, received.RemoteParty.CallType));
        Assert.True(received.AllowAnswer);
        Assert.StartsWith("callhalf-", received.CallId, StringComparison.Ordinal);
        Assert.NotEqual(start.CallId, received.CallId);

        await Xml.PutOkAsync(t.Client(b), $"{Xml.Calls(b.UserId)}/{received.CallId}/Talk");

        Assert.Equal(["CallAnsweredEvent", "HookStatusEvent"], await stream.TypesAsync(b.UserId, 2));
        var answeredEvent = Assert.Single(await stream.TakeAsync(a.UserId, 1));
        var answered = CallOf(answeredEvent);
        Assert.Equal(("CallAnsweredEvent", "Active", b.UserId), (answeredEvent.EventData.Type, answered.State, answered.RemoteParty!.UserId));
        Assert.NotNull(answered.AnswerTime);
        Assert.True(await stream.IsQuietAsync(a.UserId, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task Click_to_dial_to_an_external_number_uses_the_scripted_far_end()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        t.Sim.Engine.FarEnds.Set(@"\+4989.*", FarEndBehavior.AnswerAfterDelay(TimeSpan.FromMilliseconds(20)));
        var stream = await t.OpenChannelAsync(a);
        await stream.SubscribeUserAsync(a.UserId);
        await stream.TakeAsync(a.UserId, 1);

        await Xml.DialAsync(t.Client(a), a.UserId, "+4989123456");

        var events = await stream.TakeAsync(a.UserId, 4);
        Assert.Equal(["CallOriginatingEvent", "HookStatusEvent", "CallOriginatedEvent", "CallAnsweredEvent"], events.Select(e => e.EventData.Type));
        var answered = CallOf(events[3]);
        Assert.Equal(("Network", "tel:+4989123456", "Active"), (answered.RemoteParty!.CallType, answered.RemoteParty.Address, answered.State));
    }

    [Fact]
    public async Task Click_to_dial_to_a_busy_far_end_ends_with_busy_treatment()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        t.Sim.Engine.FarEnds.Set("0301111", FarEndBehavior.Busy);
        var stream = await t.OpenChannelAsync(a);
        await stream.SubscribeUserAsync(a.UserId);
        await stream.TakeAsync(a.UserId, 1);

        await Xml.DialAsync(t.Client(a), a.UserId, "0301111");

        var events = await stream.TakeAsync(a.UserId, 6);
        Assert.Equal(["CallOriginatingEvent", "HookStatusEvent", "CallOriginatedEvent", "CallReleasingEvent", "CallReleasedEvent", "HookStatusEvent"], events.Select(e => e.EventData.Type));
        Assert.Equal("Busy", CallOf(events[3]).ReleaseCause!.InternalReleaseCause);
        Assert.Equal(("Busy", "remoteRelease"), (CallOf(events[4]).ReleaseCause!.InternalReleaseCause, CallOf(events[4]).ReleasingParty));
    }

    [Fact]
    public async Task Own_leg_that_never_auto_answers_stays_alerting_until_answered_with_Talk()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        a.AutoAnswerDelay = null;
        var stream = await t.OpenChannelAsync(a);
        await stream.SubscribeUserAsync(a.UserId);
        await stream.TakeAsync(a.UserId, 1);

        var start = await Xml.DialAsync(t.Client(a), a.UserId, "+4930999");
        Assert.Equal(["CallOriginatingEvent"], await stream.TypesAsync(a.UserId, 1));
        Assert.True(await stream.IsQuietAsync(a.UserId, TimeSpan.FromMilliseconds(150)));
        var details = await Xml.GetAsync<XsiCall>(t.Client(a), $"{Xml.Calls(a.UserId)}/{start.CallId}");
        Assert.Equal(("Click-to-Dial", "Alerting"), (details.Personality, details.State));

        await Xml.PutOkAsync(t.Client(a), $"{Xml.Calls(a.UserId)}/{start.CallId}/talk");

        Assert.Equal(["HookStatusEvent", "CallOriginatedEvent", "CallAnsweredEvent"], await stream.TypesAsync(a.UserId, 3));
    }
}
