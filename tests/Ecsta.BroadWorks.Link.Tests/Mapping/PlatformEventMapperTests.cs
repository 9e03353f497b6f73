using Ecsta.Abstractions.Platform;
using Ecsta.BroadWorks.Link.Mapping;
using Ecsta.BroadWorks.Tests.Support;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.BroadWorks.Xsi.Services;

namespace Ecsta.BroadWorks.Link.Tests.Mapping;

public sealed class PlatformEventMapperTests
{
    [Theory]
    [InlineData("CallOriginatingEvent", CallEventKind.Originating)]
    [InlineData("CallOriginatedEvent", CallEventKind.Originated)]
    [InlineData("CallCollectingEvent", CallEventKind.Collecting)]
    [InlineData("CallReceivedEvent", CallEventKind.Received)]
    [InlineData("CallAnsweredEvent", CallEventKind.Answered)]
    [InlineData("CallHeldEvent", CallEventKind.Held)]
    [InlineData("CallRetrievedEvent", CallEventKind.Retrieved)]
    [InlineData("CallUpdatedEvent", CallEventKind.Updated)]
    [InlineData("CallDetachedEvent", CallEventKind.Detached)]
    [InlineData("CallTransferredEvent", CallEventKind.Transferred)]
    [InlineData("CallForwardedEvent", CallEventKind.Forwarded)]
    [InlineData("CallPickedUpEvent", CallEventKind.PickedUp)]
    [InlineData("CallReleasingEvent", CallEventKind.Releasing)]
    [InlineData("CallReleasedEvent", CallEventKind.Released)]
    [InlineData("CallBargedInEvent", CallEventKind.BargedIn)]
    [InlineData("CallMonitoredEvent", CallEventKind.Monitored)]
    [InlineData("CallParkRetrievedEvent", CallEventKind.ParkRetrieved)]
    [InlineData("CallRecordingStoppedEvent", CallEventKind.Recording)]
    public void A_call_event_after_reading_maps_to_its_kind_with_the_call(string type, CallEventKind kind)
    {
        var wire = XsiReader.Read<XsiEvent>(XsiWriter.ToBytes(Samples.Event(new XsiCallEventData(type, Samples.MinimalCall))));

        var mapped = Assert.IsType<CallEvent>(PlatformEventMapper.Map(wire));

        Assert.Equal(kind, mapped.Kind);
        Assert.Equal(type, mapped.RawType);
        Assert.Equal("user@example.com", mapped.UserId);
        Assert.Equal("2a4dc940-5165-4a39-9f0d-ad9481259337", mapped.EventId);
        Assert.Equal("callhalf-1:0", Assert.Single(mapped.Calls).CallId);
        Assert.Equal(CallPersonality.ClickToDial, mapped.Call.Personality);
        Assert.Equal(BroadWorksCallState.Alerting, mapped.Call.State);
    }

    [Fact]
    public void Every_field_of_the_call_element_is_carried_into_the_platform_call()
    {
        var call = PlatformCallMapper.Map(Samples.FullCall);

        Assert.Equal(
            new PlatformCall
            {
                CallId = "callhalf-722:0",
                ExtTrackingId = "70:1",
                Personality = CallPersonality.Terminator,
                State = BroadWorksCallState.RemoteHeld,
                RemoteParty = new PartyInfo("Müller & Söhne <Empfang>", "tel:+4989123", "mueller@example.com", "tel:+15006001012;ext=1012", "Network", Privacy: true),
                Redirections = call.Redirections,
                Redirect = new Redirection(new PartyInfo(Address: "tel:1020"), "transfer", DateTimeOffset.FromUnixTimeMilliseconds(1271273072999)),
                ReleaseCause = new ReleaseCause("Busy", "017"),
                ReleasingParty = ReleasingParty.Remote,
                StartTime = DateTimeOffset.FromUnixTimeMilliseconds(1271273072015),
                AnswerTime = DateTimeOffset.FromUnixTimeMilliseconds(1271273075015),
                HeldTime = DateTimeOffset.FromUnixTimeMilliseconds(1271273079015),
                DetachedTime = DateTimeOffset.FromUnixTimeMilliseconds(1271273080015),
                ReleaseTime = DateTimeOffset.FromUnixTimeMilliseconds(1271273090015),
                AllowAnswer = true,
                AllowRetrieve = true,
                EndpointAddressOfRecord = "5006001011@broadsoft.com",
            },
            call);
        Assert.Equal(
            [
                new Redirection(new PartyInfo("B", "tel:1012", CallType: "Group"), "unconditional", DateTimeOffset.FromUnixTimeMilliseconds(1271273072015)),
                new Redirection(new PartyInfo(Address: "tel:1013"), "user-busy"),
            ],
            call.Redirections);
        Assert.Equal(new DateTimeOffset(2010, 4, 14, 19, 24, 32, 15, TimeSpan.Zero), call.StartTime);
    }

