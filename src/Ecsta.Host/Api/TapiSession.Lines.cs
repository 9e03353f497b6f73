using Ecsta.Abstractions.Tapi;
using Ecsta.Tsp.Provider;
using StreamJsonRpc;

namespace Ecsta.Host.Api;

// Line methods of the application API (docs/application-api.md).
internal sealed partial class TapiSession
{
    private OpenLine LineOf(uint hLine)
    {
        lock (_gate)
        {
            return _lines.TryGetValue(hLine, out var line) ? line : throw ApiErrors.LineError(LineErr.INVALLINEHANDLE);
        }
    }

    private TspProvider ProviderOf(uint deviceId) => _hub.FindProvider(deviceId) ?? throw ApiErrors.LineError(LineErr.BADDEVICEID);

    private ApiAsyncReply Accepted(TspiResult result, OpenLine line)
    {
        if (!result.Accepted)
        {
            throw ApiErrors.LineError(result.Result, result.Reason);
        }

        _ = ReplyFor(result.RequestId, line.HLine);
        return new ApiAsyncReply(result.RequestId);
    }

    /// <summary>lineGetDevices: every line device of every instance.</summary>
    [JsonRpcMethod("lineGetDevices")]
    public IReadOnlyList<ApiDevice> LineGetDevices()
    {
        var devices = new List<ApiDevice>();
        foreach (var provider in _hub.Source.Providers)
        {
            foreach (var id in provider.DeviceIds)
            {
                if (provider.GetDevCaps(id) is not { } caps || provider.GetLineDevStatus(id) is not { } status)
                {
                    continue;
                }

                var number = provider.GetAddressCaps(id)?.Address ?? "";
                devices.Add(new ApiDevice(id, caps.LineName, number, provider.InstanceName, caps.UserId, status.InService,
                    status.OutOfServiceReason, status.NumOpens));
            }
        }

        return devices;
    }

    /// <summary>lineNegotiateAPIVersion: the highest version both sides support (TAPI 2.0 to 2.2 here).</summary>
    [JsonRpcMethod("lineNegotiateAPIVersion")]
    public ApiVersionResult LineNegotiateApiVersion(uint deviceId, uint apiLowVersion, uint apiHighVersion)
    {
        if (deviceId != TspProvider.InitializeNegotiation)
        {
            var error = ProviderOf(deviceId).NegotiateTspiVersion(deviceId, apiLowVersion, apiHighVersion, out var version);
            ApiErrors.ThrowIfFailed(error);
            return new ApiVersionResult(version, ApiMapping.VersionText(version));
        }

        if (apiHighVersion < TspProvider.LowestTspiVersion || apiLowVersion > TspProvider.HighestTspiVersion || apiLowVersion > apiHighVersion)
        {
            throw ApiErrors.LineError(LineErr.INCOMPATIBLEAPIVERSION);
        }

        var negotiated = Math.Min(apiHighVersion, TspProvider.HighestTspiVersion);
        return new ApiVersionResult(negotiated, ApiMapping.VersionText(negotiated));
    }

    /// <summary>lineOpen: OWNER (control calls and get events), MONITOR (events only) or NONE (outgoing calls only).</summary>
    [JsonRpcMethod("lineOpen")]
    public ApiOpenResult LineOpen(uint deviceId, LineCallPrivilege privileges = LineCallPrivilege.OWNER)
    {
        var provider = ProviderOf(deviceId);
        var line = new OpenLine(this, provider, deviceId, privileges);
        lock (_gate)
        {
            if (_closed)
            {
                throw ApiErrors.LineError(LineErr.RESOURCEUNAVAIL, "the connection is closing");
            }

            if (_lines.Count >= _hub.Options.MaxOpenLinesPerConnection)
            {
                throw ApiErrors.LineError(LineErr.RESOURCEUNAVAIL,
                    $"this connection already holds {_lines.Count} open line handles, the most one connection may hold; close some with lineClose");
            }

            // Registered before the open so no message of the new handle can arrive for an unknown line.
            var result = provider.Open(deviceId, line, privileges);
            if (result.Result != LineErr.SUCCESS)
            {
                throw ApiErrors.LineError(result.Result, result.Reason);
            }

            line.HLine = result.LineHandle;
            _lines[line.HLine] = line;
        }

        _log.Debug("Application {Application} opened line {DeviceId} as {Privileges}: hLine {HLine}", Id, deviceId, TapiNames.Flags(privileges), line.HLine);
        return new ApiOpenResult(line.HLine, deviceId, (uint)privileges, TapiNames.Flags(privileges));
    }

