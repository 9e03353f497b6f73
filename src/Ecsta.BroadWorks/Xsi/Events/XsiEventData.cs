using System.Collections.Frozen;
using System.Xml;
using Ecsta.BroadWorks.Xml;
using Ecsta.BroadWorks.Xsi.Services;

namespace Ecsta.BroadWorks.Xsi.Events;

/// <summary>
/// The <c>eventData</c> of a <see cref="XsiSubscriptionEvent"/>; <see cref="Type"/> is its <c>xsi1:type</c>
/// without prefix. Types this model does not know become <see cref="XsiUnknownEventData"/>, never dropped.
/// </summary>
public abstract record XsiEventData
{
    /// <summary>The eventData types that carry one <c>call</c>.</summary>
    internal static readonly FrozenSet<string> SingleCallTypes = new[]
    {
        "CallOriginatingEvent", "CallOriginatedEvent", "CallCollectingEvent", "CallReceivedEvent", "CallAnsweredEvent",
        "CallHeldEvent", "CallRetrievedEvent", "CallUpdatedEvent", "CallDetachedEvent", "CallTransferredEvent",
        "CallForwardedEvent", "CallPickedUpEvent", "CallReleasingEvent", "CallReleasedEvent", "CallBargedInEvent",
        "CallMonitoredEvent", "CallParkRetrievedEvent",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The conference event types.</summary>
    internal static readonly FrozenSet<string> ConferenceTypes = new[]
    {
        "ConferenceStartedEvent", "ConferenceHeldEvent", "ConferenceRetrievedEvent", "ConferenceUpdatedEvent",
        "ConferenceReleasedEvent",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The service event types (service name + <c>Event</c>).</summary>
    internal static readonly FrozenSet<string> ServiceTypes = new[]
    {
        "CallForwardingAlwaysEvent", "CallForwardingBusyEvent", "CallForwardingNoAnswerEvent", "DoNotDisturbEvent",
        "RemoteOfficeEvent",
    }.ToFrozenSet(StringComparer.Ordinal);

    private protected XsiEventData()
    {
    }

    /// <summary>The eventData type, e.g. <c>CallReceivedEvent</c>.</summary>
    public abstract string Type { get; }

    internal abstract void WriteContent(XmlTextBuilder w, string? prefix);

    internal static XsiEventData Read(XmlReader r)
    {
        var type = XmlRead.TypeAttribute(r) ?? string.Empty;
        if (SingleCallTypes.Contains(type) || type.StartsWith("CallRecording", StringComparison.Ordinal))
        {
            return XsiCallEventData.ReadBody(r, type);
        }

        if (ConferenceTypes.Contains(type))
        {
            return XsiConferenceEventData.ReadBody(r, type);
        }

        if (ServiceTypes.Contains(type))
        {
            return new XsiServiceEventData(ReadServiceInfo(r, type[..^"Event".Length]));
        }

        switch (type)
        {
            case "CallRedirectedEvent":
                return XsiCallRedirectedEventData.ReadBody(r);
            case "CallSubscriptionEvent":
            case "CallSubscriptionResyncEvent":
                return XsiCallSubscriptionEventData.ReadBody(r, type == "CallSubscriptionResyncEvent");
            case "HookStatusEvent":
                return XsiHookStatusEventData.ReadBody(r);
            case "SubscriptionTerminatedEvent":
                r.Skip();
                return XsiSubscriptionTerminatedEventData.Instance;
            default:
                return XsiUnknownEventData.ReadBody(r, type);
        }
    }

    private static XsiServiceDocument ReadServiceInfo(XmlReader r, string serviceName)
    {
        XsiServiceDocument? info = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                if (XmlRead.IsXsi(r) && r.LocalName == "info")
                {
                    info = XsiServiceDocument.Read(r, serviceName);
                }
                else
                {
                    r.Skip();
                }
            }
        }

        return info ?? throw XmlRead.Missing("info", serviceName + "Event");
    }

    /// <summary>Reads the single child named <paramref name="name"/> with <paramref name="read"/>, skipping others.</summary>
    private protected static T? ReadSingle<T>(XmlReader r, string name, Func<XmlReader, T> read)
        where T : class
    {
        T? value = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                if (XmlRead.IsXsi(r) && r.LocalName == name)
                {
                    value = read(r);
                }
                else
                {
                    r.Skip();
                }
            }
        }

        return value;
    }
}
