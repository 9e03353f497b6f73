using Ecsta.Abstractions.Tapi;
using Ecsta.Tsp.Provider;
using StreamJsonRpc;

namespace Ecsta.Host.Api;

// Device-level methods of the application API that TAPI applications and the Windows TSP call besides call control
// (docs/application-api.md, "Device and provider"): status, address ids, device ids, extensions, media detection,
// status-message filters, device configuration.
internal sealed partial class TapiSession
{
    /// <summary>LINEADDRESSMODE_DIALABLEADDR: lineGetAddressID's only mode.</summary>
    private const uint DialableAddress = 0x2;

    /// <summary>The media modes a BroadWorks line carries.</summary>
    private const LineMediaMode LineMediaModes = LineMediaMode.INTERACTIVEVOICE;

    /// <summary>The largest lineSetDevConfig blob.</summary>
    private const int MaxDevConfigBytes = 64 * 1024;

    /// <summary>lineGetLineDevStatus: opens, calls, features, and whether the line is in service (LINEDEVSTATUSFLAGS_INSERVICE).</summary>
    [JsonRpcMethod("lineGetLineDevStatus")]
    public ApiLineDevStatus LineGetLineDevStatus(uint hLine)
    {
        var line = LineOf(hLine);
        var status = line.Provider.GetLineDevStatus(line.DeviceId) ?? throw ApiErrors.LineError(LineErr.NODEVICE);
        var flags = LineDevStatusFlags.CONNECTED | (status.InService ? LineDevStatusFlags.INSERVICE : 0);
        return new ApiLineDevStatus(status.DeviceId, status.NumOpens, (uint)status.OpenMediaModes, status.NumActiveCalls, status.NumOnHoldCalls,
            status.NumOnHoldPendCalls, (uint)status.LineFeatures, TapiNames.Flags(status.LineFeatures), 0, 0, 0xFFFF, 0xFFFF,
            (uint)LineRoamMode.UNAVAIL, TapiNames.Flags(LineRoamMode.UNAVAIL), (uint)flags, TapiNames.Flags(flags), status.OutOfServiceReason);
    }

    /// <summary>lineGetNumAddressIDs: a BroadWorks line has one address, id 0.</summary>
    [JsonRpcMethod("lineGetNumAddressIDs")]
    public ApiNumAddressIds LineGetNumAddressIds(uint hLine)
    {
        _ = LineOf(hLine);
        return new ApiNumAddressIds(1);
    }

    /// <summary>lineGetAddressID: the id of the line's address given as its dialable number (LINEADDRESSMODE_DIALABLEADDR).</summary>
    [JsonRpcMethod("lineGetAddressID")]
    public ApiAddressId LineGetAddressId(uint hLine, uint addressMode, string address)
    {
        var line = LineOf(hLine);
        if (addressMode != DialableAddress)
        {
            throw ApiErrors.LineError(LineErr.INVALADDRESSMODE, "lineGetAddressID takes LINEADDRESSMODE_DIALABLEADDR (2) only");
        }

        var own = line.Provider.GetAddressCaps(line.DeviceId)?.Address ?? "";
        return Digits(own).Length > 0 && Digits(own) == Digits(address ?? "")
            ? new ApiAddressId(0)
            : throw ApiErrors.LineError(LineErr.INVALADDRESS, $"the line's address is {own}");
    }

    /// <summary>lineGetCallAddressID: every call of a BroadWorks line is on address 0.</summary>
    [JsonRpcMethod("lineGetCallAddressID")]
    public ApiAddressId LineGetCallAddressId(uint hCall)
    {
        _ = CallOf(hCall);
        return new ApiAddressId(0);
    }

