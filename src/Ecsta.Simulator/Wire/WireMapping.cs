using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.BroadWorks.Xsi.Services;
using Ecsta.Simulator.CallEngine;

namespace Ecsta.Simulator.Wire;

/// <summary>Turns engine snapshots into the documents of the wire model (Ecsta.BroadWorks).</summary>
internal static class WireMapping
{
    public static XsiCall ToXsi(CallSnapshot call) => new()
    {
        CallId = call.CallId,
        ExtTrackingId = call.ExtTrackingId,
        Personality = call.Personality.ToWire(),
        State = call.State.ToWire(),
        ReleaseCause = call.ReleaseCause is { } cause ? new XsiReleaseCause(cause.InternalReleaseCause, cause.CdrTerminationCause) : null,
        ReleasingParty = call.ReleasingParty,
        RemoteParty = ToXsi(call.RemoteParty),
        Redirections = new ValueList<XsiRedirection>(call.Redirections.Select(r => new XsiRedirection(ToXsi(r.Party), r.Reason, r.RedirectTime))),
        Redirect = call.Redirect is { } redirect ? new XsiRedirect(redirect.Party.Address, redirect.Reason, redirect.RedirectTime) : null,
        Endpoint = call.EndpointAddressOfRecord is { } aor ? new XsiEndpoint(aor) : null,
        Appearance = call.Appearance,
        AllowAnswer = call.AllowAnswer,
        AllowRetrieve = call.AllowRetrieve,
        StartTime = call.StartTime,
        AnswerTime = call.AnswerTime,
        HeldTime = call.HeldTime,
        DetachedTime = call.DetachedTime,
        ReleaseTime = call.ReleaseTime,
    };

    public static XsiPartyInformation ToXsi(PartySnapshot party) => new()
    {
        Name = party.Name,
        Address = party.Address,
        UserId = party.UserId,
        UserDn = party.UserDn,
        CallType = party.CallType,
    };

    public static XsiConference ToXsi(ConferenceSnapshot conference, bool withDetails = true) => withDetails
        ? new XsiConference
        {
            State = conference.State,
            Appearance = conference.Appearance,
            ParticipantCallIds = new ValueList<string>(conference.ParticipantCallIds),
        }
        : new XsiConference { State = conference.State };

    /// <summary>The eventData of an engine event (null for raw documents).</summary>
    public static XsiEventData? ToEventData(SimEvent simEvent)
    {
        if (simEvent.RawDocument is not null)
        {
            return null;
        }

        return simEvent.EventType switch
        {
            SimEventTypes.CallRedirected => new XsiCallRedirectedEventData(new ValueList<XsiCall>(simEvent.Calls!.Select(ToXsi))),
            SimEventTypes.CallSubscription => new XsiCallSubscriptionEventData
            {
                HookStatus = simEvent.HookStatus,
                Calls = simEvent.Calls is { } calls ? new ValueList<XsiCall>(calls.Select(ToXsi)) : ValueList<XsiCall>.Empty,
            },
            SimEventTypes.HookStatusChanged => new XsiHookStatusEventData(simEvent.HookStatus!),
            SimEventTypes.ConferenceReleased => new XsiConferenceEventData(simEvent.EventType, ToXsi(simEvent.Conference!, withDetails: false)),
            var t when t.StartsWith("Conference", StringComparison.Ordinal) => new XsiConferenceEventData(t, ToXsi(simEvent.Conference!)),
            var t when simEvent.Service is { } service => new XsiServiceEventData(ToServiceDocument(simEvent.ServiceName!, service)),
            var t => new XsiCallEventData(t, ToXsi(simEvent.Call!)),
        };
    }

    public static XsiServiceDocument ToServiceDocument(string serviceName, ServiceSnapshot service) => serviceName switch
    {
        SimServiceNames.CallForwardingAlways => new XsiCallForwardingAlways { Active = service.Active, ForwardToPhoneNumber = service.Number, RingSplash = service.RingSplash ?? false },
        SimServiceNames.CallForwardingBusy => new XsiCallForwardingBusy { Active = service.Active, ForwardToPhoneNumber = service.Number },
        SimServiceNames.CallForwardingNoAnswer => new XsiCallForwardingNoAnswer { Active = service.Active, ForwardToPhoneNumber = service.Number, NumberOfRings = service.NumberOfRings },
        SimServiceNames.DoNotDisturb => new XsiDoNotDisturb { Active = service.Active, RingSplash = service.RingSplash ?? false },
        SimServiceNames.RemoteOffice => new XsiRemoteOffice { Active = service.Active, RemoteOfficeNumber = service.Number },
        _ => throw new CallEngineException(404, "Service not assigned: " + serviceName),
    };

    /// <summary>The engine change a (partial) service document asks for.</summary>
    public static ServiceChange ToChange(XsiServiceDocument document) => document switch
    {
        XsiCallForwardingAlways cfa => new ServiceChange(cfa.Active, Strip(cfa.ForwardToPhoneNumber), cfa.RingSplash),
        XsiCallForwardingBusy cfb => new ServiceChange(cfb.Active, Strip(cfb.ForwardToPhoneNumber)),
        XsiCallForwardingNoAnswer cfna => new ServiceChange(cfna.Active, Strip(cfna.ForwardToPhoneNumber), NumberOfRings: cfna.NumberOfRings),
        XsiDoNotDisturb dnd => new ServiceChange(dnd.Active, RingSplash: dnd.RingSplash),
        XsiRemoteOffice ro => new ServiceChange(ro.Active, Strip(ro.RemoteOfficeNumber)),
        _ => new ServiceChange(document.Active),
    };

    private static string? Strip(string? number) =>
        number is not null && number.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? number[4..] : number;
}
