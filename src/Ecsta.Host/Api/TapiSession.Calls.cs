using Ecsta.Abstractions.Tapi;
using Ecsta.Tsp.Provider;
using StreamJsonRpc;

namespace Ecsta.Host.Api;

// Call methods of the application API (docs/application-api.md). A call is addressed by its API handle (hCall); the
// application must have the call's line open (an OWNER open is preferred when it has several).
internal sealed partial class TapiSession
{
    private (OpenLine Line, uint CallHandle) CallOf(uint hCall, LineErr unknown = LineErr.INVALCALLHANDLE)
    {
        if (!_hub.Calls.TryResolve(hCall, out var provider, out var hd) || provider.GetCallInfo(hd) is not { } info)
        {
            throw ApiErrors.LineError(unknown);
        }

        lock (_gate)
        {
            var lines = _lines.Values.Where(l => ReferenceEquals(l.Provider, provider) && l.DeviceId == info.DeviceId).ToList();
            var line = lines.FirstOrDefault(l => l.IsOwner) ?? lines.FirstOrDefault() ?? throw ApiErrors.LineError(unknown);
            return (line, hd);
        }
    }

    private ApiCallStatus StatusOf(TspProvider provider, LineCallStatus status, uint hCall)
    {
        var mode = status.CallState == LineCallState.CONFERENCED ? _hub.Calls.ToApi(provider, status.CallStateMode) : status.CallStateMode;
        return ApiMapping.Status(status, hCall, mode);
    }

    private ApiAsyncReply CallOperation(uint hCall, Func<TspProvider, uint, uint, TspiResult> operation)
    {
        var (line, hd) = CallOf(hCall);
        return Accepted(operation(line.Provider, line.HLine, hd), line);
    }

    /// <summary>lineDial on the consultation call of lineSetupTransfer.</summary>
    [JsonRpcMethod("lineDial")]
    public ApiAsyncReply LineDial(uint hCall, string destAddress) =>
        CallOperation(hCall, (p, hLine, hd) => p.Dial(hLine, hd, destAddress ?? ""));

    /// <summary>
    /// lineGenerateDigits: DTMF on a connected call (<c>digitMode</c> LINEDIGITMODE_DTMF 2; 0-9, * and #, a comma
    /// pauses; at most 64; other characters are ignored, as in TAPI). Completes with ASYNC_COMPLETION when BroadWorks
    /// took the digits; the Windows TSP reports that to TAPI as LINE_GENERATE. Null <paramref name="digits"/> is TAPI's
    /// cancel: BroadWorks plays digits at once, so nothing is in progress and the answer is <c>{requestId: 0}</c> with
    /// nothing after it. <c>duration</c> is accepted and ignored: BroadWorks chooses the tone length.
    /// </summary>
    [JsonRpcMethod("lineGenerateDigits")]
    public ApiAsyncReply LineGenerateDigits(uint hCall, string? digits, uint digitMode = TspProvider.DigitModeDtmf, uint duration = 0)
    {
        _ = duration;
        if (digits is null)
        {
            _ = CallOf(hCall);
            return new ApiAsyncReply(0);
        }

        return CallOperation(hCall, (p, hLine, hd) => p.GenerateDigits(hLine, hd, digitMode, digits));
    }

    /// <summary>lineAnswer (OFFERING).</summary>
    [JsonRpcMethod("lineAnswer")]
    public ApiAsyncReply LineAnswer(uint hCall) => CallOperation(hCall, (p, hLine, hd) => p.Answer(hLine, hd));

    /// <summary>lineDrop: release, decline an offering call, end the conference, or drop the undialled consultation call.</summary>
    [JsonRpcMethod("lineDrop")]
    public ApiAsyncReply LineDrop(uint hCall) => CallOperation(hCall, (p, hLine, hd) => p.Drop(hLine, hd));

    /// <summary>lineHold.</summary>
    [JsonRpcMethod("lineHold")]
    public ApiAsyncReply LineHold(uint hCall) => CallOperation(hCall, (p, hLine, hd) => p.Hold(hLine, hd));

    /// <summary>lineUnhold.</summary>
    [JsonRpcMethod("lineUnhold")]
    public ApiAsyncReply LineUnhold(uint hCall) => CallOperation(hCall, (p, hLine, hd) => p.Unhold(hLine, hd));

    /// <summary>lineRedirect (OFFERING) to another number.</summary>
    [JsonRpcMethod("lineRedirect")]
    public ApiAsyncReply LineRedirect(uint hCall, string destAddress) =>
        CallOperation(hCall, (p, hLine, hd) => p.Redirect(hLine, hd, destAddress ?? ""));

    /// <summary>lineBlindTransfer (CONNECTED).</summary>
    [JsonRpcMethod("lineBlindTransfer")]
    public ApiAsyncReply LineBlindTransfer(uint hCall, string destAddress) =>
        CallOperation(hCall, (p, hLine, hd) => p.BlindTransfer(hLine, hd, destAddress ?? ""));

    /// <summary>lineSetupTransfer: holds the call; returns the consultation call (DIALTONE after ASYNC_COMPLETION 0; then lineDial).</summary>
    [JsonRpcMethod("lineSetupTransfer")]
    public ApiAsyncReply LineSetupTransfer(uint hCall)
    {
        var (line, hd) = CallOf(hCall);
        var result = line.Provider.SetupTransfer(line.HLine, hd);
        var reply = Accepted(result, line);
        return reply with { HConsultCall = _hub.Calls.ToApi(line.Provider, result.NewCallHandle) };
    }

