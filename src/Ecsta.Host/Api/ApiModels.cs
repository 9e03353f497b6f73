using Newtonsoft.Json;

namespace Ecsta.Host.Api;

// The JSON shapes of the application API (docs/application-api.md). Property names are camelCase on the wire.
// Numeric fields carry TAPI's constants with their tapi.h values; the *Name fields decode them (flags as "A|B").

/// <summary>One line device (lineGetDevices).</summary>
internal sealed record ApiDevice(uint DeviceId, string LineName, string Number, string Instance, string UserId, bool InService,
    string? OutOfServiceReason, uint NumOpens);

/// <summary>The answer of lineOpen.</summary>
internal sealed record ApiOpenResult(uint HLine, uint DeviceId, uint Privileges, string PrivilegesName);

/// <summary>The answer of an asynchronous method: its request id (and the new call's handle where the method makes one).</summary>
internal sealed record ApiAsyncReply(uint RequestId)
{
    /// <summary>lineMakeCall: the new call.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public uint? HCall { get; init; }

    /// <summary>lineSetupTransfer: the consultation call.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public uint? HConsultCall { get; init; }

    /// <summary>lineCompleteTransfer(CONFERENCE): the conference call.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public uint? HConfCall { get; init; }
}

/// <summary>The ASYNC_COMPLETION notification.</summary>
internal sealed record ApiCompletion(uint RequestId, int Result, string ResultName, uint HLine);

/// <summary>A LINE_* notification.</summary>
internal sealed record ApiLineMessage(string Message, uint HLine, uint HCall, uint DeviceId, uint Param1, uint Param2, uint Param3,
    IReadOnlyDictionary<string, string> Names);

/// <summary>The error data of a refused call: the LINEERR name and its unsigned value.</summary>
internal sealed record ApiLineErrData(string LineErr, uint Value, string? Reason);

/// <summary>lineNegotiateAPIVersion.</summary>
internal sealed record ApiVersionResult(uint ApiVersion, string ApiVersionText);

/// <summary>A LINECALLINFO party id.</summary>
internal sealed record ApiPartyId(uint Flags, string FlagsName, string Number, string Name);

/// <summary>LINECALLINFO.</summary>
internal sealed record ApiCallInfo(uint HCall, uint DeviceId, uint AddressId, uint BearerMode, uint MediaMode, uint CallStates,
    uint Origin, string OriginName, uint Reason, string ReasonName, uint CallId, uint RelatedCallId,
    ApiPartyId Caller, ApiPartyId Called, ApiPartyId Connected, ApiPartyId Redirection, ApiPartyId Redirecting,
    uint AppSpecific, string CallData, string? PlatformCallId);

/// <summary>LINECALLSTATUS.</summary>
internal sealed record ApiCallStatus(uint HCall, uint CallState, string CallStateName, uint CallStateMode, string CallStateModeName,
    uint CallFeatures, string CallFeaturesName, uint CallPrivilege, string CallPrivilegeName);

/// <summary>lineGetCallIDs.</summary>
internal sealed record ApiCallIds(uint AddressId, uint CallId, uint RelatedCallId);

/// <summary>One call of an open line (lineGetCalls): its status and its info.</summary>
internal sealed record ApiLineCall(uint HCall, ApiCallStatus Status, ApiCallInfo Info);

/// <summary>Where a call lives (ecstaLocateCall).</summary>
internal sealed record ApiCallLocation(uint HCall, uint DeviceId, string Instance);

/// <summary>LINEDEVCAPS. <c>PermanentLineId</c> (dwPermanentLineID) is the device id: both stay the line's for good.</summary>
internal sealed record ApiDevCaps(uint DeviceId, string LineName, string ProviderInfo, uint NumAddresses, uint MediaModes,
    uint BearerModes, uint LineFeatures, string LineFeaturesName, uint LineStates, string LineStatesName, string UserId, uint PermanentLineId);

/// <summary>LINEADDRESSCAPS.</summary>
internal sealed record ApiAddressCaps(uint DeviceId, string Address, uint AddrCapFlags, string AddrCapFlagsName, uint CallFeatures,
    string CallFeaturesName, uint AddressFeatures, string AddressFeaturesName, uint AddressStates, uint CallInfoStates, uint CallStates,
    uint ForwardModes, string ForwardModesName, uint MaxForwardEntries, uint MinFwdNumRings, uint MaxFwdNumRings, uint TransferModes,
    uint MaxNumActiveCalls, uint MaxNumOnHoldCalls, uint MaxNumOnHoldPendingCalls, uint MaxNumConference);

/// <summary>One LINEFORWARD entry, as the API reads and writes it.</summary>
internal sealed record ApiForwardEntry(uint ForwardMode, string? ForwardModeName, string DestAddress);

/// <summary>Remote Office.</summary>
internal sealed record ApiRemoteOffice(bool Active, string? Number);

/// <summary>LINEADDRESSSTATUS.</summary>
internal sealed record ApiAddressStatus(uint DeviceId, uint NumInUse, uint NumActiveCalls, uint NumOnHoldCalls, uint NumOnHoldPendCalls,
    uint AddressFeatures, string AddressFeaturesName, uint NumRingsNoAnswer, IReadOnlyList<ApiForwardEntry> Forward, bool DoNotDisturb,
    ApiRemoteOffice RemoteOffice);