    /// <summary>
    /// lineGetID: the device id in <paramref name="deviceClass"/> of a line, its address or a call
    /// (<paramref name="select"/>: LINECALLSELECT_LINE 1, ADDRESS 2, CALL 4). <c>tapi/line</c> only: there is no phone
    /// device (<c>tapi/phone</c>: LINEERR_NODEVICE) and no wave or comm device.
    /// </summary>
    [JsonRpcMethod("lineGetID")]
    public ApiDeviceId LineGetId(string deviceClass, uint select = 1, uint hLine = 0, uint addressId = 0, uint hCall = 0)
    {
        var deviceId = select switch
        {
            1 => LineOf(hLine).DeviceId,
            2 when addressId != 0 => throw ApiErrors.LineError(LineErr.INVALADDRESSID),
            2 => LineOf(hLine).DeviceId,
            4 => CallOf(hCall).Line.DeviceId,
            _ => throw ApiErrors.LineError(LineErr.INVALCALLSELECT, "select is LINECALLSELECT_LINE (1), ADDRESS (2) or CALL (4)"),
        };
        if (string.Equals((deviceClass ?? "").Trim(), "tapi/phone", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiErrors.LineError(LineErr.NODEVICE, "a BroadWorks line has no TAPI phone device");
        }

        CheckLineClass(deviceClass, allowEmpty: false);
        return new ApiDeviceId("tapi/line", deviceId);
    }

    /// <summary>lineGetIcon: none of its own (TAPI shows its generic line icon); the device class must be empty or tapi/line.</summary>
    [JsonRpcMethod("lineGetIcon")]
    public ApiIcon LineGetIcon(uint deviceId, string? deviceClass = null)
    {
        _ = ProviderOf(deviceId);
        CheckLineClass(deviceClass, allowEmpty: true);
        return new ApiIcon(null);
    }

    /// <summary>lineNegotiateExtVersion: Ecsta's extension in its one version, when the application's range includes it.</summary>
    [JsonRpcMethod("lineNegotiateExtVersion")]
    public ApiExtVersion LineNegotiateExtVersion(uint deviceId, uint apiVersion, uint extLowVersion, uint extHighVersion)
    {
        _ = ProviderOf(deviceId);
        if (apiVersion < TspProvider.LowestTspiVersion || apiVersion > TspProvider.HighestTspiVersion)
        {
            throw ApiErrors.LineError(LineErr.INCOMPATIBLEAPIVERSION);
        }

        return extLowVersion <= EcstaExtension.Version && EcstaExtension.Version <= extHighVersion
            ? new ApiExtVersion(EcstaExtension.Version, ApiMapping.VersionText(EcstaExtension.Version))
            : throw ApiErrors.LineError(LineErr.INCOMPATIBLEEXTVERSION, $"Ecsta's extension has version {ApiMapping.VersionText(EcstaExtension.Version)} only");
    }

    /// <summary>lineSelectExtVersion: 0 (none) or the negotiated extension version for this handle.</summary>
    [JsonRpcMethod("lineSelectExtVersion")]
    public ApiExtVersion LineSelectExtVersion(uint hLine, uint extVersion)
    {
        var line = LineOf(hLine);
        if (extVersion != 0 && extVersion != EcstaExtension.Version)
        {
            throw ApiErrors.LineError(LineErr.INCOMPATIBLEEXTVERSION, $"Ecsta's extension has version {ApiMapping.VersionText(EcstaExtension.Version)} only");
        }

        line.ExtVersion = extVersion;
        return new ApiExtVersion(extVersion, ApiMapping.VersionText(extVersion));
    }

    /// <summary>lineGetExtensionID: Ecsta's extension id and what lineDevSpecific offers under it.</summary>
    [JsonRpcMethod("lineGetExtensionID")]
    public ApiExtensionId LineGetExtensionId(uint deviceId, uint apiVersion)
    {
        _ = ProviderOf(deviceId);
        if (apiVersion < TspProvider.LowestTspiVersion || apiVersion > TspProvider.HighestTspiVersion)
        {
            throw ApiErrors.LineError(LineErr.INCOMPATIBLEAPIVERSION);
        }

        return new ApiExtensionId(EcstaExtension.Dwords(), EcstaExtension.Id.ToString("B"), EcstaExtension.Version, EcstaExtension.DevSpecificFeatures);
    }

    /// <summary>lineSetStatusMessages: which LINE_LINEDEVSTATE and LINE_ADDRESSSTATE this handle gets from now on.</summary>
    [JsonRpcMethod("lineSetStatusMessages")]
    public void LineSetStatusMessages(uint hLine, uint lineStates, uint addressStates)
    {
        var line = LineOf(hLine);
        if ((lineStates & ~AllBits<LineDevState>()) != 0)
        {
            throw ApiErrors.LineError(LineErr.INVALLINESTATE, $"0x{lineStates:X} holds bits that are no LINEDEVSTATE_*");
        }

        if ((addressStates & ~AllBits<LineAddressState>()) != 0)
        {
            throw ApiErrors.LineError(LineErr.INVALADDRESSSTATE, $"0x{addressStates:X} holds bits that are no LINEADDRESSSTATE_*");
        }

        lock (_gate)
        {
            line.DevStates = (LineDevState)lineStates;
            line.AddressStates = (LineAddressState)addressStates;
        }
    }

    /// <summary>lineSetDefaultMediaDetection: the media modes of calls this handle wants; a BroadWorks line carries voice only.</summary>
    [JsonRpcMethod("lineSetDefaultMediaDetection")]
    public void LineSetDefaultMediaDetection(uint hLine, uint mediaModes)
    {
        var line = LineOf(hLine);
        line.MediaModes = CheckMedia(mediaModes, allowNone: true);
    }

    /// <summary>lineConditionalMediaDetection: whether calls of <paramref name="mediaModes"/> can be detected on the line (voice only).</summary>
    [JsonRpcMethod("lineConditionalMediaDetection")]
    public void LineConditionalMediaDetection(uint hLine, uint mediaModes)
    {
        _ = LineOf(hLine);
        _ = CheckMedia(mediaModes, allowNone: false);
    }

    /// <summary>lineGetDevConfig: the line's configuration blob (tapi/line), as lineSetDevConfig left it; empty at first.</summary>
    [JsonRpcMethod("lineGetDevConfig")]
    public ApiDevConfig LineGetDevConfig(uint deviceId, string deviceClass)
    {
        var key = DevConfigKey(deviceId);
        CheckLineClass(deviceClass, allowEmpty: false);
        return new ApiDevConfig("tapi/line", Convert.ToBase64String(_hub.DevConfigs.TryGetValue(key, out var blob) ? blob : []));
    }

    /// <summary>lineSetDevConfig: stores an opaque blob for the line (tapi/line, base64, at most 64 KiB) that lineGetDevConfig returns.</summary>
    [JsonRpcMethod("lineSetDevConfig")]
    public void LineSetDevConfig(uint deviceId, string deviceClass, string devConfig)
    {
        var key = DevConfigKey(deviceId);
        CheckLineClass(deviceClass, allowEmpty: false);
        var blob = new byte[((devConfig ?? "").Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(devConfig ?? "", blob, out var length))
        {
            throw ApiErrors.LineError(LineErr.INVALPARAM, "devConfig is not base64");
        }

        if (length > MaxDevConfigBytes)
        {
            throw ApiErrors.LineError(LineErr.INVALPARAM, $"devConfig holds {length} bytes; at most {MaxDevConfigBytes}");
        }

        _hub.DevConfigs[key] = blob[..length];
    }

    /// <summary>lineDevSpecificFeature: Ecsta has no phone-button features.</summary>
    [JsonRpcMethod("lineDevSpecificFeature")]
    public void LineDevSpecificFeature(uint hLine, uint feature)
    {
        _ = LineOf(hLine);
        throw ApiErrors.LineError(LineErr.INVALFEATURE, $"feature {feature}: a BroadWorks line has no device-specific button features; lineDevSpecific offers remoteOffice");
    }

    /// <summary>lineSendUserUserInfo: refused, BroadWorks call control cannot carry user-user information.</summary>
    [JsonRpcMethod("lineSendUserUserInfo")]
    public void LineSendUserUserInfo(uint hCall, string? userUserInfo = null)
    {
        _ = CallOf(hCall);
        _ = userUserInfo;
        throw ApiErrors.LineError(LineErr.OPERATIONUNAVAIL, "BroadWorks call control cannot carry user-user information");
    }

    /// <summary>lineCloseCall: TSPI's name of lineDeallocateCall.</summary>
    [JsonRpcMethod("lineCloseCall")]
    public void LineCloseCall(uint hCall) => LineDeallocateCall(hCall);

    /// <summary>ecstaProviderSnapshot (Ecsta): the versions, extension and lines the Windows TSP reports at providerEnumDevices.</summary>
    [JsonRpcMethod("ecstaProviderSnapshot")]
    public ApiProviderSnapshot EcstaProviderSnapshot() =>
        new("Ecsta", TspProvider.LowestTspiVersion, TspProvider.HighestTspiVersion, EcstaExtension.Version, EcstaExtension.Id.ToString("B"), LineGetDevices());

    private string DevConfigKey(uint deviceId)
    {
        var provider = ProviderOf(deviceId);
        var userId = provider.GetDevCaps(deviceId)?.UserId ?? throw ApiErrors.LineError(LineErr.BADDEVICEID);
        return provider.InstanceName + "\n" + userId.ToLowerInvariant();
    }

    private static void CheckLineClass(string? deviceClass, bool allowEmpty)
    {
        var name = (deviceClass ?? "").Trim();
        if ((name.Length == 0 && allowEmpty) || string.Equals(name, "tapi/line", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        throw ApiErrors.LineError(LineErr.INVALDEVICECLASS, $"'{deviceClass}' is not a device class of this line; it has tapi/line only");
    }

    private static LineMediaMode CheckMedia(uint mediaModes, bool allowNone)
    {
        if ((mediaModes == 0 && !allowNone) || (mediaModes & ~(uint)LineMediaModes) != 0)
        {
            throw ApiErrors.LineError(LineErr.INVALMEDIAMODE, "a BroadWorks line carries LINEMEDIAMODE_INTERACTIVEVOICE (4) only");
        }

        return (LineMediaMode)mediaModes;
    }

    private static uint AllBits<T>()
        where T : struct, Enum => Enum.GetValues<T>().Aggregate(0u, (all, value) => all | Convert.ToUInt32(value, System.Globalization.CultureInfo.InvariantCulture));

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);
}
