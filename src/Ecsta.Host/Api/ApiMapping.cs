using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Tsp;

namespace Ecsta.Host.Api;

/// <summary>Turns the core's records into the API's JSON shapes (call handles become API handles).</summary>
internal static class ApiMapping
{
    public static ApiPartyId Party(PartyId party) =>
        new((uint)party.Flags, TapiNames.Flags(party.Flags), party.Number, party.Name);

    public static ApiCallInfo Info(LineCallInfo i, uint hCall) => new(
        hCall, i.DeviceId, i.AddressId, (uint)i.BearerMode, (uint)i.MediaMode, (uint)i.CallStates,
        (uint)i.Origin, TapiNames.Flags(i.Origin), (uint)i.Reason, TapiNames.Flags(i.Reason), i.CallId, i.RelatedCallId,
        Party(i.CallerId), Party(i.CalledId), Party(i.ConnectedId), Party(i.RedirectionId), Party(i.RedirectingId),
        i.AppSpecific, Convert.ToBase64String(i.CallData.Span), i.PlatformCallId);

    /// <param name="s">The status.</param>
    /// <param name="hCall">The call's API handle.</param>
    /// <param name="mode">The mode as the application sees it (for CONFERENCED the conference call's API handle).</param>
    public static ApiCallStatus Status(LineCallStatus s, uint hCall, uint mode) => new(
        hCall, (uint)s.CallState, s.CallState.ToString(), mode,
        s.CallState == LineCallState.CONFERENCED ? "" : ModeName(s.CallState, mode),
        (uint)s.CallFeatures, TapiNames.Flags(s.CallFeatures), (uint)s.CallPrivilege, TapiNames.Flags(s.CallPrivilege));

    /// <summary>The name of a call state's mode (<c>ACTIVE</c>, <c>NORMAL</c>, …), or empty when the state has none.</summary>
    public static string ModeName(LineCallState state, uint mode)
    {
        var text = TapiNames.CallState(state, mode);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : text[(slash + 1)..];
    }

    public static ApiDevCaps DevCaps(LineDevCaps c) => new(
        c.DeviceId, c.LineName, c.ProviderInfo, c.NumAddresses, (uint)c.MediaModes, (uint)c.BearerModes,
        (uint)c.LineFeatures, TapiNames.Flags(c.LineFeatures), (uint)c.LineStates, TapiNames.Flags(c.LineStates), c.UserId, c.DeviceId);

    public static ApiAddressCaps AddressCaps(uint deviceId, LineAddressCaps c) => new(
        deviceId, c.Address, (uint)c.AddrCapFlags, TapiNames.Flags(c.AddrCapFlags), (uint)c.CallFeatures, TapiNames.Flags(c.CallFeatures),
        (uint)c.AddressFeatures, TapiNames.Flags(c.AddressFeatures), (uint)c.AddressStates, (uint)c.CallInfoStates, (uint)c.CallStates,
        (uint)c.ForwardModes, TapiNames.Flags(c.ForwardModes), c.MaxForwardEntries, c.MinFwdNumRings, c.MaxFwdNumRings,
        (uint)c.TransferModes, c.MaxNumActiveCalls, c.MaxNumOnHoldCalls, c.MaxNumOnHoldPendingCalls, c.MaxNumConference);

    public static ApiAddressStatus AddressStatus(uint deviceId, LineAddressStatus s) => new(
        deviceId, s.NumInUse, s.NumActiveCalls, s.NumOnHoldCalls, s.NumOnHoldPendCalls, (uint)s.AddressFeatures,
        TapiNames.Flags(s.AddressFeatures), s.NumRingsNoAnswer,
        [.. s.Forward.Select(f => new ApiForwardEntry((uint)f.ForwardMode, TapiNames.Flags(f.ForwardMode), f.DestAddress))],
        s.DoNotDisturb, new ApiRemoteOffice(s.RemoteOffice.Active, s.RemoteOffice.Number));

    /// <summary>The readable names of a message's parameters, as the application sees them.</summary>
    public static Dictionary<string, string> Names(LineMessage message, uint p1, uint p2, uint p3)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (message)
        {
            case LineMessage.LINE_CALLSTATE:
                var state = (LineCallState)p1;
                names["param1"] = state.ToString();
                var mode = state == LineCallState.CONFERENCED ? "" : ModeName(state, p2);
                if (mode.Length > 0)
                {
                    names["param2"] = mode;
                }

                if (p3 != 0)
                {
                    names["param3"] = TapiNames.Flags((LineCallPrivilege)p3);
                }

                break;
            case LineMessage.LINE_CALLINFO:
                names["param1"] = TapiNames.Flags((LineCallInfoState)p1);
                break;
            case LineMessage.LINE_ADDRESSSTATE:
                names["param2"] = TapiNames.Flags((LineAddressState)p2);
                break;
            case LineMessage.LINE_LINEDEVSTATE:
                names["param1"] = TapiNames.Flags((LineDevState)p1);
                break;
            case LineMessage.LINE_NEWCALL:
                if (p3 != 0)
                {
                    names["param3"] = TapiNames.Flags((LineCallPrivilege)p3);
                }

                break;
            default:
                break;
        }

        return names;
    }

    /// <summary>TAPI's LONG for a result: 0, or the LINEERR_* value as a negative 32-bit number.</summary>
    public static int Long(LineErr result) => unchecked((int)(uint)result);

    /// <summary>"1.2" style text for a TAPI version.</summary>
    public static string VersionText(uint version) => $"{version >> 16}.{version & 0xFFFF}";
}