    /// <summary>lineClose: the handle gets nothing more; calls stay.</summary>
    [JsonRpcMethod("lineClose")]
    public void LineClose(uint hLine)
    {
        OpenLine line;
        lock (_gate)
        {
            if (!_lines.Remove(hLine, out line!))
            {
                throw ApiErrors.LineError(LineErr.INVALLINEHANDLE);
            }

            line.Closed = true;
            foreach (var requestId in _replies.Where(r => r.Value.HLine == hLine).Select(r => r.Key).ToList())
            {
                _replies.Remove(requestId);
            }
        }

        line.Provider.Close(hLine);
    }

    /// <summary>lineMakeCall: click-to-dial; returns the request id and the new call's handle (valid after ASYNC_COMPLETION 0).</summary>
    [JsonRpcMethod("lineMakeCall")]
    public ApiAsyncReply LineMakeCall(uint hLine, string destAddress)
    {
        var line = LineOf(hLine);
        var result = line.Provider.MakeCall(hLine, destAddress ?? "");
        var reply = Accepted(result, line);
        return reply with { HCall = _hub.Calls.ToApi(line.Provider, result.NewCallHandle) };
    }

    /// <summary>lineForward: the list replaces all forwarding (UNCOND with a destination, UNCOND without = DND, BUSY, NOANSW); empty cancels all.</summary>
    [JsonRpcMethod("lineForward")]
    public ApiAsyncReply LineForward(uint hLine, IReadOnlyList<ApiForwardRequest>? forwardList = null, uint numRingsNoAnswer = 0)
    {
        var line = LineOf(hLine);
        var entries = (forwardList ?? []).Select(e => new LineForwardEntry(e.ForwardMode, e.DestAddress ?? "")).ToList();
        return Accepted(line.Provider.Forward(hLine, entries, numRingsNoAnswer), line);
    }

    /// <summary>lineDevSpecific: the one device-specific feature, Remote Office (<c>feature: "remoteOffice"</c>, on with a number, or off).</summary>
    [JsonRpcMethod("lineDevSpecific")]
    public ApiAsyncReply LineDevSpecific(uint hLine, string feature, bool enable, string? number = null)
    {
        var line = LineOf(hLine);
        if (!string.Equals(feature, "remoteOffice", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiErrors.LineError(LineErr.OPERATIONUNAVAIL, "the only device-specific feature is remoteOffice");
        }

        return Accepted(line.Provider.SetRemoteOffice(hLine, enable, number), line);
    }

    /// <summary>lineGetAddressStatus of address 0: calls, forwarding, DND, Remote Office.</summary>
    [JsonRpcMethod("lineGetAddressStatus")]
    public ApiAddressStatus LineGetAddressStatus(uint hLine, uint addressId = 0)
    {
        var line = LineOf(hLine);
        if (addressId != 0)
        {
            throw ApiErrors.LineError(LineErr.INVALADDRESSID);
        }

        var status = line.Provider.GetAddressStatus(line.DeviceId) ?? throw ApiErrors.LineError(LineErr.NODEVICE);
        return ApiMapping.AddressStatus(line.DeviceId, status);
    }

    /// <summary>lineGetDevCaps.</summary>
    [JsonRpcMethod("lineGetDevCaps")]
    public ApiDevCaps LineGetDevCaps(uint deviceId) =>
        ApiMapping.DevCaps(ProviderOf(deviceId).GetDevCaps(deviceId) ?? throw ApiErrors.LineError(LineErr.BADDEVICEID));

    /// <summary>lineGetAddressCaps of address 0.</summary>
    [JsonRpcMethod("lineGetAddressCaps")]
    public ApiAddressCaps LineGetAddressCaps(uint deviceId, uint addressId = 0)
    {
        var provider = ProviderOf(deviceId);
        if (addressId != 0)
        {
            throw ApiErrors.LineError(LineErr.INVALADDRESSID);
        }

        return ApiMapping.AddressCaps(deviceId, provider.GetAddressCaps(deviceId) ?? throw ApiErrors.LineError(LineErr.BADDEVICEID));
    }

    /// <summary>lineGetCalls: the valid, not idle calls of an open line with their status and info (like lineGetNewCalls).</summary>
    [JsonRpcMethod("lineGetCalls")]
    public IReadOnlyList<ApiLineCall> LineGetCalls(uint hLine)
    {
        var line = LineOf(hLine);
        var calls = new List<ApiLineCall>();
        foreach (var hd in line.Provider.GetCalls(hLine))
        {
            var hCall = _hub.Calls.ToApi(line.Provider, hd);
            if (line.Provider.GetCallStatus(hLine, hd) is { } status && line.Provider.GetCallInfo(hd) is { } info)
            {
                calls.Add(new ApiLineCall(hCall, StatusOf(line.Provider, status, hCall), ApiMapping.Info(info, hCall)));
            }
        }

        return calls;
    }
}
