namespace Ecsta.Abstractions.Tapi;

/// <summary>LINECALLINFOSTATE_* values (dwParam1 of LINE_CALLINFO).</summary>
[Flags]
public enum LineCallInfoState : uint
{
    /// <summary>Other change.</summary>
    OTHER = 0x1,
    /// <summary>Device-specific.</summary>
    DEVSPECIFIC = 0x2,
    /// <summary>Bearer mode.</summary>
    BEARERMODE = 0x4,
    /// <summary>Rate.</summary>
    RATE = 0x8,
    /// <summary>Media mode.</summary>
    MEDIAMODE = 0x10,
    /// <summary>Application-specific field.</summary>
    APPSPECIFIC = 0x20,
    /// <summary>dwCallID.</summary>
    CALLID = 0x40,
    /// <summary>dwRelatedCallID.</summary>
    RELATEDCALLID = 0x80,
    /// <summary>dwOrigin.</summary>
    ORIGIN = 0x100,
    /// <summary>dwReason.</summary>
    REASON = 0x200,
    /// <summary>Completion id.</summary>
    COMPLETIONID = 0x400,
    /// <summary>Number of owners.</summary>
    NUMOWNERINCR = 0x800,
    /// <summary>Number of owners decreased.</summary>
    NUMOWNERDECR = 0x1000,
    /// <summary>Number of monitors.</summary>
    NUMMONITORS = 0x2000,
    /// <summary>Trunk.</summary>
    TRUNK = 0x4000,
    /// <summary>Caller id.</summary>
    CALLERID = 0x8000,
    /// <summary>Called id.</summary>
    CALLEDID = 0x10000,
    /// <summary>Connected id.</summary>
    CONNECTEDID = 0x20000,
    /// <summary>Redirection id.</summary>
    REDIRECTIONID = 0x40000,
    /// <summary>Redirecting id.</summary>
    REDIRECTINGID = 0x80000,
    /// <summary>Display.</summary>
    DISPLAY = 0x100000,
    /// <summary>User-user info.</summary>
    USERUSERINFO = 0x200000,
    /// <summary>High-level compatibility.</summary>
    HIGHLEVELCOMP = 0x400000,
    /// <summary>Low-level compatibility.</summary>
    LOWLEVELCOMP = 0x800000,
    /// <summary>Charging info.</summary>
    CHARGINGINFO = 0x1000000,
    /// <summary>Terminal.</summary>
    TERMINAL = 0x2000000,
    /// <summary>Dial parameters.</summary>
    DIALPARAMS = 0x4000000,
    /// <summary>Monitor modes.</summary>
    MONITORMODES = 0x8000000,
    /// <summary>Treatment.</summary>
    TREATMENT = 0x10000000,
    /// <summary>Quality of service.</summary>
    QOS = 0x20000000,
    /// <summary>Call data (lineSetCallData).</summary>
    CALLDATA = 0x40000000,
}
