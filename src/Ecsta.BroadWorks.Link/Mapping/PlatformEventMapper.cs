using System.Collections.Frozen;
using Ecsta.Abstractions.Platform;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.BroadWorks.Xsi.Services;

namespace Ecsta.BroadWorks.Link.Mapping;

/// <summary>
/// Turns an <c>xsi:Event</c> into the platform event the TSP core consumes (the same for both transports).
/// The event's user is <c>targetId</c>, else <c>userId</c>.
/// </summary>
/// <example>
/// <code>
/// if (XsiReader.Read(chunk) is XsiEvent e)
/// {
///     PlatformEvent platformEvent = PlatformEventMapper.Map(e);
/// }
/// </code>
/// </example>
public static class PlatformEventMapper
{
    private static readonly FrozenDictionary<string, CallEventKind> Kinds = new Dictionary<string, CallEventKind>
    {
        ["CallOriginatingEvent"] = CallEventKind.Originating,
        ["CallOriginatedEvent"] = CallEventKind.Originated,
        ["CallCollectingEvent"] = CallEventKind.Collecting,
        ["CallReceivedEvent"] = CallEventKind.Received,
        ["CallAnsweredEvent"] = CallEventKind.Answered,
        ["CallHeldEvent"] = CallEventKind.Held,
        ["CallRetrievedEvent"] = CallEventKind.Retrieved,
        ["CallUpdatedEvent"] = CallEventKind.Updated,
        ["CallRedirectedEvent"] = CallEventKind.Redirected,
        ["CallDetachedEvent"] = CallEventKind.Detached,
        ["CallTransferredEvent"] = CallEventKind.Transferred,
        ["CallForwardedEvent"] = CallEventKind.Forwarded,
        ["CallPickedUpEvent"] = CallEventKind.PickedUp,
        ["CallReleasingEvent"] = CallEventKind.Releasing,
        ["CallReleasedEvent"] = CallEventKind.Released,
        ["CallBargedInEvent"] = CallEventKind.BargedIn,
        ["CallMonitoredEvent"] = CallEventKind.Monitored,
        ["CallParkRetrievedEvent"] = CallEventKind.ParkRetrieved,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Maps an event.</summary>
    /// <param name="xsiEvent">The event as read.</param>
    /// <returns>
    /// <see cref="CallEvent"/>, <see cref="CallSnapshotEvent"/> (CallSubscription/ResyncEvent), <see cref="HookStatusEvent"/>,
    /// <see cref="ConferenceEvent"/>, <see cref="ServiceEvent"/>, <see cref="MonitoringEvent"/> (SubscriptionTerminatedEvent),
    /// <see cref="LinkStateEvent"/> (ChannelTerminatedEvent, state Reconnecting) or <see cref="UnknownPlatformEvent"/>.
    /// </returns>
    public static PlatformEvent Map(XsiEvent xsiEvent)
    {
        ArgumentNullException.ThrowIfNull(xsiEvent);
        return xsiEvent switch
        {
            XsiSubscriptionEvent e => MapData(e.EventData) with { UserId = e.TargetId ?? e.UserId, EventId = e.EventId },
            XsiChannelTerminatedEvent t => new LinkStateEvent
            {
                State = LinkState.Reconnecting,
                Reason = $"The platform terminated event channel {t.ChannelId} ({t.Reason ?? "no reason given"}).",
            },
            _ => new UnknownPlatformEvent { RawType = xsiEvent.EnvelopeType },
        };
    }

    /// <summary>The call event kind of an eventData type (<see cref="CallEventKind.Other"/> when not a modelled call event).</summary>
    /// <param name="eventType">The eventData type, e.g. <c>CallHeldEvent</c>.</param>
    /// <returns>The kind.</returns>
    public static CallEventKind KindOf(string eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        return Kinds.TryGetValue(eventType, out var kind) ? kind
            : eventType.StartsWith("CallRecording", StringComparison.Ordinal) ? CallEventKind.Recording
            : CallEventKind.Other;
    }

    private static PlatformEvent MapData(XsiEventData data) => data switch
    {
        XsiCallEventData c => new CallEvent { Kind = KindOf(c.Type), RawType = c.Type, Calls = [PlatformCallMapper.Map(c.Call)] },
        XsiCallRedirectedEventData { Calls.Count: > 0 } r => new CallEvent
        {
            Kind = CallEventKind.Redirected,
            RawType = r.Type,
            Calls = [.. r.Calls.Select(call => PlatformCallMapper.Map(call))],
        },
        XsiCallSubscriptionEventData s => MapSnapshot(s),
        XsiHookStatusEventData h => new HookStatusEvent { HookStatus = PlatformCallMapper.ParseHookStatus(h.HookStatus) },
        XsiConferenceEventData c => new ConferenceEvent { RawType = c.Type, Conference = MapConference(c.Conference) },
        XsiServiceEventData s => new ServiceEvent { Setting = MapService(s.Info) },
        XsiSubscriptionTerminatedEventData => new MonitoringEvent { Monitored = false, Reason = "The platform terminated the subscription." },
        _ => new UnknownPlatformEvent { RawType = data.Type },
    };

    private static CallSnapshotEvent MapSnapshot(XsiCallSubscriptionEventData s)
    {
        var participants = s.Conference?.ParticipantCallIds;
        return new CallSnapshotEvent
        {
            Calls = [.. s.Calls.Select(call => PlatformCallMapper.Map(call, participants?.Contains(call.CallId) == true))],
            HookStatus = PlatformCallMapper.ParseHookStatus(s.HookStatus),
            Conference = s.Conference is null ? null : MapConference(s.Conference),
            IsResync = s.IsResync,
        };
    }

    /// <summary>Maps a conference element.</summary>
    /// <param name="conference">The conference as sent.</param>
    /// <returns>The conference.</returns>
    public static ConferenceInfo MapConference(XsiConference conference)
    {
        ArgumentNullException.ThrowIfNull(conference);
        return new ConferenceInfo(PlatformCallMapper.ParseState(conference.State), conference.ParticipantCallIds);
    }

    /// <summary>Maps a service document or event <c>info</c> to a service setting.</summary>
    /// <param name="service">The service as sent.</param>
    /// <returns>The setting (inactive when <c>active</c> was absent).</returns>
    public static ServiceSetting MapService(XsiServiceDocument service) => service switch
    {
        XsiCallForwardingAlways a => new ServiceSetting(UserService.CallForwardingAlways, a.Active ?? false, a.ForwardToPhoneNumber),
        XsiCallForwardingBusy b => new ServiceSetting(UserService.CallForwardingBusy, b.Active ?? false, b.ForwardToPhoneNumber),
        XsiCallForwardingNoAnswer n => new ServiceSetting(UserService.CallForwardingNoAnswer, n.Active ?? false, n.ForwardToPhoneNumber, n.NumberOfRings),
        XsiDoNotDisturb d => new ServiceSetting(UserService.DoNotDisturb, d.Active ?? false),
        XsiRemoteOffice r => new ServiceSetting(UserService.RemoteOffice, r.Active ?? false, r.RemoteOfficeNumber),
        _ => throw new ArgumentException($"Unknown service {service?.GetType().Name}.", nameof(service)),
    };
}
