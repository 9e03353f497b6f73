using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

/// <summary>A LINECALLINFO party id: flags, number and name.</summary>
/// <param name="Flags">LINECALLPARTYID_* flags.</param>
/// <param name="Number">The formatted number, or empty.</param>
/// <param name="Name">The name, or empty.</param>
public sealed record PartyId(LineCallPartyId Flags, string Number, string Name)
{
    /// <summary>Not known yet.</summary>
    public static PartyId Unknown { get; } = new(LineCallPartyId.UNKNOWN, "", "");
}

/// <summary>LINECALLINFO.</summary>
/// <param name="CallHandle">hdCall.</param>
/// <param name="DeviceId">The line device.</param>
/// <param name="AddressId">dwAddressID: 0.</param>
/// <param name="BearerMode">dwBearerMode.</param>
/// <param name="MediaMode">dwMediaMode.</param>
/// <param name="CallStates">dwCallStates the call may take.</param>
/// <param name="Origin">dwOrigin.</param>
/// <param name="Reason">dwReason.</param>
/// <param name="CallId">dwCallID.</param>
/// <param name="RelatedCallId">dwRelatedCallID.</param>
/// <param name="CallerId">Caller.</param>
/// <param name="CalledId">Called.</param>
/// <param name="ConnectedId">Connected.</param>
/// <param name="RedirectionId">Redirection.</param>
/// <param name="RedirectingId">Redirecting.</param>
/// <param name="AppSpecific">dwAppSpecific.</param>
/// <param name="CallData">CallData (lineSetCallData).</param>
/// <param name="PlatformCallId">The BroadWorks call id, if bound (not a TAPI field; for logs and the API).</param>
public sealed record LineCallInfo(
    uint CallHandle,
    uint DeviceId,
    uint AddressId,
    LineBearerMode BearerMode,
    LineMediaMode MediaMode,
    LineCallState CallStates,
    LineCallOrigin Origin,
    LineCallReason Reason,
    uint CallId,
    uint RelatedCallId,
    PartyId CallerId,
    PartyId CalledId,
    PartyId ConnectedId,
    PartyId RedirectionId,
    PartyId RedirectingId,
    uint AppSpecific,
    ReadOnlyMemory<byte> CallData,
    string? PlatformCallId);

/// <summary>LINECALLSTATUS.</summary>
/// <param name="CallHandle">hdCall.</param>
/// <param name="CallState">dwCallState.</param>
/// <param name="CallStateMode">dwCallStateMode (for CONFERENCED: the conference call's handle).</param>
/// <param name="CallFeatures">dwCallFeatures.</param>
/// <param name="CallPrivilege">dwCallPrivilege of the asking handle.</param>
public sealed record LineCallStatus(uint CallHandle, LineCallState CallState, uint CallStateMode, LineCallFeature CallFeatures, LineCallPrivilege CallPrivilege);

/// <summary>TSPI_lineGetCallIDs.</summary>
/// <param name="AddressId">dwAddressID.</param>
/// <param name="CallId">dwCallID.</param>
/// <param name="RelatedCallId">dwRelatedCallID.</param>
public sealed record LineCallIds(uint AddressId, uint CallId, uint RelatedCallId);

/// <summary>The synchronous answer of an operation: the request id (accepted) or a LINEERR_* value.</summary>
/// <param name="Result">SUCCESS when accepted, else the error.</param>
/// <param name="RequestId">The request id when accepted, else 0.</param>
/// <param name="NewCallHandle">The new call's hdCall for lineMakeCall, lineSetupTransfer (consult) and lineCompleteTransfer CONFERENCE (conference call).</param>
/// <param name="Reason">Why, for errors where there is more to say (e.g. no seat).</param>
public sealed record TspiResult(LineErr Result, uint RequestId = 0, uint NewCallHandle = 0, string? Reason = null)
{
    /// <summary>Whether the request was accepted.</summary>
    public bool Accepted => Result == LineErr.SUCCESS;

    /// <summary>A rejection.</summary>
    public static TspiResult Error(LineErr error, string? reason = null) => new(error, 0, 0, reason);
}

/// <summary>The answer of lineOpen.</summary>
/// <param name="Result">SUCCESS or the error.</param>
/// <param name="LineHandle">hdLine when opened.</param>
/// <param name="Reason">Why not, when not.</param>
public sealed record LineOpenResult(LineErr Result, uint LineHandle, string? Reason = null);
