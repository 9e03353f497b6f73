using Ecsta.Abstractions.Tapi;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Tsp.Provider;

public sealed partial class TspProvider
{
    /// <summary>Queues a request on its line and returns at once; the loop sends it when it is first in line.</summary>
    private TspiResult Enqueue(TspRequest request, string what)
    {
        request.Line.Requests.AddLast(request);
        _log.Information("Line {DeviceId} {Tspi} → request {RequestId}", request.Line.DeviceId, what, request.Id);
        Post(() => Pump(request.Line));
        return new TspiResult(LineErr.SUCCESS, request.Id, request.NewCall?.Handle ?? 0);
    }

    /// <summary>Starts the first queued request of a line if none is in progress.</summary>
    private void Pump(LineDevice line)
    {
        while (line.Current is { Phase: RequestPhase.Queued } request)
        {
            if (Start(request))
            {
                return;
            }
        }
    }

    /// <returns><see langword="true"/> when a command is out and the request waits.</returns>
    private bool Start(TspRequest request)
    {
        var line = request.Line;
        if (!IsInService(line))
        {
            FailRequest(request, LineErr.RESOURCEUNAVAIL);
            return false;
        }

        if (request.Call is { IsIdle: true } || request.Other is { IsIdle: true })
        {
            if (request.Kind == RequestKind.Drop)
            {
                CompleteRequest(request);
                AfterConfirmed(request);
            }
            else
            {
                FailRequest(request, LineErr.INVALCALLSTATE);
            }

            return false;
        }

        if (request.Kind == RequestKind.CompleteTransfer)
        {
            request.Call!.TransferCompleting = true;
            request.Other!.TransferCompleting = true;
        }

        if (request.Steps.Count == 0)
        {
            CompleteRequest(request);
            AfterConfirmed(request);
            return false;
        }

        request.Phase = RequestPhase.Sent;
        request.Timer = _scheduler.Schedule(_settings.Options.RequestTimeout, () => OnRequestTimeout(request));
        RunStep(request);
        return true;
    }

    private void RunStep(TspRequest request)
    {
        var step = request.Steps[request.StepIndex];
        var index = request.StepIndex;
        _background.Track(RunStepAsync(request, step, index));
    }

