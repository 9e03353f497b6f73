using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

public sealed partial class TspProvider
{
    /// <summary>Validates the handle, the call, ownership, service and the feature, in that order (docs/tapi-mapping.md R5).</summary>
    private LineErr CheckCall(uint lineHandle, uint callHandle, LineCallFeature feature, out LineHandle handle, out TapiCall call)
    {
        call = null!;
        if (!_registry.Handles.TryGetValue(lineHandle, out handle!))
        {
            return LineErr.INVALLINEHANDLE;
        }

        if (!_registry.Calls.TryGetValue(callHandle, out var found) || !ReferenceEquals(found.Line, handle.Line) || !found.Valid)
        {
            return LineErr.INVALCALLHANDLE;
        }

        call = found;
        if (!handle.IsOwner)
        {
            return LineErr.NOTOWNER;
        }

        if (!IsInService(handle.Line))
        {
            return LineErr.INVALLINESTATE;
        }

        return feature != 0 && (call.Features & feature) == 0 ? LineErr.INVALCALLSTATE : LineErr.SUCCESS;
    }

    private LineErr CheckLine(uint lineHandle, bool ownerOnly, out LineHandle handle)
    {
        if (!_registry.Handles.TryGetValue(lineHandle, out handle!))
        {
            return LineErr.INVALLINEHANDLE;
        }

        if (ownerOnly && !handle.IsOwner && handle.Privileges != LineCallPrivilege.NONE)
        {
            return LineErr.NOTOWNER;
        }

        return IsInService(handle.Line) ? LineErr.SUCCESS : LineErr.INVALLINESTATE;
    }

    private TspiResult Reject(string what, LineErr error, string? reason = null)
    {
        _log.Information("TSPI_{Tspi} → LINEERR_{Error} {Reason}", what, error, reason);
        return TspiResult.Error(error, reason);
    }

    private string? FormatDial(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var formatted = _formatter.Format(NumberDirection.Dial, address.Trim());
        return string.IsNullOrWhiteSpace(formatted) ? null : formatted;
    }

    private static Func<Abstractions.Transports.IPlatformLink, CancellationToken, Task<Abstractions.Transports.CallStartResult?>> Step(
        Func<Abstractions.Transports.IPlatformLink, CancellationToken, Task> command) =>
        async (link, ct) =>
        {
            await command(link, ct).ConfigureAwait(false);
            return null;
        };

    /// <summary>TSPI_lineMakeCall: click-to-dial from the line's phone. The new hdCall is valid once ASYNC_COMPLETION(0) arrives.</summary>
    public TspiResult MakeCall(uint lineHandle, string destination)
    {
        lock (_gate)
        {
            var what = $"lineMakeCall(hdLine={lineHandle}, {destination})";
            var error = CheckLine(lineHandle, ownerOnly: true, out var handle);
            if (error != LineErr.SUCCESS) return Reject(what, error);
            var dest = FormatDial(destination);
            if (dest is null) return Reject(what, LineErr.INVALADDRESS);
            var line = handle.Line;
            var call = NewCall(line, CallKind.Normal, incoming: false);
            call.Info = call.Info with
            {
                Origin = LineCallOrigin.OUTBOUND,
                Caller = PartyMapper.OwnLine(line.Settings, _formatter, NumberDirection.Outgoing),
                Called = PartyMapper.Dialled(dest, _formatter),
            };
            var request = new TspRequest(_services.Ids.NextRequestId(), RequestKind.MakeCall, line, handle) { NewCall = call, Address = dest };
            var userId = line.UserId;
            request.Steps.Add(async (link, ct) => await link.DialAsync(userId, dest, ct).ConfigureAwait(false));
            return Enqueue(request, what);
        }
    }

