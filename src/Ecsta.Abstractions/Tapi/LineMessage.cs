namespace Ecsta.Abstractions.Tapi;

/// <summary>LINE_* message ids (tapi.h / tspi.h).</summary>
public enum LineMessage : uint
{
    /// <summary>An address's status changed: p1 address id, p2 LINEADDRESSSTATE_*.</summary>
    LINE_ADDRESSSTATE = 0,
    /// <summary>A call's information changed: p1 LINECALLINFOSTATE_*.</summary>
    LINE_CALLINFO = 1,
    /// <summary>A call's state changed: p1 state, p2 mode, p3 media mode.</summary>
    LINE_CALLSTATE = 2,
    /// <summary>The line was closed by the provider.</summary>
    LINE_CLOSE = 3,
    /// <summary>Device-specific event.</summary>
    LINE_DEVSPECIFIC = 4,
    /// <summary>Device-specific feature event.</summary>
    LINE_DEVSPECIFICFEATURE = 5,
    /// <summary>Gathered digits.</summary>
    LINE_GATHERDIGITS = 6,
    /// <summary>Generate completed.</summary>
    LINE_GENERATE = 7,
    /// <summary>The line device's state changed: p1 LINEDEVSTATE_*.</summary>
    LINE_LINEDEVSTATE = 8,
    /// <summary>Digits detected.</summary>
    LINE_MONITORDIGITS = 9,
    /// <summary>Media mode detected.</summary>
    LINE_MONITORMEDIA = 10,
    /// <summary>Tone detected.</summary>
    LINE_MONITORTONE = 11,
    /// <summary>Asynchronous reply (application side of ASYNC_COMPLETION).</summary>
    LINE_REPLY = 12,
    /// <summary>Request pending.</summary>
    LINE_REQUEST = 13,
    /// <summary>A line device was created: p1 device id.</summary>
    LINE_CREATE = 19,
    /// <summary>Agent status.</summary>
    LINE_AGENTSTATUS = 22,
    /// <summary>A line device was removed: p1 device id.</summary>
    LINE_REMOVE = 25,
    /// <summary>A new call was created by the provider: p1 call handle.</summary>
    LINE_NEWCALL = 500,
    /// <summary>Call device-specific event.</summary>
    LINE_CALLDEVSPECIFIC = 501,
}
