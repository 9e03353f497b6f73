namespace Ecsta.Abstractions.Platform;

/// <summary>
/// An event from the platform, normalized by a transport. Events of one link arrive in one ordered stream;
/// events of one user keep BroadWorks' order.
/// </summary>
public abstract record PlatformEvent
{
    /// <summary>The monitored user the event is about (XSI <c>targetId</c>, else <c>userId</c>), or <see langword="null"/> for link-wide events.</summary>
    public string? UserId { get; init; }

    /// <summary>The platform's event id (XSI <c>eventID</c>), if any.</summary>
    public string? EventId { get; init; }
}

/// <summary>The kind of a call event (XSI eventData type without the <c>Event</c> suffix).</summary>
public enum CallEventKind
{
    /// <summary>An eventData type this SDK does not model (see <see cref="CallEvent.RawType"/>).</summary>
    Other = 0,
    /// <summary>CallOriginatingEvent: click-to-dial accepted, own phone alerting.</summary>
    Originating,
    /// <summary>CallOriginatedEvent.</summary>
    Originated,
    /// <summary>CallCollectingEvent.</summary>
    Collecting,
    /// <summary>CallReceivedEvent.</summary>
    Received,
    /// <summary>CallAnsweredEvent.</summary>
    Answered,
    /// <summary>CallHeldEvent.</summary>
    Held,
    /// <summary>CallRetrievedEvent.</summary>
    Retrieved,
    /// <summary>CallUpdatedEvent.</summary>
    Updated,
    /// <summary>CallRedirectedEvent (carries several calls).</summary>
    Redirected,
    /// <summary>CallDetachedEvent.</summary>
    Detached,
    /// <summary>CallTransferredEvent: transferred by the remote party.</summary>
    Transferred,
    /// <summary>CallForwardedEvent.</summary>
    Forwarded,
    /// <summary>CallPickedUpEvent.</summary>
    PickedUp,
    /// <summary>CallReleasingEvent.</summary>
    Releasing,
    /// <summary>CallReleasedEvent.</summary>
    Released,
    /// <summary>CallBargedInEvent.</summary>
    BargedIn,
    /// <summary>CallMonitoredEvent.</summary>
    Monitored,
    /// <summary>CallParkRetrievedEvent.</summary>
    ParkRetrieved,
    /// <summary>One of the CallRecording*Event types.</summary>
    Recording,
}

/// <summary>A call event. Most kinds carry one call; CallRedirectedEvent may carry several.</summary>
public sealed record CallEvent : PlatformEvent
{
    /// <summary>The kind of event.</summary>
    public required CallEventKind Kind { get; init; }

    /// <summary>The XSI eventData type as received (e.g. <c>CallHeldEvent</c>).</summary>
    public required string RawType { get; init; }

    /// <summary>The calls the event is about, in document order (at least one).</summary>
    public required IReadOnlyList<PlatformCall> Calls { get; init; }

    /// <summary>The first (usually the only) call.</summary>
    public PlatformCall Call => Calls[0];
}

/// <summary>A ConferenceStarted/Held/Retrieved/Updated/Released event.</summary>
public sealed record ConferenceEvent : PlatformEvent
{
    /// <summary>The XSI eventData type as received (e.g. <c>ConferenceStartedEvent</c>).</summary>
    public required string RawType { get; init; }

    /// <summary>The conference as reported (participants empty for Released).</summary>
    public required ConferenceInfo Conference { get; init; }
}

/// <summary>A HookStatusEvent.</summary>
public sealed record HookStatusEvent : PlatformEvent
{
    /// <summary>The new hook status.</summary>
    public required HookStatus HookStatus { get; init; }
}

/// <summary>A service event (CallForwardingAlwaysEvent, DoNotDisturbEvent, RemoteOfficeEvent, …).</summary>
public sealed record ServiceEvent : PlatformEvent
{
    /// <summary>The service's new state.</summary>
    public required ServiceSetting Setting { get; init; }
}

/// <summary>
/// A full picture of one user's calls: the initial CallSubscriptionEvent, a CallSubscriptionResyncEvent, or a
/// snapshot the transport read (<c>GET calls</c>). The core reconciles its calls against it.
/// </summary>
public sealed record CallSnapshotEvent : PlatformEvent
{
    /// <summary>The user's live calls, in platform order.</summary>
    public required IReadOnlyList<PlatformCall> Calls { get; init; }

    /// <summary>The user's hook status, if reported.</summary>
    public HookStatus HookStatus { get; init; }

    /// <summary>The user's conference, if one exists.</summary>
    public ConferenceInfo? Conference { get; init; }

    /// <summary>Whether this snapshot came from a resync event rather than the subscription's initial event or a read.</summary>
    public bool IsResync { get; init; }

    /// <summary>
    /// For a snapshot the transport read with a separate request (<c>GET calls</c>) and then put on
    /// <see cref="Transports.IPlatformLink.Events"/>: how many events it had put on that stream when it sent the read.
    /// Later events may be newer than the snapshot (they travel on another connection or were read while the answer
    /// was on its way), so the core does not let the snapshot end or correct a call, conference or hook status that had
    /// such an event. <see langword="null"/> for a snapshot that is in order with the stream (the subscription's
    /// initial event, a resync event).
    /// </summary>
    public long? ReadAfterEvents { get; init; }
}

/// <summary>The link's state changed (connected, lost, back).</summary>
public sealed record LinkStateEvent : PlatformEvent
{
    /// <summary>The new state.</summary>
    public required LinkState State { get; init; }

    /// <summary>Why, in words an administrator understands.</summary>
    public string? Reason { get; init; }
}

/// <summary>Monitoring of one user started or ended (subscription created, terminated, failed).</summary>
public sealed record MonitoringEvent : PlatformEvent
{
    /// <summary>Whether the user is monitored now.</summary>
    public required bool Monitored { get; init; }

    /// <summary>Why, when monitoring ended or could not start.</summary>
    public string? Reason { get; init; }
}

/// <summary>A document the transport could not map; surfaced so it is logged, never silently dropped.</summary>
public sealed record UnknownPlatformEvent : PlatformEvent
{
    /// <summary>The type name as received (e.g. the eventData <c>xsi1:type</c>).</summary>
    public required string RawType { get; init; }
}