    [Theory]
    [InlineData("Alerting", BroadWorksCallState.Alerting)]
    [InlineData("Active", BroadWorksCallState.Active)]
    [InlineData("Held", BroadWorksCallState.Held)]
    [InlineData("Remote Held", BroadWorksCallState.RemoteHeld)]
    [InlineData("Detached", BroadWorksCallState.Detached)]
    [InlineData("Released", BroadWorksCallState.Released)]
    [InlineData("Idle", BroadWorksCallState.Idle)]
    [InlineData("Parked", BroadWorksCallState.Unknown)]
    [InlineData(null, BroadWorksCallState.Unknown)]
    public void Call_states_are_parsed_as_spelled_on_the_wire(string? state, BroadWorksCallState expected)
    {
        Assert.Equal(expected, PlatformCallMapper.ParseState(state));
    }

    [Theory]
    [InlineData("Originator", CallPersonality.Originator)]
    [InlineData("Terminator", CallPersonality.Terminator)]
    [InlineData("Click-to-Dial", CallPersonality.ClickToDial)]
    [InlineData("Observer", CallPersonality.Unknown)]
    public void Personalities_are_parsed_as_spelled_on_the_wire(string personality, CallPersonality expected)
    {
        Assert.Equal(expected, PlatformCallMapper.ParsePersonality(personality));
    }

    [Fact]
    public void The_user_of_an_event_is_the_target_else_the_subscriber()
    {
        var data = new XsiHookStatusEventData("Off-Hook");

        Assert.Equal("target@x", PlatformEventMapper.Map(Samples.Event(data, targetId: "target@x")).UserId);
        Assert.Equal("admin@example.com", PlatformEventMapper.Map(Samples.Event(data, targetId: null)).UserId);
    }

    [Fact]
    public void A_redirected_event_maps_every_call_in_order()
    {
        var mapped = Assert.IsType<CallEvent>(PlatformEventMapper.Map(Samples.Event(new XsiCallRedirectedEventData([Samples.FullCall, Samples.MinimalCall]))));

        Assert.Equal(CallEventKind.Redirected, mapped.Kind);
        Assert.Equal(["callhalf-722:0", "callhalf-1:0"], mapped.Calls.Select(c => c.CallId));
    }

    [Fact]
    public void The_captured_initial_event_maps_to_an_empty_on_hook_snapshot()
    {
        var wire = XsiReader.Read<XsiEvent>(Fixtures.Bytes("05-event-CallSubscriptionEvent-onhook.xml"));

        var snapshot = Assert.IsType<CallSnapshotEvent>(PlatformEventMapper.Map(wire));

        Assert.Equal("username@qsc.de", snapshot.UserId);
        Assert.Empty(snapshot.Calls);
        Assert.Equal(HookStatus.OnHook, snapshot.HookStatus);
        Assert.Null(snapshot.Conference);
        Assert.False(snapshot.IsResync);
    }

    [Fact]
    public void A_resync_snapshot_marks_the_conference_members()
    {
        var data = new XsiCallSubscriptionEventData
        {
            IsResync = true,
            HookStatus = "Off-Hook",
            Calls = [Samples.MinimalCall, Samples.FullCall with { CallId = "callhalf-2:0" }, Samples.FullCall],
            Conference = Samples.Conference,
        };

        var snapshot = Assert.IsType<CallSnapshotEvent>(PlatformEventMapper.Map(Samples.Event(data)));

        Assert.True(snapshot.IsResync);
        Assert.Equal(HookStatus.OffHook, snapshot.HookStatus);
        Assert.Equal([true, true, false], snapshot.Calls.Select(c => c.InConference));
        Assert.Equal(BroadWorksCallState.Active, snapshot.Conference!.State);
    }

