using System.Globalization;
using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

/// <summary>Decodes TAPI constants to their names for logs and tests.</summary>
public static class TapiNames
{
    /// <summary>A flags value as <c>A|B</c>; 0 as <c>0</c>.</summary>
    public static string Flags<T>(T value)
        where T : struct, Enum
    {
        var raw = Convert.ToUInt64(value, CultureInfo.InvariantCulture);
        return raw == 0 ? "0" : value.ToString().Replace(", ", "|", StringComparison.Ordinal);
    }

    /// <summary>0 as <c>SUCCESS</c>, else <c>LINEERR_NAME</c>.</summary>
    public static string Result(LineErr result) => result == LineErr.SUCCESS ? "SUCCESS" : "LINEERR_" + result;

    /// <summary>The state with its mode, e.g. <c>CONNECTED/ACTIVE</c>, <c>DISCONNECTED/NORMAL</c>, <c>PROCEEDING</c>.</summary>
    public static string CallState(LineCallState state, uint mode)
    {
        var mode1 = state switch
        {
            LineCallState.OFFERING => Flags((LineOfferingMode)mode),
            LineCallState.DIALTONE => Flags((LineDialToneMode)mode),
            LineCallState.BUSY => Flags((LineBusyMode)mode),
            LineCallState.CONNECTED => Flags((LineConnectedMode)mode),
            LineCallState.DISCONNECTED => Flags((LineDisconnectMode)mode),
            _ => null,
        };
        return mode1 is null ? state.ToString() : $"{state}/{mode1}";
    }

    /// <summary>The message decoded.</summary>
    public static string Describe(TapiMessage m) => m.Message switch
    {
        LineMessage.LINE_CALLSTATE when (LineCallState)m.Param1 == LineCallState.CONFERENCED =>
            $"LINE_CALLSTATE call={m.CallHandle} CONFERENCED conf={m.Param2}",
        LineMessage.LINE_CALLSTATE => $"LINE_CALLSTATE call={m.CallHandle} {CallState((LineCallState)m.Param1, m.Param2)}",
        LineMessage.LINE_CALLINFO => $"LINE_CALLINFO call={m.CallHandle} {Flags((LineCallInfoState)m.Param1)}",
        LineMessage.LINE_NEWCALL => $"LINE_NEWCALL call={m.CallHandle}",
        LineMessage.LINE_ADDRESSSTATE => $"LINE_ADDRESSSTATE {Flags((LineAddressState)m.Param2)}",
        LineMessage.LINE_LINEDEVSTATE => $"LINE_LINEDEVSTATE {Flags((LineDevState)m.Param1)}",
        LineMessage.LINE_CREATE => $"LINE_CREATE device={m.Param2}",
        LineMessage.LINE_REMOVE => $"LINE_REMOVE device={m.Param1}",
        LineMessage.LINE_CLOSE => "LINE_CLOSE",
        _ => $"{m.Message} call={m.CallHandle} {m.Param1:X} {m.Param2:X} {m.Param3:X}",
    };
}