    /// <summary>lineSwapHold: the active call goes on hold, the held one becomes active.</summary>
    [JsonRpcMethod("lineSwapHold")]
    public ApiAsyncReply LineSwapHold(uint hActiveCall, uint hHeldCall)
    {
        var (line, active) = CallOf(hActiveCall);
        var (_, held) = CallOf(hHeldCall);
        return Accepted(line.Provider.SwapHold(line.HLine, active, held), line);
    }

    /// <summary>lineCompleteTransfer: TRANSFER (1) or CONFERENCE (2, returns the conference call).</summary>
    [JsonRpcMethod("lineCompleteTransfer")]
    public ApiAsyncReply LineCompleteTransfer(uint hCall, uint hConsultCall, LineTransferMode transferMode)
    {
        var (line, hd) = CallOf(hCall);
        var (_, consult) = CallOf(hConsultCall, LineErr.INVALCONSULTCALLHANDLE);
        var result = line.Provider.CompleteTransfer(line.HLine, hd, consult, transferMode);
        var reply = Accepted(result, line);
        return result.NewCallHandle == 0 ? reply : reply with { HConfCall = _hub.Calls.ToApi(line.Provider, result.NewCallHandle) };
    }

    /// <summary>lineAddToConference(hConfCall, hConsultCall).</summary>
    [JsonRpcMethod("lineAddToConference")]
    public ApiAsyncReply LineAddToConference(uint hConfCall, uint hConsultCall)
    {
        var (line, conf) = CallOf(hConfCall, LineErr.INVALCONFCALLHANDLE);
        var (_, consult) = CallOf(hConsultCall, LineErr.INVALCONSULTCALLHANDLE);
        return Accepted(line.Provider.AddToConference(line.HLine, conf, consult), line);
    }

    /// <summary>lineSetCallData: base64 data (at most 64 KiB) kept with the call; LINE_CALLINFO(CALLDATA) follows.</summary>
    [JsonRpcMethod("lineSetCallData")]
    public ApiAsyncReply LineSetCallData(uint hCall, string callData)
    {
        byte[] data;
        try
        {
            data = Convert.FromBase64String(callData ?? "");
        }
        catch (FormatException)
        {
            throw ApiErrors.LineError(LineErr.INVALPARAM, "callData is not base64");
        }

        return CallOperation(hCall, (p, hLine, hd) => p.SetCallData(hLine, hd, data));
    }

    /// <summary>lineSetAppSpecific: synchronous; LINE_CALLINFO(APPSPECIFIC) follows.</summary>
    [JsonRpcMethod("lineSetAppSpecific")]
    public void LineSetAppSpecific(uint hCall, uint appSpecific)
    {
        var (line, hd) = CallOf(hCall);
        ApiErrors.ThrowIfFailed(line.Provider.SetAppSpecific(line.HLine, hd, appSpecific));
    }

    /// <summary>lineGetCallInfo (LINECALLINFO).</summary>
    [JsonRpcMethod("lineGetCallInfo")]
    public ApiCallInfo LineGetCallInfo(uint hCall)
    {
        var (line, hd) = CallOf(hCall);
        var info = line.Provider.GetCallInfo(hd) ?? throw ApiErrors.LineError(LineErr.INVALCALLHANDLE);
        return ApiMapping.Info(info, hCall);
    }

    /// <summary>lineGetCallStatus (LINECALLSTATUS): state, mode, features, privilege.</summary>
    [JsonRpcMethod("lineGetCallStatus")]
    public ApiCallStatus LineGetCallStatus(uint hCall)
    {
        var (line, hd) = CallOf(hCall);
        var status = line.Provider.GetCallStatus(line.HLine, hd) ?? throw ApiErrors.LineError(LineErr.INVALCALLHANDLE);
        return StatusOf(line.Provider, status, hCall);
    }

    /// <summary>lineGetCallIDs: address id, dwCallID, dwRelatedCallID.</summary>
    [JsonRpcMethod("lineGetCallIDs")]
    public ApiCallIds LineGetCallIds(uint hCall)
    {
        var (line, hd) = CallOf(hCall);
        var ids = line.Provider.GetCallIds(hd) ?? throw ApiErrors.LineError(LineErr.INVALCALLHANDLE);
        return new ApiCallIds(ids.AddressId, ids.CallId, ids.RelatedCallId);
    }

    /// <summary>lineDeallocateCall: forgets an IDLE call.</summary>
    [JsonRpcMethod("lineDeallocateCall")]
    public void LineDeallocateCall(uint hCall)
    {
        var (line, hd) = CallOf(hCall);
        if (line.Provider.GetCallStatus(line.HLine, hd) is { CallState: not LineCallState.IDLE })
        {
            throw ApiErrors.LineError(LineErr.INVALCALLSTATE, "only IDLE calls can be deallocated");
        }

        ApiErrors.ThrowIfFailed(line.Provider.CloseCall(hd));
        _hub.Calls.Forget(hCall);
    }

    /// <summary>ecstaLocateCall (an Ecsta extension): the line device of a call, so a tool can open that line first.</summary>
    [JsonRpcMethod("ecstaLocateCall")]
    public ApiCallLocation EcstaLocateCall(uint hCall)
    {
        if (!_hub.Calls.TryResolve(hCall, out var provider, out var hd) || provider.GetCallInfo(hd) is not { } info)
        {
            throw ApiErrors.LineError(LineErr.INVALCALLHANDLE);
        }

        return new ApiCallLocation(hCall, info.DeviceId, provider.InstanceName);
    }
}
