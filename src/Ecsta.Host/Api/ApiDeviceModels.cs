namespace Ecsta.Host.Api;

/// <summary>LINEDEVSTATUS as the API answers it.</summary>
internal sealed record ApiLineDevStatus(
    uint DeviceId,
    uint NumOpens,
    uint OpenMediaModes,
    uint NumActiveCalls,
    uint NumOnHoldCalls,
    uint NumOnHoldPendCalls,
    uint LineFeatures,
    string LineFeaturesName,
    uint NumCallCompletions,
    uint RingMode,
    uint SignalLevel,
    uint BatteryLevel,
    uint RoamMode,
    string RoamModeName,
    uint DevStatusFlags,
    string DevStatusFlagsName,
    string? OutOfServiceReason);

/// <summary>lineGetNumAddressIDs.</summary>
internal sealed record ApiNumAddressIds(uint NumAddressIds);

/// <summary>lineGetAddressID / lineGetCallAddressID.</summary>
internal sealed record ApiAddressId(uint AddressId);

/// <summary>lineGetID: the device class asked for and the id in it (tapi/line: the line's device id).</summary>
internal sealed record ApiDeviceId(string DeviceClass, uint DeviceId);

/// <summary>lineGetIcon: no icon of its own (TAPI then shows its generic line icon).</summary>
internal sealed record ApiIcon(string? Icon);

/// <summary>lineNegotiateExtVersion / lineSelectExtVersion.</summary>
internal sealed record ApiExtVersion(uint ExtVersion, string ExtVersionText);

/// <summary>lineGetExtensionID: the four DWORDs of LINEEXTENSIONID and the same as a GUID.</summary>
internal sealed record ApiExtensionId(uint[] ExtensionId, string ExtensionIdText, uint ExtVersion, IReadOnlyList<string> DevSpecificFeatures);

/// <summary>lineGetDevConfig: the line's opaque configuration blob (base64; empty when none was set).</summary>
internal sealed record ApiDevConfig(string DeviceClass, string DevConfig);

/// <summary>ecstaProviderSnapshot: what the native bridge needs at providerEnumDevices / providerInit.</summary>
internal sealed record ApiProviderSnapshot(
    string ProviderInfo,
    uint LowestApiVersion,
    uint HighestApiVersion,
    uint ExtVersion,
    string ExtensionIdText,
    IReadOnlyList<ApiDevice> Lines);
