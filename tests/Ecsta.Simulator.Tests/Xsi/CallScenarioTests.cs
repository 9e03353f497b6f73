using System.Net;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.Simulator.Tests.Support;
using static Ecsta.Simulator.Tests.Support.Scenario;

namespace Ecsta.Simulator.Tests.Xsi;

public sealed class CallScenarioTests
{
    [Fact]
    public async Task Incoming_external_call_is_received_answered_and_released_by_the_caller()
    {
        await using var s = await Scenario.StartAsync();
        var incoming = s.Test.Sim.Engine.PlaceIncomingCall("+4989777", s.A.Extension, "Outside Caller");

        var received = CallOf(Assert.Single(await s.TakeAsync(s.A, 1)));
        Assert.Equal(("Terminator", "Alerting", "Network", "tel:+4989777", "Outside Caller"), (received.Personality, received.State, received.RemoteParty!.CallType, received.RemoteParty.Address, received.RemoteParty.Name));
        Assert.Equal(incoming.ExtTrackingId, received.ExtTrackingId);

        await s.PutAsync(s.A, received.CallId + "/Talk");
        var answered = await s.TakeAsync(s.A, 2);
        Assert.Equal(["CallAnsweredEvent", "HookStatusEvent"], answered.Select(e => e.EventData.Type));
        Assert.Equal("Active", CallOf(answered[0]).State);

        incoming.HangUp();
        var released = await s.TakeAsync(s.A, 2);
        Assert.Equal(["CallReleasedEvent", "HookStatusEvent"], released.Select(e => e.EventData.Type));
        Assert.Equal(("Released", "remoteRelease"), (CallOf(released[0]).State, CallOf(released[0]).ReleasingParty));
        Assert.Equal("On-Hook", Assert.IsType<XsiHookStatusEventData>(released[1].EventData).HookStatus);
    }

    [Fact]
    public async Task Hold_and_retrieve_show_Held_locally_and_Remote_Held_on_the_internal_party()
    {
        await using var s = await Scenario.StartAsync();
        var (aCall, bCall) = await s.ConnectAsync(s.A, s.B);

        await s.PutAsync(s.A, aCall + "/Hold");
        var held = CallOf(Assert.Single(await s.TakeAsync(s.A, 1)));
        Assert.Equal(("Held", true), (held.State, held.AllowRetrieve));
        Assert.NotNull(held.HeldTime);
        var remoteHeld = Assert.Single(await s.TakeAsync(s.B, 1));
        Assert.Equal(("CallHeldEvent", "Remote Held", bCall), (remoteHeld.EventData.Type, CallOf(remoteHeld).State, CallOf(remoteHeld).CallId));

        await s.PutAsync(s.A, aCall + "/Talk");
        var retrieved = Assert.Single(await s.TakeAsync(s.A, 1));
        Assert.Equal(("CallRetrievedEvent", "Active"), (retrieved.EventData.Type, CallOf(retrieved).State));
        var remoteRetrieved = Assert.Single(await s.TakeAsync(s.B, 1));
        Assert.Equal(("CallRetrievedEvent", "Active"), (remoteRetrieved.EventData.Type, CallOf(remoteRetrieved).State));
    }

    [Fact]
    public async Task Release_reports_localRelease_to_the_releasing_user_and_remoteRelease_to_the_other()
    {
        await using var s = await Scenario.StartAsync();
        var (aCall, _) = await s.ConnectAsync(s.A, s.B);

        await s.DeleteAsync(s.A, aCall);

        var a = await s.TakeAsync(s.A, 2);
        Assert.Equal(["CallReleasedEvent", "HookStatusEvent"], a.Select(e => e.EventData.Type));
        Assert.Equal("localRelease", CallOf(a[0]).ReleasingParty);
        Assert.NotNull(CallOf(a[0]).ReleaseTime);
        var b = await s.TakeAsync(s.B, 2);
        Assert.Equal(["CallReleasedEvent", "HookStatusEvent"], b.Select(e => e.EventData.Type));
        Assert.Equal("remoteRelease", CallOf(b[0]).ReleasingParty);
        var calls = await Xml.GetAsync<XsiCalls>(s.Client(s.A), s.CallsOf(s.A));
        Assert.Empty(calls.Items);
    }

    [Fact]
    public async Task Declining_an_alerting_call_releases_it_and_rejects_the_caller()
    {
        await using var s = await Scenario.StartAsync();
        await Xml.DialAsync(s.Client(s.B), s.B.UserId, s.A.Extension);
        await s.TakeAsync(s.B, 3);
        var received = CallOf(Assert.Single(await s.TakeAsync(s.A, 1)));

        await s.DeleteAsync(s.A, received.CallId + "?decline=true");

        var a = Assert.Single(await s.TakeAsync(s.A, 1));
        Assert.Equal(("CallReleasedEvent", "localRelease"), (a.EventData.Type, CallOf(a).ReleasingParty));
        var b = await s.TakeAsync(s.B, 2);
        Assert.Equal(["CallReleasedEvent", "HookStatusEvent"], b.Select(e => e.EventData.Type));
        Assert.Equal("Global Failure", CallOf(b[0]).ReleaseCause!.InternalReleaseCause);
    }

