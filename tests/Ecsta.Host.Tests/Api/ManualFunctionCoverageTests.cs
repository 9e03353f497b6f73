using System.Reflection;
using Ecsta.Host.Api;
using StreamJsonRpc;

namespace Ecsta.Host.Tests.Api;

/// <summary>
/// The product manual's list of supported TAPI functions (section 5.1 "Unterstützte TAPI Funktionen" of the Windows
/// product's manual, copied here because the manual is not part of the repository): every TSPI_line function has an
/// application API method the Windows TSP forwards it to, and every provider function is named with what serves it.
/// </summary>
public sealed class ManualFunctionCoverageTests
{
    private static readonly string[] ManualLineFunctions =
    [
        "TSPI_lineAddToConference", "TSPI_lineAnswer", "TSPI_lineBlindTransfer", "TSPI_lineClose", "TSPI_lineCloseCall",
        "TSPI_lineCompleteTransfer", "TSPI_lineConditionalMediaDetection", "TSPI_lineDevSpecific", "TSPI_lineDevSpecificFeature",
        "TSPI_lineDrop", "TSPI_lineForward", "TSPI_lineGetAddressCaps", "TSPI_lineGetAddressID", "TSPI_lineGetAddressStatus",
        "TSPI_lineGetCallAddressID", "TSPI_lineGetCallIDs", "TSPI_lineGetCallInfo", "TSPI_lineGetCallStatus", "TSPI_lineGetDevCaps",
        "TSPI_lineGetDevConfig", "TSPI_lineGetExtensionID", "TSPI_lineGetID", "TSPI_lineGetIcon", "TSPI_lineGetNumAddressIDs",
        "TSPI_lineHold", "TSPI_lineMakecall", "TSPI_lineNegotiateExtVersion", "TSPI_lineNegotiateTSPIVersion", "TSPI_lineOpen",
        "TSPI_lineRedirect", "TSPI_lineSelectExtVersion", "TSPI_lineSendUserUserInfo", "TSPI_lineSetAppSpecific",
        "TSPI_lineSetCallData", "TSPI_lineSetDefaultMediaDetection", "TSPI_lineSetDevConfig", "TSPI_lineSetStatusMessages",
        "TSPI_lineSetupTransfer", "TSPI_lineSwapHold", "TSPI_lineUnhold",
    ];

    /// <summary>TSPI names whose API method is named differently (TAPI's application-side name).</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["TSPI_lineNegotiateTSPIVersion"] = "lineNegotiateAPIVersion",
    };

    private static HashSet<string> ApiMethods() =>
        [.. typeof(TapiSession).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Select(m => m.GetCustomAttribute<JsonRpcMethodAttribute>()?.Name)
            .OfType<string>()];

    [Fact]
    public void Every_TSPI_line_function_of_the_manual_has_an_application_api_method()
    {
        var methods = ApiMethods();
        var missing = ManualLineFunctions
            .Select(f => Renamed.TryGetValue(f, out var renamed) ? renamed : f["TSPI_".Length..])
            .Where(name => !methods.Contains(name, StringComparer.OrdinalIgnoreCase))
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void The_provider_functions_get_the_snapshot_the_native_bridge_needs()
    {
        // providerEnumDevices / providerInit: versions, extension, lines; providerCreateLineDevice: lineGetDevCaps of
        // the LINE_CREATE's device; providerShutdown, providerUIIdentify, providerFreeDialogInst and
        // providerGenericDialogData are the TSP's own (the dialog URL comes with the bridge's hello).
        Assert.Contains("ecstaProviderSnapshot", ApiMethods());
        Assert.Contains("lineGetDevCaps", ApiMethods());
    }
}
