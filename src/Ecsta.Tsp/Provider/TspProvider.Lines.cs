using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

public sealed partial class TspProvider
{
    /// <summary>TSPI version range this provider supports (TAPI 2.0 to 2.2).</summary>
    public const uint LowestTspiVersion = 0x00020000;

    /// <summary>The highest TSPI version.</summary>
    public const uint HighestTspiVersion = 0x00020002;

    /// <summary>INITIALIZE_NEGOTIATION: the provider-wide negotiation.</summary>
    public const uint InitializeNegotiation = 0xFFFFFFFF;

    /// <summary>The device ids of the instance's lines, in configuration order.</summary>
    public IReadOnlyList<uint> DeviceIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _settings.Lines.Select(l => _registry.LinesByUser[l.UserId].DeviceId)];
            }
        }
    }

    /// <summary>The device id of a BroadWorks user's line, if it is one.</summary>
    public uint? FindDeviceId(string userId)
    {
        lock (_gate)
        {
            return _registry.LinesByUser.TryGetValue(userId, out var line) ? line.DeviceId : null;
        }
    }

    /// <summary>TSPI_lineNegotiateTSPIVersion.</summary>
    public LineErr NegotiateTspiVersion(uint deviceId, uint lowVersion, uint highVersion, out uint version)
    {
        version = 0;
        lock (_gate)
        {
            if (deviceId != InitializeNegotiation && !_registry.LinesById.ContainsKey(deviceId))
            {
                return LineErr.BADDEVICEID;
            }
        }

        if (highVersion < LowestTspiVersion || lowVersion > HighestTspiVersion || lowVersion > highVersion)
        {
            _log.Information("TSPI_lineNegotiateTSPIVersion({DeviceId}, {Low:X8}, {High:X8}) → INCOMPATIBLEAPIVERSION", deviceId, lowVersion, highVersion);
            return LineErr.INCOMPATIBLEAPIVERSION;
        }

        version = Math.Min(highVersion, HighestTspiVersion);
        _log.Information("TSPI_lineNegotiateTSPIVersion({DeviceId}, {Low:X8}, {High:X8}) → {Version:X8}", deviceId, lowVersion, highVersion, version);
        return LineErr.SUCCESS;
    }

    /// <summary>
    /// TSPI_lineOpen: opens the line for one application. Several applications may open the same line; each gets
    /// every message of the line through its sink. The first open takes a seat from the license pool.
    /// </summary>
    /// <param name="deviceId">The line device.</param>
    /// <param name="sink">Where this open's messages and completions go.</param>
    /// <param name="privileges">OWNER (may control calls), MONITOR (events only) or NONE (outgoing calls only).</param>
    public LineOpenResult Open(uint deviceId, ITapiEventSink sink, LineCallPrivilege privileges)
    {
        ArgumentNullException.ThrowIfNull(sink);
        lock (_gate)
        {
            if (!_registry.LinesById.TryGetValue(deviceId, out var line))
            {
                return Logged(new LineOpenResult(LineErr.BADDEVICEID, 0), deviceId);
            }

            if (privileges == 0 || ((uint)privileges & ~0x7u) != 0)
            {
                return Logged(new LineOpenResult(LineErr.INVALPARAM, 0, "invalid privileges"), deviceId);
            }

            if (_services.Licenses is { } pool)
            {
                if (!pool.IsOperational(out var why))
                {
                    return Logged(new LineOpenResult(LineErr.RESOURCEUNAVAIL, 0, why ?? "the license does not allow lines"), deviceId);
                }

                if (line.Handles.Count == 0)
                {
                    var seat = pool.TryAcquireSeat(_settings.Name, line.UserId);
                    if (!seat.Granted)
                    {
                        return Logged(new LineOpenResult(LineErr.RESOURCEUNAVAIL, 0, seat.Reason ?? "no line seat free"), deviceId);
                    }
                }
            }

            var handle = new LineHandle(_services.Ids.NextLineHandle(), line, sink, privileges);
            _registry.Handles[handle.Id] = handle;
            var first = line.Handles.Count == 0;
            line.Handles.Add(handle);
            if (first && line.Services.Count == 0)
            {
                StartLoadingServices(line);
            }

            return Logged(new LineOpenResult(LineErr.SUCCESS, handle.Id), deviceId, privileges);
        }
    }

    private LineOpenResult Logged(LineOpenResult result, uint deviceId, LineCallPrivilege privileges = 0)
    {
        _log.Debug("TSPI_lineOpen({DeviceId}, {Privileges}) → {Result} hdLine={Handle} {Reason}", deviceId,
            TapiNames.Flags(privileges), TapiNames.Result(result.Result), result.LineHandle, result.Reason);
        return result;
    }

    /// <summary>TSPI_lineClose: the handle gets nothing more; the last close gives the seat back. Calls stay tracked.</summary>
    public LineErr Close(uint lineHandle)
    {
        lock (_gate)
        {
            _log.Debug("TSPI_lineClose(hdLine={Handle})", lineHandle);
            if (!_registry.Handles.TryGetValue(lineHandle, out var handle))
            {
                return LineErr.INVALLINEHANDLE;
            }

            CloseHandle(handle);
            return LineErr.SUCCESS;
        }
    }

    private void CloseHandle(LineHandle handle)
    {
        handle.Closed = true;
        _registry.Handles.Remove(handle.Id);
        var line = handle.Line;
        line.Handles.Remove(handle);
        if (line.Handles.Count == 0)
        {
            _services.Licenses?.ReleaseSeat(_settings.Name, line.UserId);
            foreach (var call in _registry.Calls.Values.Where(c => ReferenceEquals(c.Line, line) && c.IsIdle).ToList())
            {
                _registry.Calls.Remove(call.Handle);
            }
        }
    }

    /// <summary>TSPI_lineSetStatusMessages: which LINE_LINEDEVSTATE and LINE_ADDRESSSTATE this handle receives (all by default).</summary>
    public LineErr SetStatusMessages(uint lineHandle, LineDevState lineStates, LineAddressState addressStates)
    {
        lock (_gate)
        {
            _log.Information("TSPI_lineSetStatusMessages(hdLine={Handle}, {LineStates}, {AddressStates})", lineHandle,
                TapiNames.Flags(lineStates), TapiNames.Flags(addressStates));
            if (!_registry.Handles.TryGetValue(lineHandle, out var handle))
            {
                return LineErr.INVALLINEHANDLE;
            }

            handle.LineStates = lineStates | LineDevState.REINIT;
            handle.AddressStates = addressStates;
            return LineErr.SUCCESS;
        }
    }

    /// <summary>TSPI_lineSetDefaultMediaDetection: only interactive voice (and unknown) exist here.</summary>
    public LineErr SetDefaultMediaDetection(uint lineHandle, LineMediaMode mediaModes)
    {
        lock (_gate)
        {
            _log.Information("TSPI_lineSetDefaultMediaDetection(hdLine={Handle}, {Modes})", lineHandle, TapiNames.Flags(mediaModes));
            if (!_registry.Handles.TryGetValue(lineHandle, out var handle))
            {
                return LineErr.INVALLINEHANDLE;
            }

            if ((mediaModes & ~(LineMediaMode.INTERACTIVEVOICE | LineMediaMode.UNKNOWN)) != 0)
            {
                return LineErr.INVALPARAM;
            }

            handle.MediaModes = mediaModes;
            return LineErr.SUCCESS;
        }
    }

    /// <summary>The hdCall values of the line's valid calls (lineGetNewCalls): for an application that opens a line with calls.</summary>
    public IReadOnlyList<uint> GetCalls(uint lineHandle)
    {
        lock (_gate)
        {
            return _registry.Handles.TryGetValue(lineHandle, out var handle)
                ? [.. handle.Line.Calls.Where(c => c.Valid && !c.IsIdle).Select(c => c.Handle)]
                : [];
        }
    }

    /// <summary>TSPI_lineCloseCall: forgets an IDLE call's handle (live calls stay tracked).</summary>
    public LineErr CloseCall(uint callHandle)
    {
        lock (_gate)
        {
            if (!_registry.Calls.TryGetValue(callHandle, out var call))
            {
                return LineErr.INVALCALLHANDLE;
            }

            if (call.IsIdle)
            {
                _registry.Calls.Remove(callHandle);
            }

            return LineErr.SUCCESS;
        }
    }
}