    /// <summary>TSPI_lineDial on the undialled consultation call of lineSetupTransfer.</summary>
    public TspiResult Dial(uint lineHandle, uint callHandle, string destination)
    {
        lock (_gate)
        {
            var what = $"lineDial(call={callHandle}, {destination})";
            var error = CheckCall(lineHandle, callHandle, LineCallFeature.DIAL, out var handle, out var call);
            if (error != LineErr.SUCCESS) return Reject(what, error);
            if (!call.IsUndialled || call.Line.Requests.Any(r => r.Kind == RequestKind.Dial && ReferenceEquals(r.Call, call)))
                return Reject(what, LineErr.INVALCALLSTATE);
            var dest = FormatDial(destination);
            if (dest is null) return Reject(what, LineErr.INVALADDRESS);
            var request = new TspRequest(_services.Ids.NextRequestId(), RequestKind.Dial, call.Line, handle) { Call = call, Address = dest };
            var userId = call.Line.UserId;
            request.Steps.Add(async (link, ct) => await link.DialAsync(userId, dest, ct).ConfigureAwait(false));
            return Enqueue(request, what);
        }
    }

    /// <summary>TSPI_lineAnswer (OFFERING).</summary>
    public TspiResult Answer(uint lineHandle, uint callHandle) =>
        CallCommand("lineAnswer", lineHandle, callHandle, LineCallFeature.ANSWER, RequestKind.Answer,
            (link, user, id, ct) => link.TalkAsync(user, id, ct));

    /// <summary>TSPI_lineHold (a call, or the conference call).</summary>
    public TspiResult Hold(uint lineHandle, uint callHandle)
    {
        lock (_gate)
        {
            return _registry.Calls.TryGetValue(callHandle, out var c) && c.Kind == CallKind.Conference
                ? CallCommand("lineHold", lineHandle, callHandle, LineCallFeature.HOLD, RequestKind.Hold, (link, user, _, ct) => link.HoldConferenceAsync(user, ct))
                : CallCommand("lineHold", lineHandle, callHandle, LineCallFeature.HOLD, RequestKind.Hold, (link, user, id, ct) => link.HoldAsync(user, id, ct));
        }
    }

    /// <summary>TSPI_lineUnhold (a call, or the conference call).</summary>
    public TspiResult Unhold(uint lineHandle, uint callHandle)
    {
        lock (_gate)
        {
            return _registry.Calls.TryGetValue(callHandle, out var c) && c.Kind == CallKind.Conference
                ? CallCommand("lineUnhold", lineHandle, callHandle, LineCallFeature.UNHOLD, RequestKind.Unhold, (link, user, _, ct) => link.RetrieveConferenceAsync(user, ct))
                : CallCommand("lineUnhold", lineHandle, callHandle, LineCallFeature.UNHOLD, RequestKind.Unhold, (link, user, id, ct) => link.TalkAsync(user, id, ct));
        }
    }

    /// <summary>TSPI_lineDrop: release, decline (OFFERING), end the conference (F), or drop the undialled consultation call.</summary>
    public TspiResult Drop(uint lineHandle, uint callHandle)
    {
        lock (_gate)
        {
            var what = $"lineDrop(call={callHandle})";
            var error = CheckCall(lineHandle, callHandle, LineCallFeature.DROP, out var handle, out var call);
            if (error != LineErr.SUCCESS) return Reject(what, error);
            var userId = call.Line.UserId;
            var request = new TspRequest(_services.Ids.NextRequestId(), RequestKind.Drop, call.Line, handle)
            {
                Call = call,
                AwaitsEvent = !call.IsUndialled,
            };
            if (call.Kind == CallKind.Conference)
            {
                request.Steps.Add(Step((link, ct) => link.ReleaseConferenceAsync(userId, ct)));
            }
            else if (!call.IsUndialled)
            {
                var callId = call.CallId!;
                var decline = call.State == LineCallState.OFFERING;
                request.Steps.Add(Step((link, ct) => link.ReleaseAsync(userId, callId, decline, ct)));
            }

            return Enqueue(request, what);
        }
    }

