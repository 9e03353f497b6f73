using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Directory;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.BroadWorks.Xsi.Services;

namespace Ecsta.BroadWorks.Tests.Support;

/// <summary>Representative instances of every document type, with every field set somewhere.</summary>
internal static class Samples
{
    public static XsiCall FullCall { get; } = new()
    {
        CallId = "callhalf-722:0",
        ExtTrackingId = "70:1",
        NetworkCallId = "BW1234@10.0.0.1",
        Personality = XsiPersonalities.Terminator,
        State = XsiCallStates.RemoteHeld,
        ReleaseCause = new XsiReleaseCause("Busy", "017"),
        ReleasingParty = XsiPersonalities.RemoteRelease,
        RemoteParty = new XsiPartyInformation
        {
            Name = "Müller & Söhne <Empfang>",
            Address = "tel:+4989123",
            AddressCountryCode = "49",
            UserId = "mueller@example.com",
            UserDn = "tel:+15006001012;ext=1012",
            UserDnCountryCode = "1",
            Privacy = true,
            CallType = XsiCallTypes.Network,
        },
        Redirections =
        [
            new XsiRedirection(new XsiPartyInformation { Name = "B", Address = "tel:1012", CallType = XsiCallTypes.Group }, "unconditional", 1271273072015),
            new XsiRedirection(new XsiPartyInformation { Address = "tel:1013" }, "user-busy"),
        ],
        Redirect = new XsiRedirect("tel:1020", "transfer", 1271273072999),
        Endpoint = new XsiEndpoint("5006001011@broadsoft.com"),
        Appearance = 2,
        AllowAnswer = true,
        AllowRetrieve = true,
        DiversionInhibited = true,
        StartTime = 1271273072015,
        AnswerTime = 1271273075015,
        HeldTime = 1271273079015,
        TotalHeldTime = 1000,
        DetachedTime = 1271273080015,
        ReleaseTime = 1271273090015,
    };

    public static XsiCall MinimalCall { get; } = new()
    {
        CallId = "callhalf-1:0",
        ExtTrackingId = "1:1",
        Personality = XsiPersonalities.ClickToDial,
        State = XsiCallStates.Alerting,
        RemoteParty = new XsiPartyInformation { Address = "tel:1002", CallType = XsiCallTypes.Unknown },
        StartTime = 1700000000000,
    };

    public static XsiConference Conference { get; } = new()
    {
        State = XsiCallStates.Active,
        Endpoint = new XsiEndpoint("5006001011@broadsoft.com"),
        Appearance = 3,
        ConferenceType = "Barge-In",
        ParticipantCallIds = ["callhalf-1:0", "callhalf-2:0"],
    };

    public static XsiSubscriptionEvent Event(XsiEventData data, string? targetId = "user@example.com") => new()
    {
        EventId = "2a4dc940-5165-4a39-9f0d-ad9481259337",
        SequenceNumber = 7,
        UserId = "admin@example.com",
        ExternalApplicationId = "Ecsta",
        SubscriptionId = "1984327d-ef19-46c0-9f78-5c4f9c12f8b6",
        ChannelId = "577b1660-a9b0-4030-b240-0ade37b8d8fb",
        TargetId = targetId,
        EventData = data,
    };

    public static IEnumerable<XsiEventData> AllEventData()
    {
        foreach (var type in new[]
        {
            "CallOriginatingEvent", "CallOriginatedEvent", "CallCollectingEvent", "CallReceivedEvent", "CallAnsweredEvent",
            "CallHeldEvent", "CallRetrievedEvent", "CallUpdatedEvent", "CallDetachedEvent", "CallTransferredEvent",
            "CallForwardedEvent", "CallPickedUpEvent", "CallReleasingEvent", "CallReleasedEvent", "CallBargedInEvent",
            "CallMonitoredEvent", "CallParkRetrievedEvent", "CallRecordingStartedEvent",
        })
        {
            yield return new XsiCallEventData(type, FullCall);
        }

        yield return new XsiCallEventData("CallReceivedEvent", MinimalCall);
        yield return new XsiCallRedirectedEventData([FullCall, MinimalCall]);
        yield return new XsiCallSubscriptionEventData { HookStatus = XsiHookStatus.OffHook, Calls = [FullCall, MinimalCall], Conference = Conference };
        yield return new XsiCallSubscriptionEventData { IsResync = true, HookStatus = XsiHookStatus.OnHook };
        yield return new XsiHookStatusEventData(XsiHookStatus.OffHook);
        foreach (var type in new[] { "ConferenceStartedEvent", "ConferenceHeldEvent", "ConferenceRetrievedEvent", "ConferenceUpdatedEvent" })
        {
            yield return new XsiConferenceEventData(type, Conference);
        }

        yield return new XsiConferenceEventData("ConferenceReleasedEvent", new XsiConference { State = XsiCallStates.Released });
        foreach (var service in Services())
        {
            yield return new XsiServiceEventData(service);
        }

        yield return XsiSubscriptionTerminatedEventData.Instance;
    }