    [Fact]
    public void A_hook_status_event_maps_to_the_hook_status()
    {
        var mapped = Assert.IsType<HookStatusEvent>(PlatformEventMapper.Map(Samples.Event(new XsiHookStatusEventData("Off-Hook"))));

        Assert.Equal(HookStatus.OffHook, mapped.HookStatus);
    }

    [Theory]
    [InlineData("ConferenceStartedEvent")]
    [InlineData("ConferenceUpdatedEvent")]
    [InlineData("ConferenceHeldEvent")]
    public void A_conference_event_maps_state_and_participants(string type)
    {
        var mapped = Assert.IsType<ConferenceEvent>(PlatformEventMapper.Map(Samples.Event(new XsiConferenceEventData(type, Samples.Conference))));

        Assert.Equal(type, mapped.RawType);
        Assert.Equal(BroadWorksCallState.Active, mapped.Conference.State);
        Assert.Equal(["callhalf-1:0", "callhalf-2:0"], mapped.Conference.ParticipantCallIds);
    }

    [Fact]
    public void A_conference_released_event_has_no_participants()
    {
        var wire = Samples.Event(new XsiConferenceEventData("ConferenceReleasedEvent", new XsiConference { State = "Released" }));

        var mapped = Assert.IsType<ConferenceEvent>(PlatformEventMapper.Map(wire));

        Assert.Equal(BroadWorksCallState.Released, mapped.Conference.State);
        Assert.Empty(mapped.Conference.ParticipantCallIds);
    }

    public static TheoryData<XsiServiceDocument, ServiceSetting> ServiceCases() => new()
    {
        { new XsiCallForwardingAlways { Active = true, ForwardToPhoneNumber = "tel:1020", RingSplash = true }, new ServiceSetting(UserService.CallForwardingAlways, true, "tel:1020") },
        { new XsiCallForwardingBusy { Active = false }, new ServiceSetting(UserService.CallForwardingBusy, false) },
        { new XsiCallForwardingNoAnswer { Active = true, ForwardToPhoneNumber = "tel:1030", NumberOfRings = 4 }, new ServiceSetting(UserService.CallForwardingNoAnswer, true, "tel:1030", 4) },
        { new XsiDoNotDisturb { Active = true, RingSplash = false }, new ServiceSetting(UserService.DoNotDisturb, true) },
        { new XsiRemoteOffice { Active = true, RemoteOfficeNumber = "tel:604" }, new ServiceSetting(UserService.RemoteOffice, true, "tel:604") },
    };

    [Theory]
    [MemberData(nameof(ServiceCases))]
    public void A_service_event_maps_to_the_service_setting(XsiServiceDocument info, ServiceSetting expected)
    {
        var mapped = Assert.IsType<ServiceEvent>(PlatformEventMapper.Map(Samples.Event(new XsiServiceEventData(info))));

        Assert.Equal(expected, mapped.Setting);
    }

    [Fact]
    public void A_subscription_terminated_event_ends_monitoring_of_the_user()
    {
        var mapped = Assert.IsType<MonitoringEvent>(PlatformEventMapper.Map(Samples.Event(XsiSubscriptionTerminatedEventData.Instance)));

        Assert.False(mapped.Monitored);
        Assert.Equal("user@example.com", mapped.UserId);
        Assert.NotNull(mapped.Reason);
    }

    [Fact]
    public void A_channel_terminated_event_reports_the_link_as_reconnecting()
    {
        var mapped = Assert.IsType<LinkStateEvent>(PlatformEventMapper.Map(new XsiChannelTerminatedEvent("c1", "MaxChannelsReached")));

        Assert.Equal(LinkState.Reconnecting, mapped.State);
        Assert.Contains("MaxChannelsReached", mapped.Reason, StringComparison.Ordinal);
        Assert.Null(mapped.UserId);
    }

    [Fact]
    public void An_unknown_event_type_is_surfaced_as_unknown()
    {
        var mapped = Assert.IsType<UnknownPlatformEvent>(PlatformEventMapper.Map(Samples.Event(new XsiUnknownEventData("CallHistoryEvent"))));

        Assert.Equal("CallHistoryEvent", mapped.RawType);
        Assert.Equal("user@example.com", mapped.UserId);
    }
}
