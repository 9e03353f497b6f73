using Ecsta.Abstractions.Tapi;
using Ecsta.Tsp.Provider;
using StreamJsonRpc;

namespace Ecsta.Host.Api;

/// <summary>
/// A refused call becomes a JSON-RPC error whose <c>code</c> is TAPI's LONG for the LINEERR_* value (a negative
/// 32-bit number, e.g. -2147483578 for LINEERR_NOTOWNER 0x80000046) and whose <c>data</c> is
/// <c>{lineErr: "LINEERR_NOTOWNER", value: 2147483718, reason}</c>.
/// </summary>
internal static class ApiErrors
{
    public static LocalRpcException LineError(LineErr error, string? reason = null) =>
        new($"{TapiNames.Result(error)}{(reason is null ? "" : ": " + reason)}")
        {
            ErrorCode = ApiMapping.Long(error),
            ErrorData = new ApiLineErrData(TapiNames.Result(error), (uint)error, reason),
        };

    /// <summary>Throws for anything but SUCCESS.</summary>
    public static void ThrowIfFailed(LineErr error, string? reason = null)
    {
        if (error != LineErr.SUCCESS)
        {
            throw LineError(error, reason);
        }
    }
}