    public static IEnumerable<XsiServiceDocument> Services()
    {
        yield return new XsiCallForwardingAlways { Active = true, ForwardToPhoneNumber = "tel:1020", RingSplash = true };
        yield return new XsiCallForwardingBusy { Active = true, ForwardToPhoneNumber = "23234434223" };
        yield return new XsiCallForwardingBusy { Active = false };
        yield return new XsiCallForwardingNoAnswer { Active = true, ForwardToPhoneNumber = "+1-221131313", NumberOfRings = 5 };
        yield return new XsiDoNotDisturb { Active = false, RingSplash = false };
        yield return new XsiRemoteOffice { Active = true, RemoteOfficeNumber = "tel:604" };
    }

    public static IEnumerable<XsiDocument> AllDocuments()
    {
        foreach (var data in AllEventData())
        {
            yield return Event(data);
        }

        yield return Event(new XsiHookStatusEventData(XsiHookStatus.OnHook), targetId: null) with
        {
            UserId = null,
            ClientId = "bwcticlient.webex.com",
            ChannelId = null,
            HttpContactUri = "http://127.0.0.1:8080/events",
            SharedSubscriptionId = "shared-1",
            TargetSubId = "sub-1",
        };
        yield return new XsiChannelTerminatedEvent("726bfd81-0000", "MaxChannelsReached");
        yield return FullCall;
        yield return MinimalCall;
        yield return new XsiChannel { ChannelSetId = "set-1", Priority = 1, Weight = 50, Expires = 3600, ApplicationId = "Ecsta" };
        yield return new XsiChannel { ChannelId = "64eddc79-b707-4827-aacd-487fb5cb8427", Expires = 86400 };
        yield return new XsiChannelSet(
        [
            new XsiChannel { ChannelId = "c1", ChannelSetId = "set-1", Priority = 1, Weight = 50, Expires = 3600 },
            new XsiChannel { ChannelId = "c2", ChannelSetId = "set-1", Priority = 1, Weight = 50, Expires = 3500 },
        ]);
        yield return new XsiChannelSet([]);
        yield return XsiChannelHeartBeat.Instance;
        yield return new XsiSubscription
        {
            SubscriberId = "admin@example.com",
            TargetIdType = "Group",
            TargetGroupParentId = "sp1",
            TargetId = "gp1",
            Event = "Advanced Call",
            Expires = 3600,
            ChannelSetId = "set-1",
            ApplicationId = "Ecsta",
        };
        yield return new XsiSubscription
        {
            SubscriptionId = "bc123480-3c13-43d9-90d8-ae3c592346ab",
            SharedSubscriptionId = "s",
            ClientId = "client",
            TargetSubId = "t",
            EventPackages = ["Advanced Call", "Do Not Disturb"],
            Expires = 86400,
            HttpContactUri = "http://127.0.0.1:9000/x",
        };
        yield return new XsiEventResponse("957d0482-6cdd-4189-b477-19c6793f113a");
        yield return new XsiEventResponse("e", 500, "Server Error");
        yield return new XsiCallStartInfo("callhalf-488:0", "70:1");
        yield return new XsiCalls([new XsiCallReference("callhalf-722:0", "/v2.0/user/u/calls/callhalf-722:0"), new XsiCallReference("callhalf-723:0", null, true), new XsiCallReference("c", "u", null)]);
        yield return new XsiCalls([]);
        yield return Conference;
        yield return new XsiConference { ParticipantCallIds = ["A", "B"] };
        foreach (var service in Services())
        {
            yield return service;
        }

        yield return new XsiCallForwardingAlways { Active = true };
        yield return new XsiProfile(
            new XsiProfileDetails
            {
                UserId = "negi001@172.16.25.102",
                FirstName = "Subhash",
                LastName = "Negi",
                GroupId = "gp1",
                ServiceProvider = "sp1",
                IsEnterprise = false,
                Number = "5006007004",
                Extension = "7004",
            },
            "1");
        yield return new XsiDirectoryPage
        {
            Kind = XsiDirectoryKind.Group,
            StartIndex = 1,
            NumberOfRecords = 2,
            TotalAvailableRecords = 5,
            Entries =
            [
                new XsiDirectoryEntry { UserId = "a@x", FirstName = "Ä", LastName = "B", GroupId = "gp1", Number = "+19008005010", Extension = "5010", EmailAddress = "a@x.example" },
                new XsiDirectoryEntry { UserId = "b@x" },
            ],
        };
        yield return new XsiDirectoryPage { Kind = XsiDirectoryKind.Enterprise, StartIndex = 3, NumberOfRecords = 0, TotalAvailableRecords = 2 };
        yield return new XsiHookStatus(XsiHookStatus.OnHook);
        yield return new XsiErrorInfo("Benutzer nicht gefunden: Ärger", "User not found", 8251);
        yield return new XsiErrorInfo("x", null);
        yield return new XsiErrorInfo("  padded value  ", " ", 1);
        yield return new XsiVersions("21.0", "21.0");
    }
}
