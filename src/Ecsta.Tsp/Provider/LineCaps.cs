using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

/// <summary>LINEDEVCAPS: what a line device is and can do.</summary>
/// <param name="DeviceId">dwDeviceID: the permanent device id.</param>
/// <param name="LineName">The line name per the instance's line-name format.</param>
/// <param name="ProviderInfo">Provider description (instance name).</param>
/// <param name="NumAddresses">dwNumAddresses: always 1.</param>
/// <param name="MediaModes">dwMediaModes.</param>
/// <param name="BearerModes">dwBearerModes.</param>
/// <param name="LineFeatures">dwLineFeatures.</param>
/// <param name="LineStates">dwLineStates: the LINEDEVSTATE_* messages the line sends.</param>
/// <param name="UserId">The BroadWorks user behind the line.</param>
public sealed record LineDevCaps(
    uint DeviceId,
    string LineName,
    string ProviderInfo,
    uint NumAddresses,
    LineMediaMode MediaModes,
    LineBearerMode BearerModes,
    LineFeature LineFeatures,
    LineDevState LineStates,
    string UserId);

/// <summary>LINEADDRESSCAPS of the line's one address.</summary>
/// <param name="Address">The address: the line's number.</param>
/// <param name="AddrCapFlags">dwAddrCapFlags: TRANSFERHELD|CONFERENCEHELD|FWDNUMRINGS|FWDSTATUSVALID.</param>
/// <param name="CallFeatures">dwCallFeatures: the mask 0x8E020AEE (docs/tapi-mapping.md R6, with GENERATEDIGITS).</param>
/// <param name="AddressFeatures">dwAddressFeatures: FORWARD|FORWARDFWD|FORWARDDND|MAKECALL.</param>
/// <param name="AddressStates">dwAddressStates: the LINEADDRESSSTATE_* messages the address sends.</param>
/// <param name="CallInfoStates">dwCallInfoStates: the LINECALLINFOSTATE_* bits the calls send.</param>
/// <param name="CallStates">dwCallStates: the states calls may take.</param>
/// <param name="ForwardModes">dwForwardModes: UNCOND|BUSY|NOANSW (0x111).</param>
/// <param name="MaxForwardEntries">dwMaxForwardEntries: 4.</param>
/// <param name="MinFwdNumRings">dwMinFwdNumRings.</param>
/// <param name="MaxFwdNumRings">dwMaxFwdNumRings.</param>
/// <param name="TransferModes">dwTransferModes: TRANSFER|CONFERENCE.</param>
/// <param name="MaxNumActiveCalls">dwMaxNumActiveCalls.</param>
/// <param name="MaxNumOnHoldCalls">dwMaxNumOnHoldCalls.</param>
/// <param name="MaxNumOnHoldPendingCalls">dwMaxNumOnHoldPendingCalls.</param>
/// <param name="MaxNumConference">dwMaxNumConference.</param>
public sealed record LineAddressCaps(
    string Address,
    LineAddrCapFlags AddrCapFlags,
    LineCallFeature CallFeatures,
    LineAddrFeature AddressFeatures,
    LineAddressState AddressStates,
    LineCallInfoState CallInfoStates,
    LineCallState CallStates,
    LineForwardMode ForwardModes,
    uint MaxForwardEntries,
    uint MinFwdNumRings,
    uint MaxFwdNumRings,
    LineTransferMode TransferModes,
    uint MaxNumActiveCalls,
    uint MaxNumOnHoldCalls,
    uint MaxNumOnHoldPendingCalls,
    uint MaxNumConference);

/// <summary>LINEDEVSTATUS.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="InService">Whether the line is in service (LINEDEVSTATUSFLAGS_INSERVICE).</param>
/// <param name="OutOfServiceReason">Why not, when not (link lost, monitoring could not start, …).</param>
/// <param name="NumOpens">dwNumOpens.</param>
/// <param name="OpenMediaModes">dwOpenMediaModes.</param>
/// <param name="NumActiveCalls">dwNumActiveCalls.</param>
/// <param name="NumOnHoldCalls">dwNumOnHoldCalls.</param>
/// <param name="NumOnHoldPendCalls">dwNumOnHoldPendCalls.</param>
/// <param name="LineFeatures">dwLineFeatures available now.</param>
public sealed record LineDevStatus(
    uint DeviceId,
    bool InService,
    string? OutOfServiceReason,
    uint NumOpens,
    LineMediaMode OpenMediaModes,
    uint NumActiveCalls,
    uint NumOnHoldCalls,
    uint NumOnHoldPendCalls,
    LineFeature LineFeatures);

/// <summary>One LINEFORWARD entry.</summary>
/// <param name="ForwardMode">dwForwardMode: UNCOND, BUSY or NOANSW.</param>
/// <param name="DestAddress">The destination; empty for do not disturb.</param>
public sealed record LineForwardEntry(LineForwardMode ForwardMode, string DestAddress);

/// <summary>LINEADDRESSSTATUS.</summary>
/// <param name="NumInUse">dwNumInUse: 1 when the phone is off hook, else 0.</param>
/// <param name="NumActiveCalls">dwNumActiveCalls.</param>
/// <param name="NumOnHoldCalls">dwNumOnHoldCalls.</param>
/// <param name="NumOnHoldPendCalls">dwNumOnHoldPendCalls.</param>
/// <param name="AddressFeatures">dwAddressFeatures available now.</param>
/// <param name="NumRingsNoAnswer">dwNumRingsNoAnswer.</param>
/// <param name="Forward">The forward list in docs/tapi-mapping.md §3.14 order: CFA, DND, CFB, CFNA.</param>
/// <param name="DoNotDisturb">Whether DND is on (also an UNCOND entry with an empty destination).</param>
/// <param name="RemoteOffice">Remote Office state (lineDevSpecific).</param>
public sealed record LineAddressStatus(
    uint NumInUse,
    uint NumActiveCalls,
    uint NumOnHoldCalls,
    uint NumOnHoldPendCalls,
    LineAddrFeature AddressFeatures,
    uint NumRingsNoAnswer,
    IReadOnlyList<LineForwardEntry> Forward,
    bool DoNotDisturb,
    RemoteOfficeState RemoteOffice);

/// <summary>Remote Office as the platform last reported it.</summary>
/// <param name="Active">Whether it is on.</param>
/// <param name="Number">Its number, if any.</param>
public sealed record RemoteOfficeState(bool Active, string? Number);
