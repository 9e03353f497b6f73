using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

public sealed partial class TspProvider
{
    private void Deliver(LineHandle handle, TapiMessage message) => _emitter.Deliver(handle, message);

    private void Send(LineDevice line, LineMessage message, uint callHandle, uint p1, uint p2, uint p3) =>
        _emitter.Send(line, message, callHandle, p1, p2, p3);

    private void SendProvider(TapiMessage message) => _emitter.SendProvider(message);

    private void SendCompletion(TspRequest request, LineErr result) => _emitter.SendCompletion(request, result);

    /// <summary>Sets a call's state; recalculates the features of every call on the address; LINE_CALLSTATE if (state, mode) changed.</summary>
    private void SetState(TapiCall call, LineCallState state, uint mode)
    {
        if (call.IsIdle)
        {
            return;
        }

        call.State = state;
        call.Mode = mode;
        RecalculateFeatures(call.Line);
        _emitter.Touched.Add(call.Line);
        if (call.Valid && (state != call.AnnouncedState || mode != call.AnnouncedMode))
        {
            if (call.AnnouncedState == 0 && state == LineCallState.OFFERING)
            {
                _ringPending.Add(call.Line);
            }

            call.AnnouncedState = state;
            call.AnnouncedMode = mode;
            Send(call.Line, LineMessage.LINE_CALLSTATE, call.Handle, (uint)state, mode, (uint)LineMediaMode.INTERACTIVEVOICE);
        }
    }

    private readonly HashSet<LineDevice> _ringPending = [];

    private static void RecalculateFeatures(LineDevice line)
    {
        foreach (var c in line.Calls)
        {
            c.Features = CallFeatures.Compute(c, line.Calls);
        }
    }

    /// <summary>LINE_CALLINFO for the fields that changed since last announced.</summary>
    private void AnnounceInfo(TapiCall call)
    {
        if (!call.Valid || call.IsIdle)
        {
            return;
        }

        var bits = call.Info.Diff(call.AnnouncedInfo);
        if (bits != 0)
        {
            call.AnnouncedInfo = call.Info;
            Send(call.Line, LineMessage.LINE_CALLINFO, call.Handle, (uint)bits, 0, 0);
        }
    }

    /// <summary>Makes a call's handle valid; its current LINECALLINFO is the baseline (not announced by LINE_CALLINFO).</summary>
    private static void MakeValid(TapiCall call)
    {
        call.Valid = true;
        call.AnnouncedInfo = call.Info;
    }

    /// <summary>LINE_NEWCALL for a call the platform created.</summary>
    private void AnnounceNewCall(TapiCall call)
    {
        MakeValid(call);
        Send(call.Line, LineMessage.LINE_NEWCALL, call.Handle, call.Handle, 0, 0);
    }

    /// <summary>DISCONNECTED (unless already) then IDLE (R4), then what the end of the call means for the others.</summary>
    private void Disconnect(TapiCall call, LineDisconnectMode mode)
    {
        if (call.IsIdle)
        {
            return;
        }

        if (call.State != LineCallState.DISCONNECTED)
        {
            SetState(call, LineCallState.DISCONNECTED, (uint)mode);
        }

        SetState(call, LineCallState.IDLE, 0);
        OnIdle(call);
    }

    /// <summary>Removes a call that never became valid (its request failed).</summary>
    private void Forget(TapiCall call)
    {
        call.State = LineCallState.IDLE;
        call.Line.Calls.Remove(call);
        _registry.Calls.Remove(call.Handle);
        if (call.CallId is not null && call.Line.ByCallId.TryGetValue(call.CallId, out var bound) && ReferenceEquals(bound, call))
        {
            call.Line.ByCallId.Remove(call.CallId);
        }

        if (call.TransferPartner is { } partner)
        {
            partner.TransferPartner = null;
            call.TransferPartner = null;
        }

        _registry.ReleaseTracking(call.ExtTrackingId);
        RecalculateFeatures(call.Line);
    }

    /// <summary>Per-line messages at the end of each step (R3): AS(NUMCALLS) if the counts changed, DS(RINGING) after a new OFFERING.</summary>
    private void EndStep()
    {
        if (_emitter.Touched.Count == 0)
        {
            return;
        }

        foreach (var line in _emitter.Touched.ToList())
        {
            var counts = Counts(line);
            if (counts != line.AnnouncedCounts)
            {
                line.AnnouncedCounts = counts;
                Send(line, LineMessage.LINE_ADDRESSSTATE, 0, 0, (uint)LineAddressState.NUMCALLS, 0);
            }

            if (_ringPending.Remove(line))
            {
                Send(line, LineMessage.LINE_LINEDEVSTATE, 0, (uint)LineDevState.RINGING, 0, 1);
            }
        }

        _emitter.Touched.Clear();
        _ringPending.Clear();
    }

    private static (uint Active, uint Held, uint Pending) Counts(LineDevice line)
    {
        uint active = 0, held = 0, pending = 0;
        foreach (var c in line.Calls)
        {
            if (!c.Valid)
            {
                continue;
            }

            switch (c.State)
            {
                case LineCallState.IDLE or 0:
                    break;
                case LineCallState.ONHOLD:
                    held++;
                    break;
                case LineCallState.ONHOLDPENDTRANSFER or LineCallState.ONHOLDPENDCONF:
                    pending++;
                    break;
                default:
                    active++;
                    break;
            }
        }

        return (active, held, pending);
    }

    private void SendLineDevState(LineDevice line, LineDevState state) =>
        Send(line, LineMessage.LINE_LINEDEVSTATE, 0, (uint)state, 0, 0);

    private void SendAddressState(LineDevice line, LineAddressState state) =>
        Send(line, LineMessage.LINE_ADDRESSSTATE, 0, 0, (uint)state, 0);
}