    private async Task RunStepAsync(TspRequest request, Func<IPlatformLink, CancellationToken, Task<CallStartResult?>> step, int index)
    {
        CallStartResult? result = null;
        Exception? error = null;
        try
        {
            result = await step(_link, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error = ex;
        }

        Post(() => OnStepAnswered(request, index, result, error));
    }

    private void OnStepAnswered(TspRequest request, int index, CallStartResult? result, Exception? error)
    {
        if (request.Phase == RequestPhase.Done || index != request.StepIndex)
        {
            if (error is not null)
            {
                _log.Information("Line {DeviceId} {Request}: late failure after completion: {Error}", request.Line.DeviceId, request, error.Message);
            }

            return;
        }

        if (error is not null)
        {
            _log.Information("Line {DeviceId} {Request} failed: {Error}", request.Line.DeviceId, request, error.Message);
            FailRequest(request, RequestRules.ErrorFor(request, error));
            return;
        }

        if (request.IsNewCallRequest && result is not null)
        {
            Bind(request, result);
        }

        request.StepIndex++;
        if (request.StepIndex < request.Steps.Count)
        {
            RunStep(request);
            return;
        }

        request.Phase = RequestPhase.Responded;
        request.Timer?.Cancel();
        request.Timer = _scheduler.Schedule(_settings.Options.RequestTimeout, () => OnRequestTimeout(request));
        if (!request.AwaitsEvent)
        {
            CompleteRequest(request);
            AfterConfirmed(request);
            return;
        }

        if (request.IsNewCallRequest)
        {
            ReplayHeldEvents(request.Line);
        }
    }

    /// <summary>2xx of calls/new: binds the call id and dwCallID (docs/tapi-mapping.md §3.1 step 2, §3.8).</summary>
    private void Bind(TspRequest request, CallStartResult result)
    {
        var call = request.NewCall ?? request.Call!;
        if (call.IsIdle)
        {
            return;
        }

        if (request.Line.ByCallId.TryGetValue(result.CallId, out var other) && !ReferenceEquals(other, call))
        {
            _log.Warning("Line {DeviceId}: call id {CallId} of {Request} is already another call", request.Line.DeviceId, result.CallId, request);
            return;
        }

        call.CallId = result.CallId;
        request.Line.ByCallId[result.CallId] = call;
        if (result.ExtTrackingId is { Length: > 0 } ext && ext != call.ExtTrackingId)
        {
            _registry.ReleaseTracking(call.ExtTrackingId);
            call.ExtTrackingId = ext;
            call.Info = call.Info with { CallId = _registry.Track(ext) };
        }

        if (request.Address is not null)
        {
            call.Info = call.Info with { Called = PartyMapper.Dialled(request.Address, _formatter) };
        }
    }

    private void OnRequestTimeout(TspRequest request)
    {
        if (request.Phase == RequestPhase.Done)
        {
            return;
        }

        if (request.Phase == RequestPhase.Responded)
        {
            _log.Information("Line {DeviceId} {Request}: answered but not confirmed in time; completing", request.Line.DeviceId, request);
            CompleteRequest(request);
            AfterConfirmed(request);
            return;
        }

        _log.Information("Line {DeviceId} {Request}: no answer in time", request.Line.DeviceId, request);
        FailRequest(request, LineErr.OPERATIONFAILED);
    }

    /// <summary>Success: ASYNC_COMPLETION(0) (before the confirming event's messages); a new handle becomes valid.</summary>
    private void CompleteRequest(TspRequest request)
    {
        if (request.Phase == RequestPhase.Done)
        {
            return;
        }

        request.Phase = RequestPhase.Done;
        request.Timer?.Cancel();
        request.Line.Requests.Remove(request);
        SendCompletion(request, LineErr.SUCCESS);
        if (request.NewCall is { Valid: false, IsIdle: false } call)
        {
            MakeValid(call);
        }
    }

    /// <summary>What follows the confirming event's messages; then the next request of the line starts.</summary>
    private void AfterConfirmed(TspRequest request)
    {
        var line = request.Line;
        switch (request.Kind)
        {
            case RequestKind.SetupTransfer when request.NewCall is { IsIdle: false } k && k.State == 0:
                SetState(k, LineCallState.DIALTONE, (uint)LineDialToneMode.UNAVAIL);
                break;
            case RequestKind.MakeCall when request.NewCall is { IsIdle: false } c && c.State == 0:
                SetState(c, LineCallState.PROCEEDING, 0);
                break;
            case RequestKind.CompleteConference when request.NewCall is { IsIdle: false } f && f.State == 0:
                SetState(f, LineCallState.CONNECTED, (uint)LineConnectedMode.ACTIVE);
                break;
            case RequestKind.Drop when request.Call is { IsUndialled: true, IsIdle: false } k:
                Disconnect(k, LineDisconnectMode.NORMAL);
                break;
            case RequestKind.SetCallData when request.Call is { IsIdle: false } c:
                c.CallData = request.CallData;
                if (c.Valid)
                {
                    Send(line, LineMessage.LINE_CALLINFO, c.Handle, (uint)LineCallInfoState.CALLDATA, 0, 0);
                }

                break;
            default:
                break;
        }

        if (line.Current?.Kind is not RequestKind.Forward)
        {
            AnnouncePendingForward(line);
        }

        Post(() => Pump(line));
    }

    /// <summary>The AS(FORWARD) of each forward-list change that arrived before the lineForward's completion, in order.</summary>
    private void AnnouncePendingForward(LineDevice line)
    {
        for (; line.PendingForwardAnnouncements > 0; line.PendingForwardAnnouncements--)
        {
            SendAddressState(line, LineAddressState.FORWARD);
        }
    }

    /// <summary>Failure: ASYNC_COMPLETION(error); nothing changes, a new handle is never valid.</summary>
    private void FailRequest(TspRequest request, LineErr error)
    {
        if (request.Phase == RequestPhase.Done)
        {
            return;
        }

        var wasSent = request.Phase != RequestPhase.Queued;
        request.Phase = RequestPhase.Done;
        request.Timer?.Cancel();
        request.Line.Requests.Remove(request);
        SendCompletion(request, error);
        switch (request.Kind)
        {
            case RequestKind.MakeCall or RequestKind.SetupTransfer or RequestKind.CompleteConference when request.NewCall is { } n:
                Forget(n);
                break;
            case RequestKind.Dial when request.Call is { IsIdle: false } k && k.CallId is not null:
                request.Line.ByCallId.Remove(k.CallId);
                k.CallId = null;
                k.Info = k.Info with { Called = PartyId.Unknown, CallId = 0 };
                break;
            case RequestKind.CompleteTransfer:
                request.Call!.TransferCompleting = false;
                request.Other!.TransferCompleting = false;
                break;
            case RequestKind.ReturnToHeld when wasSent && error != LineErr.RESOURCEUNAVAIL && request.Call is { IsIdle: false } o:
                SetState(o, LineCallState.ONHOLD, 0);
                break;
            default:
                break;
        }

        if (request.IsNewCallRequest)
        {
            ReplayHeldEvents(request.Line);
        }

        if (request.Kind == RequestKind.Forward)
        {
            AnnouncePendingForward(request.Line);
        }

        if (wasSent)
        {
            Post(() => Pump(request.Line));
        }
    }
}