    [Fact]
    public async Task Blind_transfer_detaches_the_call_and_connects_the_remote_party_to_the_target()
    {
        await using var s = await Scenario.StartAsync();
        var (aCall, bCall) = await s.ConnectAsync(s.A, s.B);

        await s.PutAsync(s.A, $"{aCall}/BlindTransfer?address={s.C.Extension}");

        var a = await s.TakeAsync(s.A, 3);
        Assert.Equal(["CallRedirectedEvent", "CallReleasedEvent", "HookStatusEvent"], a.Select(e => e.EventData.Type));
        var redirected = Assert.Single(Assert.IsType<XsiCallRedirectedEventData>(a[0].EventData).Calls);
        Assert.Equal(("Detached", "transfer", "tel:" + s.C.Extension), (redirected.State, redirected.Redirect!.Reason, redirected.Redirect.Address));
        var transferred = Assert.Single(await s.TakeAsync(s.B, 1));
        Assert.Equal(("CallTransferredEvent", bCall, s.C.UserId, "Alerting"), (transferred.EventData.Type, CallOf(transferred).CallId, CallOf(transferred).RemoteParty!.UserId, CallOf(transferred).State));
        var atC = CallOf(Assert.Single(await s.TakeAsync(s.C, 1)));
        Assert.Equal((s.B.UserId, s.A.UserId, "transfer"), (atC.RemoteParty!.UserId, atC.Redirections[0].Party.UserId, atC.Redirections[0].Reason));

        await s.PutAsync(s.C, atC.CallId + "/Talk");
        Assert.Equal(["CallAnsweredEvent", "HookStatusEvent"], await s.TypesAsync(s.C, 2));
        var again = Assert.Single(await s.TakeAsync(s.B, 1));
        Assert.Equal(("CallAnsweredEvent", "Active", s.C.UserId), (again.EventData.Type, CallOf(again).State, CallOf(again).RemoteParty!.UserId));
    }