    /// <summary>TSPI_lineRedirect (OFFERING): BlindTransfer of the alerting call (docs/tapi-mapping.md §3.5).</summary>
    public TspiResult Redirect(uint lineHandle, uint callHandle, string destination) =>
        TransferTo("lineRedirect", lineHandle, callHandle, destination, LineCallFeature.REDIRECT, RequestKind.Redirect);

    /// <summary>TSPI_lineBlindTransfer (CONNECTED).</summary>
    public TspiResult BlindTransfer(uint lineHandle, uint callHandle, string destination) =>
        TransferTo("lineBlindTransfer", lineHandle, callHandle, destination, LineCallFeature.BLINDTRANSFER, RequestKind.BlindTransfer);

    private TspiResult TransferTo(string name, uint lineHandle, uint callHandle, string destination, LineCallFeature feature, RequestKind kind)
    {
        lock (_gate)
        {
            var what = $"{name}(call={callHandle}, {destination})";
            var error = CheckCall(lineHandle, callHandle, feature, out var handle, out var call);
            if (error != LineErr.SUCCESS) return Reject(what, error);
            var dest = FormatDial(destination);
            if (dest is null) return Reject(what, LineErr.INVALADDRESS);
            var userId = call.Line.UserId;
            var callId = call.CallId!;
            var request = new TspRequest(_services.Ids.NextRequestId(), kind, call.Line, handle) { Call = call, Address = dest };
            request.Steps.Add(Step((link, ct) => link.BlindTransferAsync(userId, callId, dest, ct)));
            return Enqueue(request, what);
        }
    }

    private TspiResult CallCommand(string name, uint lineHandle, uint callHandle, LineCallFeature feature, RequestKind kind,
        Func<Abstractions.Transports.IPlatformLink, string, string, CancellationToken, Task> command)
    {
        lock (_gate)
        {
            var what = $"{name}(call={callHandle})";
            var error = CheckCall(lineHandle, callHandle, feature, out var handle, out var call);
            if (error != LineErr.SUCCESS) return Reject(what, error);
            var userId = call.Line.UserId;
            var callId = call.CallId ?? "";
            var request = new TspRequest(_services.Ids.NextRequestId(), kind, call.Line, handle) { Call = call };
            request.Steps.Add(Step((link, ct) => command(link, userId, callId, ct)));
            return Enqueue(request, what);
        }
    }

    /// <summary>TSPI_lineSetupTransfer: holds O; the consultation call K (returned) gets DIALTONE after ASYNC_COMPLETION(0).</summary>
    public TspiResult SetupTransfer(uint lineHandle, uint callHandle)
    {
        lock (_gate)
        {
            var what = $"lineSetupTransfer(call={callHandle})";
            var error = CheckCall(lineHandle, callHandle, LineCallFeature.SETUPTRANSFER, out var handle, out var o);
            if (error != LineErr.SUCCESS) return Reject(what, error);
            var line = o.Line;
            var k = NewCall(line, CallKind.Consultation, incoming: false);
            k.Info = k.Info with
            {
                Origin = LineCallOrigin.OUTBOUND,
                Caller = PartyMapper.OwnLine(line.Settings, _formatter, NumberDirection.Outgoing),
                RelatedCallId = o.Info.CallId,
            };
            o.TransferPartner = k;
            k.TransferPartner = o;
            var userId = line.UserId;
            var callId = o.CallId!;
            var request = new TspRequest(_services.Ids.NextRequestId(), RequestKind.SetupTransfer, line, handle) { Call = o, NewCall = k };
            request.Steps.Add(Step((link, ct) => link.HoldAsync(userId, callId, ct)));
            return Enqueue(request, what);
        }
    }

