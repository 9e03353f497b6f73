namespace Ecsta.Simulator.CallEngine;

/// <summary>
/// One event the engine raises for one user, named by its XSI eventData type
/// (e.g. <c>CallReceivedEvent</c>). The transports turn it into an <c>xsi:Event</c>.
/// </summary>
public sealed record SimEvent
{
    /// <summary>The user the event is about (the subscription target).</summary>
    public required string UserId { get; init; }

    /// <summary>XSI eventData type name.</summary>
    public required string EventType { get; init; }

    /// <summary>The call of a call event.</summary>
    public CallSnapshot? Call { get; init; }

    /// <summary>The calls of CallRedirectedEvent and CallSubscriptionEvent.</summary>
    public IReadOnlyList<CallSnapshot>? Calls { get; init; }

    /// <summary>Hook status of HookStatusEvent and CallSubscriptionEvent.</summary>
    public string? HookStatus { get; init; }

    /// <summary>Conference of the Conference*Event types.</summary>
    public ConferenceSnapshot? Conference { get; init; }

    /// <summary>Service document name of a service event (e.g. <c>DoNotDisturb</c>).</summary>
    public string? ServiceName { get; init; }

    /// <summary>Service state of a service event.</summary>
    public ServiceSnapshot? Service { get; init; }

    /// <summary>Raw document to send as is (fault injection of malformed or unknown documents).</summary>
    public string? RawDocument { get; init; }
}

/// <summary>State of one service as its event and document carry it.</summary>
/// <param name="Active">Active flag.</param>
/// <param name="Number">forwardToPhoneNumber or remoteOfficeNumber.</param>
/// <param name="RingSplash">ringSplash (CFA, DND).</param>
/// <param name="NumberOfRings">numberOfRings (CFNA).</param>
public sealed record ServiceSnapshot(bool Active, string? Number, bool? RingSplash, int? NumberOfRings);

/// <summary>Names of the XSI event types the engine raises.</summary>
public static class SimEventTypes
{
#pragma warning disable CS1591 // The names are their own documentation.
    public const string CallOriginating = "CallOriginatingEvent";
    public const string CallOriginated = "CallOriginatedEvent";
    public const string CallReceived = "CallReceivedEvent";
    public const string CallAnswered = "CallAnsweredEvent";
    public const string CallHeld = "CallHeldEvent";
    public const string CallRetrieved = "CallRetrievedEvent";
    public const string CallUpdated = "CallUpdatedEvent";
    public const string CallRedirected = "CallRedirectedEvent";
    public const string CallTransferred = "CallTransferredEvent";
    public const string CallForwarded = "CallForwardedEvent";
    public const string CallDetached = "CallDetachedEvent";
    public const string CallReleasing = "CallReleasingEvent";
    public const string CallReleased = "CallReleasedEvent";
    public const string HookStatusChanged = "HookStatusEvent";
    public const string CallSubscription = "CallSubscriptionEvent";
    public const string ConferenceStarted = "ConferenceStartedEvent";
    public const string ConferenceHeld = "ConferenceHeldEvent";
    public const string ConferenceRetrieved = "ConferenceRetrievedEvent";
    public const string ConferenceUpdated = "ConferenceUpdatedEvent";
    public const string ConferenceReleased = "ConferenceReleasedEvent";
    public const string CallForwardingAlways = "CallForwardingAlwaysEvent";
    public const string CallForwardingBusy = "CallForwardingBusyEvent";
    public const string CallForwardingNoAnswer = "CallForwardingNoAnswerEvent";
    public const string DoNotDisturb = "DoNotDisturbEvent";
    public const string RemoteOffice = "RemoteOfficeEvent";
#pragma warning restore CS1591
}