    [Fact]
    public async Task Blind_transfer_of_an_alerting_call_redirects_it_with_reason_deflection()
    {
        await using var s = await Scenario.StartAsync();
        s.Test.Sim.Engine.PlaceIncomingCall("+4989555", s.A.Extension);
        var received = CallOf(Assert.Single(await s.TakeAsync(s.A, 1)));

        await s.PutAsync(s.A, $"{received.CallId}/BlindTransfer?address={s.C.Extension}");

        var a = await s.TakeAsync(s.A, 2);
        Assert.Equal(["CallRedirectedEvent", "CallReleasedEvent"], a.Select(e => e.EventData.Type));
        var redirect = Assert.Single(Assert.IsType<XsiCallRedirectedEventData>(a[0].EventData).Calls).Redirect!;
        Assert.Equal("deflection", redirect.Reason);
        var atC = CallOf(Assert.Single(await s.TakeAsync(s.C, 1)));
        Assert.Equal(("tel:+4989555", "deflection", s.A.UserId), (atC.RemoteParty!.Address, atC.Redirections[0].Reason, atC.Redirections[0].Party.UserId));
        Assert.True(await s.Stream.IsQuietAsync(s.A.UserId, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task Consult_transfer_connects_the_held_party_with_the_consulted_party()
    {
        await using var s = await Scenario.StartAsync();
        var (call1, bCall) = await s.ConnectAsync(s.A, s.B);
        await s.PutAsync(s.A, call1 + "/Hold");
        await s.TakeAsync(s.A, 1);
        await s.TakeAsync(s.B, 1);
        var (call2, cCall) = await s.ConnectAsync(s.A, s.C, callerAlreadyOffHook: true);

        await s.PutAsync(s.A, $"{call1}/ConsultTransfer/{call2}");

        var a = await s.TakeAsync(s.A, 4);
        Assert.Equal(["CallRedirectedEvent", "CallReleasedEvent", "CallReleasedEvent", "HookStatusEvent"], a.Select(e => e.EventData.Type));
        var calls = Assert.IsType<XsiCallRedirectedEventData>(a[0].EventData).Calls;
        Assert.Equal([(call1, "Detached"), (call2, "Detached")], calls.Select(c => (c.CallId, c.State!)));
        var b = CallOf(Assert.Single(await s.TakeAsync(s.B, 1)));
        Assert.Equal((bCall, s.C.UserId, "Active"), (b.CallId, b.RemoteParty!.UserId, b.State));
        var c = Assert.Single(await s.TakeAsync(s.C, 1));
        Assert.Equal(("CallTransferredEvent", cCall, s.B.UserId), (c.EventData.Type, CallOf(c).CallId, CallOf(c).RemoteParty!.UserId));
    }

    [Fact]
    public async Task Conference_start_hold_retrieve_add_remove_and_release()
    {
        await using var s = await Scenario.StartAsync();
        var (call1, _) = await s.ConnectAsync(s.A, s.B);
        await s.PutAsync(s.A, call1 + "/Hold");
        await s.TakeAsync(s.A, 1);
        await s.TakeAsync(s.B, 1);
        var (call2, _) = await s.ConnectAsync(s.A, s.C, callerAlreadyOffHook: true);
        var body = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Conference xmlns=\"http://schema.broadsoft.com/xsi\"><conferenceParticipantList><conferenceParticipant><callId>{call1}</callId></conferenceParticipant><conferenceParticipant><callId>{call2}</callId></conferenceParticipant></conferenceParticipantList></Conference>";

        using (var response = await s.Client(s.A).PostAsync($"{s.CallsOf(s.A)}/Conference", Xml.Body(body)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var started = await s.TakeAsync(s.A, 2);
        Assert.Equal(["ConferenceStartedEvent", "CallRetrievedEvent"], started.Select(e => e.EventData.Type));
        var conference = Assert.IsType<XsiConferenceEventData>(started[0].EventData).Conference;
        Assert.Equal("Active", conference.State);
        Assert.Equal([call1, call2], conference.ParticipantCallIds);
        Assert.Equal(["CallRetrievedEvent"], await s.TypesAsync(s.B, 1));

        await s.PutAsync(s.A, "Conference/Hold");
        Assert.Equal(["ConferenceHeldEvent"], await s.TypesAsync(s.A, 1));
        await s.PutAsync(s.A, "conference/talk");
        Assert.Equal(["ConferenceRetrievedEvent"], await s.TypesAsync(s.A, 1));

        var call3 = await s.ConnectExternalAsync(s.A, "+4940123", callerAlreadyOffHook: true);
        await s.PutAsync(s.A, "Conference/" + call3);
        var updated = Assert.IsType<XsiConferenceEventData>(Assert.Single(await s.TakeAsync(s.A, 1)).EventData);
        Assert.Equal(("ConferenceUpdatedEvent", 3), (updated.Type, updated.Conference.ParticipantCallIds.Count));
        var details = await Xml.GetAsync<XsiConference>(s.Client(s.A), $"{s.CallsOf(s.A)}/Conference");
        Assert.Equal("Active", details.State);
        Assert.Equal([call1, call2, call3], details.ParticipantCallIds);

        await s.DeleteAsync(s.A, call3);
        Assert.Equal(["CallReleasedEvent", "ConferenceUpdatedEvent"], await s.TypesAsync(s.A, 2));

        await s.DeleteAsync(s.A, "Conference");
        var released = await s.TakeAsync(s.A, 4);
        Assert.Equal(["CallReleasedEvent", "CallReleasedEvent", "HookStatusEvent", "ConferenceReleasedEvent"], released.Select(e => e.EventData.Type));
        Assert.Equal("Released", Assert.IsType<XsiConferenceEventData>(released[3].EventData).Conference.State);
        Assert.Equal(["CallReleasedEvent", "HookStatusEvent"], await s.TypesAsync(s.B, 2));
        Assert.Equal(["CallReleasedEvent", "HookStatusEvent"], await s.TypesAsync(s.C, 2));
    }

    [Fact]
    public async Task Reconnect_releases_the_other_calls_and_retrieves_the_held_one()
    {
        await using var s = await Scenario.StartAsync();
        var (call1, _) = await s.ConnectAsync(s.A, s.B);
        await s.PutAsync(s.A, call1 + "/Hold");
        await s.TakeAsync(s.A, 1);
        await s.TakeAsync(s.B, 1);
        var call2 = await s.ConnectExternalAsync(s.A, "+4940555", callerAlreadyOffHook: true);

        await s.PutAsync(s.A, call1 + "/Reconnect");

        var a = await s.TakeAsync(s.A, 2);
        Assert.Equal(["CallReleasedEvent", "CallRetrievedEvent"], a.Select(e => e.EventData.Type));
        Assert.Equal((call2, call1), (CallOf(a[0]).CallId, CallOf(a[1]).CallId));
        Assert.Equal(["CallRetrievedEvent"], await s.TypesAsync(s.B, 1));
    }

    [Fact]
    public async Task Dtmf_is_accepted_on_an_active_call_and_refused_when_invalid()
    {
        await using var s = await Scenario.StartAsync();
        var (aCall, _) = await s.ConnectAsync(s.A, s.B);

        await s.PutAsync(s.A, aCall + "/TransmitDTMF?playdtmf=12,3%23");
        using var bad = await s.Client(s.A).PutAsync($"{s.CallsOf(s.A)}/{aCall}/TransmitDTMF?playdtmf=xyz", null);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["12,3#"], s.Test.Sim.Engine.GetDtmf(s.A.UserId, aCall));
    }
}