    /// <summary>TSPI_lineSwapHold: Hold of the active call, then Talk of the held one (docs/tapi-mapping.md §3.12).</summary>
    public TspiResult SwapHold(uint lineHandle, uint activeCallHandle, uint heldCallHandle)
    {
        lock (_gate)
        {
            var what = $"lineSwapHold(call={activeCallHandle}, held={heldCallHandle})";
            var error = CheckCall(lineHandle, activeCallHandle, LineCallFeature.SWAPHOLD, out var handle, out var x);
            if (error != LineErr.SUCCESS) return Reject(what, error);
            error = CheckCall(lineHandle, heldCallHandle, 0, out _, out var y);
            if (error != LineErr.SUCCESS) return Reject(what, error);
            if (x.CallId is null || y.CallId is null || x.Kind == CallKind.Conference || y.Kind == CallKind.Conference ||
                (y.State & (LineCallState.ONHOLD | LineCallState.ONHOLDPENDTRANSFER | LineCallState.ONHOLDPENDCONF)) == 0 ||
                (x.State & (LineCallState.CONNECTED | LineCallState.PROCEEDING | LineCallState.RINGBACK)) == 0)
            {
                return Reject(what, LineErr.INVALCALLSTATE);
            }

            var userId = x.Line.UserId;
            var xId = x.CallId;
            var yId = y.CallId;
            var request = new TspRequest(_services.Ids.NextRequestId(), RequestKind.SwapHold, x.Line, handle) { Call = x, Other = y };
            request.Steps.Add(Step((link, ct) => link.HoldAsync(userId, xId, ct)));
            request.Steps.Add(Step((link, ct) => link.TalkAsync(userId, yId, ct)));
            return Enqueue(request, what);
        }
    }

    /// <summary>
    /// TSPI_lineCompleteTransfer: TRANSFER (ConsultTransfer; both calls go IDLE) or CONFERENCE (a conference call F,
    /// returned, CONNECTED with both calls CONFERENCED).
    /// </summary>
    public TspiResult CompleteTransfer(uint lineHandle, uint callHandle, uint consultCallHandle, LineTransferMode mode)
    {
        lock (_gate)
        {
            var what = $"lineCompleteTransfer(call={callHandle}, consult={consultCallHandle}, {mode})";
            if (mode is not LineTransferMode.TRANSFER and not LineTransferMode.CONFERENCE) return Reject(what, LineErr.INVALTRANSFERMODE);
            var error = CheckCall(lineHandle, callHandle, LineCallFeature.COMPLETETRANSF, out var handle, out var o);
            if (error != LineErr.SUCCESS) return Reject(what, error);
            if (!_registry.Calls.TryGetValue(consultCallHandle, out var k) || !k.Valid || !ReferenceEquals(k.Line, o.Line) || ReferenceEquals(k, o))
                return Reject(what, LineErr.INVALCONSULTCALLHANDLE);
            if ((k.State & (LineCallState.CONNECTED | LineCallState.RINGBACK | LineCallState.PROCEEDING)) == 0 || k.CallId is null || o.CallId is null)
                return Reject(what, LineErr.INVALCALLSTATE);
            if (mode == LineTransferMode.TRANSFER && (o.State & (LineCallState.ONHOLDPENDTRANSFER | LineCallState.ONHOLD)) == 0)
                return Reject(what, LineErr.INVALCALLSTATE);

            var line = o.Line;
            var userId = line.UserId;
            var oId = o.CallId;
            var kId = k.CallId;
            TspRequest request;
            if (mode == LineTransferMode.TRANSFER)
            {
                request = new TspRequest(_services.Ids.NextRequestId(), RequestKind.CompleteTransfer, line, handle) { Call = o, Other = k };
                request.Steps.Add(Step((link, ct) => link.ConsultTransferAsync(userId, oId, kId, ct)));
            }
            else
            {
                var f = NewConferenceCall(line);
                request = new TspRequest(_services.Ids.NextRequestId(), RequestKind.CompleteConference, line, handle) { Call = o, Other = k, NewCall = f };
                request.Steps.Add(Step((link, ct) => link.StartConferenceAsync(userId, [oId, kId], ct)));
            }

            return Enqueue(request, what);
        }
    }

