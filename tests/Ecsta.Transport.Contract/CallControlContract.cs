using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Transport.Contract;

/// <summary>The call scenarios every transport passes: monitoring, commands and their events, errors, the trace.</summary>
/// <typeparam name="THarness">The transport's harness.</typeparam>
public abstract class CallControlContract<THarness>
    where THarness : IHarnessStarter
{
    protected static Task<TransportHarness> StartAsync(bool secure = false) => THarness.StartAsync(new HarnessOptions { Secure = secure });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Monitoring_a_user_subscribes_each_package_once_and_delivers_the_initial_snapshot(bool secure)
    {
        await using var h = await StartAsync(secure);
        await h.ConnectAndMonitorAsync();

        var snapshot = await h.Next<CallSnapshotEvent>();
        Assert.Equal(h.Sim.Users[0].UserId, snapshot.UserId);
        Assert.Equal(HookStatus.OnHook, snapshot.HookStatus);
        Assert.Null(snapshot.ReadAfterEvents); // the subscription's own event, in order with the stream
        await h.Next<ServiceEvent>(e => e.Setting.Service == UserService.DoNotDisturb);
        Assert.Equal(LinkState.Connected, h.Link.State);
        await h.AssertOneSubscriptionPerPackageAsync();
        Assert.Equal(1, h.Sim.ChannelCount);
        Assert.Equal($"{h.SrvService}/{(secure ? "tls" : "tcp")}", h.Locator.LastQuery);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dial_hold_retrieve_dtmf_and_release_reach_the_simulator_and_their_events_arrive_and_are_acknowledged(bool secure)
    {
        await using var h = await StartAsync(secure);
        await h.ConnectAndMonitorAsync();
        var user = h.Sim.Users[0].UserId;

        var started = await h.Link.DialAsync(user, "+4989123456", CancellationToken.None);
        Assert.Equal(started.CallId, (await h.NextCall("CallOriginatingEvent")).Call.CallId);
        await h.NextCall("CallOriginatedEvent");
        var answered = await h.NextCall("CallAnsweredEvent");
        Assert.Equal(BroadWorksCallState.Active, answered.Call.State);
        Assert.Equal(user, answered.UserId);

        await h.Link.HoldAsync(user, started.CallId, CancellationToken.None);
        Assert.Equal(BroadWorksCallState.Held, (await h.NextCall("CallHeldEvent")).Call.State);
        await h.Link.TalkAsync(user, started.CallId, CancellationToken.None);
        Assert.Equal(BroadWorksCallState.Active, (await h.NextCall("CallRetrievedEvent")).Call.State);
        await h.Link.SendDtmfAsync(user, started.CallId, "12#", CancellationToken.None);
        Assert.Contains("12#", string.Concat(h.Sim.Engine.GetDtmf(user, started.CallId)));
        await h.Link.ReleaseAsync(user, started.CallId, decline: false, CancellationToken.None);
        var released = await h.NextCall("CallReleasedEvent");
        Assert.Equal(ReleasingParty.Local, released.Call.ReleasingParty);

        // Every event was acknowledged (the simulator would otherwise re-send it).
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (h.Sim.PendingAcknowledgements > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, h.Sim.PendingAcknowledgements);
    }

    [Fact]
    public async Task An_incoming_call_is_answered_with_Talk()
    {
        await using var h = await StartAsync();
        await h.ConnectAndMonitorAsync();
        var user = h.Sim.Users[0];

        h.Sim.Engine.PlaceIncomingCall("+4989555111", user.Extension);
        var received = await h.NextCall("CallReceivedEvent");
        Assert.Equal(CallPersonality.Terminator, received.Call.Personality);
        await h.Link.TalkAsync(user.UserId, received.Call.CallId, CancellationToken.None);
        Assert.Equal(received.Call.CallId, (await h.NextCall("CallAnsweredEvent")).Call.CallId);
    }

    [Fact]
    public async Task Declining_an_alerting_call_releases_it()
    {
        await using var h = await StartAsync();
        await h.ConnectAndMonitorAsync();
        var user = h.Sim.Users[0];

        h.Sim.Engine.PlaceIncomingCall("+4989555112", user.Extension);
        var received = await h.NextCall("CallReceivedEvent");
        await h.Link.ReleaseAsync(user.UserId, received.Call.CallId, decline: true, CancellationToken.None);
        var end = await h.Next<CallEvent>(e => e.Kind is CallEventKind.Released or CallEventKind.Redirected);
        Assert.Equal(received.Call.CallId, end.Call.CallId);
    }

    [Fact]
    public async Task Redirecting_an_alerting_call_uses_BlindTransfer_and_reports_CallRedirected()
    {
        await using var h = await StartAsync();
        await h.ConnectAndMonitorAsync();
        var user = h.Sim.Users[0];

        h.Sim.Engine.PlaceIncomingCall("+4989555113", user.Extension);
        var received = await h.NextCall("CallReceivedEvent");
        await h.Link.BlindTransferAsync(user.UserId, received.Call.CallId, "+4989777000", CancellationToken.None);
        var redirected = await h.NextCall("CallRedirectedEvent");
        Assert.Equal(received.Call.CallId, redirected.Call.CallId);
        Assert.Equal(BroadWorksCallState.Detached, redirected.Call.State);
    }

    [Fact]
    public async Task Blind_transfer_of_a_connected_call_reports_CallRedirected()
    {
        await using var h = await StartAsync();
        await h.ConnectAndMonitorAsync();
        var user = h.Sim.Users[0];
        h.Sim.Engine.PlaceIncomingCall("+4989555114", user.Extension);
        var received = await h.NextCall("CallReceivedEvent");
        await h.Link.TalkAsync(user.UserId, received.Call.CallId, CancellationToken.None);
        await h.NextCall("CallAnsweredEvent");

        await h.Link.BlindTransferAsync(user.UserId, received.Call.CallId, h.Sim.Users[1].Extension, CancellationToken.None);
        Assert.Equal(received.Call.CallId, (await h.NextCall("CallRedirectedEvent")).Call.CallId);
    }

    [Fact]
    public async Task Consult_transfer_joins_the_held_party_with_the_consulted_one()
    {
        await using var h = await StartAsync();
        await h.ConnectAndMonitorAsync();
        var user = h.Sim.Users[0];
        h.Sim.Engine.PlaceIncomingCall("+4989555115", user.Extension);
        var first = (await h.NextCall("CallReceivedEvent")).Call.CallId;
        await h.Link.TalkAsync(user.UserId, first, CancellationToken.None);
        await h.NextCall("CallAnsweredEvent");
        await h.Link.HoldAsync(user.UserId, first, CancellationToken.None);
        await h.NextCall("CallHeldEvent");
        var consult = await h.Link.DialAsync(user.UserId, "+4989888000", CancellationToken.None);
        await h.Next<CallEvent>(e => e.RawType == "CallAnsweredEvent" && e.Call.CallId == consult.CallId);

        await h.Link.ConsultTransferAsync(user.UserId, first, consult.CallId, CancellationToken.None);
        var redirected = await h.NextCall("CallRedirectedEvent");
        Assert.Contains(redirected.Calls, c => c.CallId == first || c.CallId == consult.CallId);
    }

    [Fact]
    public async Task Conference_start_hold_retrieve_add_and_release_are_confirmed_by_conference_events()
    {
        await using var h = await StartAsync();
        await h.ConnectAndMonitorAsync();
        var user = h.Sim.Users[0].UserId;
        var a = await h.Link.DialAsync(user, "+4989100001", CancellationToken.None);
        await h.Next<CallEvent>(e => e.RawType == "CallAnsweredEvent" && e.Call.CallId == a.CallId);
        await h.Link.HoldAsync(user, a.CallId, CancellationToken.None);
        await h.NextCall("CallHeldEvent");
        var b = await h.Link.DialAsync(user, "+4989100002", CancellationToken.None);
        await h.Next<CallEvent>(e => e.RawType == "CallAnsweredEvent" && e.Call.CallId == b.CallId);

        await h.Link.StartConferenceAsync(user, [a.CallId, b.CallId], CancellationToken.None);
        var started = await h.Next<ConferenceEvent>(e => e.RawType == "ConferenceStartedEvent");
        Assert.Equal(new[] { a.CallId, b.CallId }.Order(), started.Conference.ParticipantCallIds.Order());

        await h.Link.HoldConferenceAsync(user, CancellationToken.None);
        await h.Next<ConferenceEvent>(e => e.RawType == "ConferenceHeldEvent");
        await h.Link.RetrieveConferenceAsync(user, CancellationToken.None);
        await h.Next<ConferenceEvent>(e => e.RawType == "ConferenceRetrievedEvent");

        var c = await h.Link.DialAsync(user, "+4989100003", CancellationToken.None);
        await h.Next<CallEvent>(e => e.RawType == "CallAnsweredEvent" && e.Call.CallId == c.CallId);
        await h.Link.AddToConferenceAsync(user, c.CallId, CancellationToken.None);
        var updated = await h.Next<ConferenceEvent>(e => e.RawType == "ConferenceUpdatedEvent");
        Assert.Contains(c.CallId, updated.Conference.ParticipantCallIds);

        var snapshot = await h.Link.GetCallsAsync(user, CancellationToken.None);
        Assert.Equal(3, snapshot.Calls.Count(x => x.InConference));
        Assert.NotNull(snapshot.Conference);

        await h.Link.ReleaseConferenceAsync(user, CancellationToken.None);
        await h.Next<ConferenceEvent>(e => e.RawType == "ConferenceReleasedEvent");
    }

    [Fact]
    public async Task Reconnect_retrieves_the_held_call_and_releases_the_other()
    {
        await using var h = await StartAsync();
        await h.ConnectAndMonitorAsync();
        var user = h.Sim.Users[0].UserId;
        var a = await h.Link.DialAsync(user, "+4989100011", CancellationToken.None);
        await h.Next<CallEvent>(e => e.RawType == "CallAnsweredEvent" && e.Call.CallId == a.CallId);
        await h.Link.HoldAsync(user, a.CallId, CancellationToken.None);
        await h.NextCall("CallHeldEvent");
        var b = await h.Link.DialAsync(user, "+4989100012", CancellationToken.None);
        await h.Next<CallEvent>(e => e.RawType == "CallAnsweredEvent" && e.Call.CallId == b.CallId);

        await h.Link.ReconnectAsync(user, a.CallId, CancellationToken.None);
        await h.Next<CallEvent>(e => e.RawType == "CallReleasedEvent" && e.Call.CallId == b.CallId);
        await h.Next<CallEvent>(e => e.RawType == "CallRetrievedEvent" && e.Call.CallId == a.CallId);
    }

    [Fact]
    public async Task Forwarding_and_DND_are_set_with_partial_bodies_and_reported_by_service_events()
    {
        await using var h = await StartAsync();
        await h.ConnectAndMonitorAsync();
        var user = h.Sim.Users[0].UserId;
        await h.Next<ServiceEvent>(e => e.Setting.Service == UserService.RemoteOffice);

        await h.Link.SetServiceAsync(user, new ServiceSetting(UserService.CallForwardingAlways, true, "+4989222333"), CancellationToken.None);
        var cfa = await h.Next<ServiceEvent>(e => e.Setting.Service == UserService.CallForwardingAlways);
        Assert.True(cfa.Setting.Active);
        Assert.Contains("4989222333", cfa.Setting.Number, StringComparison.Ordinal);
        var read = await h.Link.GetServiceAsync(user, UserService.CallForwardingAlways, CancellationToken.None);
        Assert.True(read.Active);

        await h.Link.SetServiceAsync(user, new ServiceSetting(UserService.DoNotDisturb, true), CancellationToken.None);
        Assert.True((await h.Next<ServiceEvent>(e => e.Setting.Service == UserService.DoNotDisturb)).Setting.Active);
        await h.Link.SetServiceAsync(user, new ServiceSetting(UserService.CallForwardingNoAnswer, true, "+4989222444", 4), CancellationToken.None);
        var cfna = await h.Next<ServiceEvent>(e => e.Setting.Service == UserService.CallForwardingNoAnswer);
        Assert.Equal(4, cfna.Setting.NumberOfRings);
        AssertServicesTravelled(h);
    }

    [Fact]
    public async Task A_platform_error_carries_the_ErrorInfo_text_and_an_invalid_number_is_InvalidAddress()
    {
        await using var h = await StartAsync();
        await h.ConnectAndMonitorAsync();
        var user = h.Sim.Users[0].UserId;

        var hold = await Assert.ThrowsAsync<PlatformException>(() => h.Link.HoldAsync(user, "callhalf-nonexistent:0", CancellationToken.None));
        Assert.Equal(PlatformErrorKind.NotFound, hold.Kind);
        Assert.False(string.IsNullOrWhiteSpace(hold.Message));
        Assert.DoesNotContain("HTTP", hold.Message, StringComparison.Ordinal);

        var dial = await Assert.ThrowsAsync<PlatformException>(() => h.Link.DialAsync(user, "not a number!", CancellationToken.None));
        Assert.Equal(PlatformErrorKind.InvalidAddress, dial.Kind);
        Assert.StartsWith("Invalid address", dial.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_protocol_trace_never_shows_the_password_or_the_credentials()
    {
        await using var h = await StartAsync();
        await h.ConnectAndMonitorAsync();
        await h.Next<CallSnapshotEvent>();
        await h.Link.ReadLinesAsync(CancellationToken.None);
        var lines = TransportHarness.TraceSink.Lines;

        Assert.Contains(lines, l => l.Contains(h.MaskedCredentials, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(h.Password, StringComparison.Ordinal));
        var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(h.Login + ":" + h.Password));
        Assert.DoesNotContain(lines, l => l.Contains(encoded, StringComparison.Ordinal));
        AssertCredentialsSent(h, lines);
    }

    /// <summary>After the forwarding and DND commands: how the transport must have sent them (nothing to add by default).</summary>
    protected virtual void AssertServicesTravelled(TransportHarness h)
    {
    }

    /// <summary>After the trace test: how often the transport must have sent the credentials (nothing to add by default).</summary>
    protected virtual void AssertCredentialsSent(TransportHarness h, IReadOnlyList<string> trace)
    {
    }
}
