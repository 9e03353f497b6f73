using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

public sealed partial class TspProvider
{
    /// <summary>dwMinFwdNumRings.</summary>
    public const uint MinFwdNumRings = 2;

    /// <summary>dwMaxFwdNumRings.</summary>
    public const uint MaxFwdNumRings = 20;

    /// <summary>dwAddrCapFlags (docs/tapi-mapping.md R6).</summary>
    public const LineAddrCapFlags AddrCapFlags = LineAddrCapFlags.TRANSFERHELD | LineAddrCapFlags.CONFERENCEHELD |
        LineAddrCapFlags.FWDNUMRINGS | LineAddrCapFlags.FWDSTATUSVALID;

    /// <summary>dwAddressFeatures.</summary>
    public const LineAddrFeature AddressFeatures = LineAddrFeature.FORWARD | LineAddrFeature.FORWARDFWD |
        LineAddrFeature.FORWARDDND | LineAddrFeature.MAKECALL;

    private const LineFeature LineFeatures = LineFeature.DEVSPECIFIC | LineFeature.FORWARD | LineFeature.MAKECALL |
        LineFeature.FORWARDFWD | LineFeature.FORWARDDND;

    private const LineCallState AllCallStates = LineCallState.IDLE | LineCallState.OFFERING | LineCallState.DIALTONE |
        LineCallState.DIALING | LineCallState.RINGBACK | LineCallState.BUSY | LineCallState.CONNECTED | LineCallState.PROCEEDING |
        LineCallState.ONHOLD | LineCallState.CONFERENCED | LineCallState.ONHOLDPENDTRANSFER | LineCallState.DISCONNECTED;

    private string LineName(TspLineSettings line) => _settings.Options.LineNameFormat switch
    {
        LineNameFormat.Number => line.Number,
        LineNameFormat.Name => line.Name,
        _ => $"{line.Number} / {line.Name}",
    };

    /// <summary>TSPI_lineGetDevCaps; <see langword="null"/> for an unknown device.</summary>
    public LineDevCaps? GetDevCaps(uint deviceId)
    {
        lock (_gate)
        {
            if (!_registry.LinesById.TryGetValue(deviceId, out var line))
            {
                return null;
            }

            return new LineDevCaps(deviceId, LineName(line.Settings), $"Ecsta {_settings.Name}", 1, LineMediaMode.INTERACTIVEVOICE,
                LineBearerMode.VOICE | LineBearerMode.SPEECH, LineFeatures,
                LineDevState.RINGING | LineDevState.INSERVICE | LineDevState.OUTOFSERVICE | LineDevState.REINIT, line.UserId);
        }
    }

    /// <summary>TSPI_lineGetAddressCaps of address 0; <see langword="null"/> for an unknown device.</summary>
    public LineAddressCaps? GetAddressCaps(uint deviceId)
    {
        lock (_gate)
        {
            if (!_registry.LinesById.TryGetValue(deviceId, out var line))
            {
                return null;
            }

            return new LineAddressCaps(line.Settings.Number, AddrCapFlags, CallFeatures.Mask, AddressFeatures,
                LineAddressState.DEVSPECIFIC | LineAddressState.INUSEZERO | LineAddressState.INUSEONE | LineAddressState.NUMCALLS | LineAddressState.FORWARD,
                LineCallInfoState.APPSPECIFIC | LineCallInfoState.CALLID | LineCallInfoState.RELATEDCALLID | LineCallInfoState.ORIGIN |
                LineCallInfoState.REASON | LineCallInfoState.CALLERID | LineCallInfoState.CALLEDID | LineCallInfoState.CONNECTEDID |
                LineCallInfoState.REDIRECTIONID | LineCallInfoState.REDIRECTINGID | LineCallInfoState.CALLDATA,
                AllCallStates, LineForwardMode.UNCOND | LineForwardMode.BUSY | LineForwardMode.NOANSW, 4, MinFwdNumRings, MaxFwdNumRings,
                LineTransferMode.TRANSFER | LineTransferMode.CONFERENCE, 1, 1, 1, 3);
        }
    }

    /// <summary>TSPI_lineGetLineDevStatus; <see langword="null"/> for an unknown device.</summary>
    public LineDevStatus? GetLineDevStatus(uint deviceId)
    {
        lock (_gate)
        {
            if (!_registry.LinesById.TryGetValue(deviceId, out var line))
            {
                return null;
            }

            var (active, held, pending) = Counts(line);
            var inService = IsInService(line);
            var media = line.Handles.Aggregate((LineMediaMode)0, (m, h) => m | h.MediaModes);
            return new LineDevStatus(deviceId, inService, OutOfServiceReason(line), (uint)line.Handles.Count, media,
                active, held, pending, inService ? LineFeatures : 0);
        }
    }

    /// <summary>TSPI_lineGetAddressStatus of address 0; <see langword="null"/> for an unknown device.</summary>
    public LineAddressStatus? GetAddressStatus(uint deviceId)
    {
        lock (_gate)
        {
            if (!_registry.LinesById.TryGetValue(deviceId, out var line))
            {
                return null;
            }

            var (active, held, pending) = Counts(line);
            var rings = line.Services.GetValueOrDefault(UserService.CallForwardingNoAnswer)?.NumberOfRings ?? 0;
            var dnd = line.Services.GetValueOrDefault(UserService.DoNotDisturb)?.Active ?? false;
            return new LineAddressStatus(line.Hook == HookStatus.OffHook ? 1u : 0u, active, held, pending,
                IsInService(line) ? AddressFeatures : 0, (uint)Math.Max(0, rings), ForwardList(line), dnd, line.RemoteOffice);
        }
    }

    private TapiCall? FindCall(uint callHandle) => _registry.Calls.TryGetValue(callHandle, out var call) && call.Valid ? call : null;

    /// <summary>TSPI_lineGetCallInfo; <see langword="null"/> for an unknown or not yet valid call.</summary>
    public LineCallInfo? GetCallInfo(uint callHandle)
    {
        lock (_gate)
        {
            if (FindCall(callHandle) is not { } call)
            {
                return null;
            }

            var i = call.Info;
            return new LineCallInfo(call.Handle, call.Line.DeviceId, 0, LineBearerMode.VOICE, LineMediaMode.INTERACTIVEVOICE, AllCallStates,
                i.Origin, i.Reason, i.CallId, i.RelatedCallId, i.Caller, i.Called, i.Connected, i.Redirection, i.Redirecting,
                call.AppSpecific, call.CallData, call.CallId);
        }
    }

    /// <summary>TSPI_lineGetCallStatus; <see langword="null"/> for an unknown or not yet valid call.</summary>
    public LineCallStatus? GetCallStatus(uint lineHandle, uint callHandle)
    {
        lock (_gate)
        {
            if (FindCall(callHandle) is not { } call)
            {
                return null;
            }

            var privilege = _registry.Handles.TryGetValue(lineHandle, out var handle) && handle.IsOwner ? LineCallPrivilege.OWNER : LineCallPrivilege.MONITOR;
            return new LineCallStatus(call.Handle, call.State, call.Mode, call.Features, privilege);
        }
    }

    /// <summary>TSPI_lineGetCallIDs; <see langword="null"/> for an unknown or not yet valid call.</summary>
    public LineCallIds? GetCallIds(uint callHandle)
    {
        lock (_gate)
        {
            return FindCall(callHandle) is { } call ? new LineCallIds(0, call.Info.CallId, call.Info.RelatedCallId) : null;
        }
    }
}