    /// <summary>TSPI_lineAddToConference(F, K) (docs/tapi-mapping.md §3.11).</summary>
    public TspiResult AddToConference(uint lineHandle, uint confCallHandle, uint consultCallHandle)
    {
        lock (_gate)
        {
            var what = $"lineAddToConference(conf={confCallHandle}, consult={consultCallHandle})";
            var error = CheckCall(lineHandle, confCallHandle, 0, out var handle, out var f);
            if (error != LineErr.SUCCESS) return Reject(what, error);
            if (f.Kind != CallKind.Conference) return Reject(what, LineErr.INVALCONFCALLHANDLE);
            if ((f.State & (LineCallState.ONHOLD | LineCallState.CONNECTED)) == 0) return Reject(what, LineErr.INVALCALLSTATE);
            error = CheckCall(lineHandle, consultCallHandle, LineCallFeature.ADDTOCONF, out _, out var k);
            if (error == LineErr.INVALCALLHANDLE) return Reject(what, LineErr.INVALCONSULTCALLHANDLE);
            if (error != LineErr.SUCCESS) return Reject(what, error);
            var userId = f.Line.UserId;
            var kId = k.CallId!;
            var request = new TspRequest(_services.Ids.NextRequestId(), RequestKind.AddToConference, f.Line, handle) { Call = f, Other = k };
            request.Steps.Add(Step((link, ct) => link.AddToConferenceAsync(userId, kId, ct)));
            return Enqueue(request, what);
        }
    }

    /// <summary>
    /// TSPI_lineForward: the list replaces all forwarding (docs/tapi-mapping.md §3.14): UNCOND with a destination (CFA), UNCOND
    /// without (DND), BUSY (CFB), NOANSW (CFNA), at most one each; an empty list cancels all. Completes when every
    /// needed service PUT answered 2xx; LINE_ADDRESSSTATE(FORWARD) follows the platform's service events.
    /// </summary>
    public TspiResult Forward(uint lineHandle, IReadOnlyList<LineForwardEntry>? entries, uint numRingsNoAnswer)
    {
        lock (_gate)
        {
            var list = entries ?? [];
            var what = $"lineForward(hdLine={lineHandle}, [{string.Join(", ", list.Select(e => $"{e.ForwardMode} '{e.DestAddress}'"))}], {numRingsNoAnswer})";
            var error = CheckLine(lineHandle, ownerOnly: true, out var handle);
            if (error != LineErr.SUCCESS) return Reject(what, error);
            var targets = new Dictionary<UserService, ServiceSetting>();
            foreach (var entry in list)
            {
                var hasDest = !string.IsNullOrWhiteSpace(entry.DestAddress);
                var service = entry.ForwardMode switch
                {
                    LineForwardMode.UNCOND when hasDest => UserService.CallForwardingAlways,
                    LineForwardMode.UNCOND => UserService.DoNotDisturb,
                    LineForwardMode.BUSY when hasDest => UserService.CallForwardingBusy,
                    LineForwardMode.NOANSW when hasDest => UserService.CallForwardingNoAnswer,
                    _ => (UserService?)null,
                };
                if (service is null || targets.ContainsKey(service.Value)) return Reject(what, LineErr.INVALPARAM);
                string? number = null;
                if (hasDest)
                {
                    number = FormatDial(entry.DestAddress);
                    if (number is null) return Reject(what, LineErr.INVALADDRESS);
                }

                int? rings = service == UserService.CallForwardingNoAnswer && numRingsNoAnswer >= MinFwdNumRings && numRingsNoAnswer <= MaxFwdNumRings
                    ? (int)numRingsNoAnswer
                    : null;
                targets[service.Value] = new ServiceSetting(service.Value, true, number, rings);
            }

            var line = handle.Line;
            var userId = line.UserId;
            var sets = new List<ServiceSetting>();
            foreach (var service in (UserService[])[UserService.CallForwardingAlways, UserService.CallForwardingBusy,
                UserService.CallForwardingNoAnswer, UserService.DoNotDisturb])
            {
                var target = targets.GetValueOrDefault(service) ?? new ServiceSetting(service, false);
                var cached = line.Services.GetValueOrDefault(service);
                var differs = cached is null || cached.Active != target.Active ||
                    (target.Active && (StripTel(cached.Number) != StripTel(target.Number) ||
                        (target.NumberOfRings is not null && cached.NumberOfRings != target.NumberOfRings)));
                if (differs)
                {
                    sets.Add(target);
                }
            }

            var request = new TspRequest(_services.Ids.NextRequestId(), RequestKind.Forward, line, handle) { AwaitsEvent = false, Services = sets };
            foreach (var setting in sets)
            {
                request.Steps.Add(Step((link, ct) => link.SetServiceAsync(userId, setting, ct)));
            }

            return Enqueue(request, what);
        }
    }

