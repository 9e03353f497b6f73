using System.Net;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.BroadWorks.Xsi.Services;
using Ecsta.Simulator.CallEngine;
using Ecsta.Simulator.Tests.Support;
using static Ecsta.Simulator.Tests.Support.Scenario;

namespace Ecsta.Simulator.Tests.Xsi;

public sealed class ServiceScenarioTests
{
    private const string Ns = "xmlns=\"http://schema.broadsoft.com/xsi\"";

    private static Task PutServiceAsync(Scenario s, SimUser user, string service, string inner) =>
        Xml.PutOkAsync(s.Client(user), $"com.broadsoft.xsi-actions/v2.0/user/{user.UserId}/services/{service}", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><{service} {Ns}>{inner}</{service}>");

    [Fact]
    public async Task Call_forwarding_always_redirects_new_calls_and_the_caller_sees_CallForwardedEvent()
    {
        await using var s = await Scenario.StartAsync();
        await PutServiceAsync(s, s.B, "CallForwardingAlways", $"<active>true</active><forwardToPhoneNumber>{s.C.Extension}</forwardToPhoneNumber>");

        await Xml.DialAsync(s.Client(s.A), s.A.UserId, s.B.Extension);

        var b = await s.TakeAsync(s.B, 3);
        Assert.Equal(["CallReceivedEvent", "CallRedirectedEvent", "CallReleasedEvent"], b.Select(e => e.EventData.Type));
        var redirect = Assert.Single(Assert.IsType<XsiCallRedirectedEventData>(b[1].EventData).Calls).Redirect!;
        Assert.Equal("unconditional", redirect.Reason);
        var a = await s.TakeAsync(s.A, 4);
        Assert.Equal(["CallOriginatingEvent", "HookStatusEvent", "CallOriginatedEvent", "CallForwardedEvent"], a.Select(e => e.EventData.Type));
        Assert.Equal(s.C.UserId, CallOf(a[3]).RemoteParty!.UserId);
        var c = CallOf(Assert.Single(await s.TakeAsync(s.C, 1)));
        Assert.Equal((s.B.UserId, "unconditional", s.A.UserId), (c.Redirections[0].Party.UserId, c.Redirections[0].Reason, c.RemoteParty!.UserId));
    }

    [Fact]
    public async Task Call_forwarding_no_answer_redirects_after_the_rings()
    {
        await using var s = await Scenario.StartAsync();
        await PutServiceAsync(s, s.B, "CallForwardingNoAnswer", $"<active>true</active><forwardToPhoneNumber>{s.C.Extension}</forwardToPhoneNumber><numberOfRings>2</numberOfRings>");

        s.Test.Sim.Engine.PlaceIncomingCall("+4989111", s.B.Extension);

        var b = await s.TakeAsync(s.B, 3);
        Assert.Equal(["CallReceivedEvent", "CallRedirectedEvent", "CallReleasedEvent"], b.Select(e => e.EventData.Type));
        Assert.Equal("no-answer", Assert.Single(Assert.IsType<XsiCallRedirectedEventData>(b[1].EventData).Calls).Redirect!.Reason);
        var c = CallOf(Assert.Single(await s.TakeAsync(s.C, 1)));
        Assert.Equal(("no-answer", "tel:+4989111"), (c.Redirections[0].Reason, c.RemoteParty!.Address));
    }

    [Fact]
    public async Task Call_forwarding_busy_applies_when_call_waiting_is_off_and_the_user_is_on_a_call()
    {
        await using var s = await Scenario.StartAsync();
        s.Test.Sim.Engine.SetService(s.B.UserId, SimServiceNames.CallWaiting, new ServiceChange(Active: false));
        await s.ConnectAsync(s.B, s.C);
        await PutServiceAsync(s, s.B, "CallForwardingBusy", "<active>true</active><forwardToPhoneNumber>+4930777</forwardToPhoneNumber>");

        s.Test.Sim.Engine.PlaceIncomingCall("+4989222", s.B.Extension);

        Assert.Equal(["CallReceivedEvent", "CallRedirectedEvent", "CallReleasedEvent"], await s.TypesAsync(s.B, 3));
    }

    [Fact]
    public async Task A_busy_internal_user_without_forwarding_gives_the_caller_busy_treatment()
    {
        await using var s = await Scenario.StartAsync();
        s.Test.Sim.Engine.SetService(s.B.UserId, SimServiceNames.CallWaiting, new ServiceChange(Active: false));
        await s.ConnectAsync(s.B, s.C);

        await Xml.DialAsync(s.Client(s.A), s.A.UserId, s.B.Extension);

        var a = await s.TakeAsync(s.A, 6);
        Assert.Equal(["CallOriginatingEvent", "HookStatusEvent", "CallOriginatedEvent", "CallReleasingEvent", "CallReleasedEvent", "HookStatusEvent"], a.Select(e => e.EventData.Type));
        Assert.Equal("Busy", CallOf(a[4]).ReleaseCause!.InternalReleaseCause);
        Assert.True(await s.Stream.IsQuietAsync(s.B.UserId, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task Do_not_disturb_detaches_new_calls_and_the_caller_hears_busy()
    {
        await using var s = await Scenario.StartAsync();
        await PutServiceAsync(s, s.B, "DoNotDisturb", "<active>true</active>");

        await Xml.DialAsync(s.Client(s.A), s.A.UserId, s.B.Extension);

        Assert.Equal(["CallReceivedEvent", "CallDetachedEvent", "CallReleasedEvent"], await s.TypesAsync(s.B, 3));
        Assert.Equal(["CallOriginatingEvent", "HookStatusEvent", "CallOriginatedEvent", "CallReleasingEvent", "CallReleasedEvent", "HookStatusEvent"], await s.TypesAsync(s.A, 6));
    }

    [Fact]
    public async Task Unanswered_call_without_forwarding_is_released_by_the_no_answer_timer()
    {
        var options = SimTest.FastOptions() with { Engine = SimTest.FastOptions().Engine with { NoAnswerTimeout = TimeSpan.FromMilliseconds(150) } };
        await using var s = await Scenario.StartAsync(options);

        await Xml.DialAsync(s.Client(s.A), s.A.UserId, s.B.Extension);

        Assert.Equal(["CallReceivedEvent", "CallReleasedEvent"], await s.TypesAsync(s.B, 2));
        var a = await s.TakeAsync(s.A, 5);
        Assert.Equal(["CallOriginatingEvent", "HookStatusEvent", "CallOriginatedEvent", "CallReleasedEvent", "HookStatusEvent"], a.Select(e => e.EventData.Type));
        Assert.Equal("Request Timeout", CallOf(a[3]).ReleaseCause!.InternalReleaseCause);
    }

    [Fact]
    public async Task Service_packages_send_the_initial_state_and_every_change_and_partial_PUTs_keep_other_fields()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var stream = await t.OpenChannelAsync(a);
        await stream.SubscribeUserAsync(a.UserId, "Do Not Disturb");
        var initial = Assert.IsType<XsiServiceEventData>(Assert.Single(await stream.TakeAsync(a.UserId, 1)).EventData);
        Assert.Equal(("DoNotDisturbEvent", false), (initial.Type, initial.Info.Active));

        await Xml.PutOkAsync(t.Client(a), $"com.broadsoft.xsi-actions/v2.0/user/{a.UserId}/services/donotdisturb", $"<DoNotDisturb {Ns}><active>true</active><ringSplash>true</ringSplash></DoNotDisturb>");
        await Xml.PutOkAsync(t.Client(a), $"com.broadsoft.xsi-actions/v2.0/user/{a.UserId}/services/DoNotDisturb", $"<DoNotDisturb {Ns}><active>false</active></DoNotDisturb>");

        var changes = await stream.TakeAsync(a.UserId, 2);
        var on = Assert.IsType<XsiDoNotDisturb>(Assert.IsType<XsiServiceEventData>(changes[0].EventData).Info);
        var off = Assert.IsType<XsiDoNotDisturb>(Assert.IsType<XsiServiceEventData>(changes[1].EventData).Info);
        Assert.Equal((true, true), (on.Active, on.RingSplash));
        Assert.Equal((false, true), (off.Active, off.RingSplash));
        var document = await Xml.GetAsync<XsiDoNotDisturb>(t.Client(a), $"com.broadsoft.xsi-actions/v2.0/user/{a.UserId}/services/DoNotDisturb");
        Assert.Equal((false, true), (document.Active, document.RingSplash));
    }

    [Fact]
    public async Task Remote_office_rings_the_remote_number_instead_of_the_phone_for_click_to_dial()
    {
        await using var s = await Scenario.StartAsync();
        s.Test.Sim.Engine.FarEnds.Set("0301234", FarEndBehavior.NeverAnswer);
        await PutServiceAsync(s, s.A, "RemoteOffice", "<active>true</active><remoteOfficeNumber>0301234</remoteOfficeNumber>");
        var document = await Xml.GetAsync<XsiRemoteOffice>(s.Client(s.A), $"com.broadsoft.xsi-actions/v2.0/user/{s.A.UserId}/services/remoteoffice");
        Assert.Equal((true, "0301234"), (document.Active, document.RemoteOfficeNumber));

        await Xml.DialAsync(s.Client(s.A), s.A.UserId, s.B.Extension);

        Assert.Equal(["CallOriginatingEvent"], await s.TypesAsync(s.A, 1));
        Assert.True(await s.Stream.IsQuietAsync(s.A.UserId, TimeSpan.FromMilliseconds(150)));
    }

    [Fact]
    public async Task Activating_forwarding_without_a_number_is_refused_with_400()
    {
        await using var s = await Scenario.StartAsync();
        using var response = await s.Client(s.A).PutAsync($"com.broadsoft.xsi-actions/v2.0/user/{s.A.UserId}/services/CallForwardingAlways", Xml.Body($"<CallForwardingAlways {Ns}><active>true</active></CallForwardingAlways>"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