    /// <summary>TSPI_lineDevSpecific: Remote Office on (with its number) or off. Completes on 2xx; LINE_ADDRESSSTATE(DEVSPECIFIC) follows the service event.</summary>
    public TspiResult SetRemoteOffice(uint lineHandle, bool enable, string? number)
    {
        lock (_gate)
        {
            var what = $"lineDevSpecific(hdLine={lineHandle}, RemoteOffice {(enable ? "on" : "off")} '{number}')";
            var error = CheckLine(lineHandle, ownerOnly: true, out var handle);
            if (error != LineErr.SUCCESS) return Reject(what, error);
            string? formatted = null;
            if (enable)
            {
                formatted = FormatDial(number);
                if (formatted is null) return Reject(what, LineErr.INVALPARAM);
            }

            var userId = handle.Line.UserId;
            var setting = new ServiceSetting(UserService.RemoteOffice, enable, formatted);
            var request = new TspRequest(_services.Ids.NextRequestId(), RequestKind.RemoteOffice, handle.Line, handle) { AwaitsEvent = false };
            request.Steps.Add(Step((link, ct) => link.SetServiceAsync(userId, setting, ct)));
            return Enqueue(request, what);
        }
    }

    /// <summary>TSPI_lineSetAppSpecific: synchronous; LINE_CALLINFO(APPSPECIFIC) to every open of the line.</summary>
    public LineErr SetAppSpecific(uint lineHandle, uint callHandle, uint appSpecific)
    {
        lock (_gate)
        {
            _log.Information("TSPI_lineSetAppSpecific(call={Call}, {Value})", callHandle, appSpecific);
            var error = CheckCall(lineHandle, callHandle, 0, out _, out var call);
            if (error is not LineErr.SUCCESS and not LineErr.INVALLINESTATE and not LineErr.NOTOWNER) return error;
            if (call.IsIdle) return LineErr.INVALCALLSTATE;
            call.AppSpecific = appSpecific;
            Post(() =>
            {
                if (!call.IsIdle)
                {
                    Send(call.Line, LineMessage.LINE_CALLINFO, call.Handle, (uint)LineCallInfoState.APPSPECIFIC, 0, 0);
                }
            });
            return LineErr.SUCCESS;
        }
    }

    /// <summary>The largest CallData accepted.</summary>
    public const int MaxCallDataSize = 65536;

    /// <summary>TSPI_lineSetCallData: completes at once; LINE_CALLINFO(CALLDATA) follows.</summary>
    public TspiResult SetCallData(uint lineHandle, uint callHandle, ReadOnlyMemory<byte> data)
    {
        lock (_gate)
        {
            var what = $"lineSetCallData(call={callHandle}, {data.Length} bytes)";
            var error = CheckCall(lineHandle, callHandle, LineCallFeature.SETCALLDATA, out var handle, out var call);
            if (error != LineErr.SUCCESS) return Reject(what, error);
            if (data.Length > MaxCallDataSize) return Reject(what, LineErr.INVALPARAM);
            var request = new TspRequest(_services.Ids.NextRequestId(), RequestKind.SetCallData, call.Line, handle)
            {
                Call = call,
                AwaitsEvent = false,
                CallData = data.ToArray(),
            };
            return Enqueue(request, what);
        }
    }
}
