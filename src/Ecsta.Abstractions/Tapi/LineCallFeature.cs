namespace Ecsta.Abstractions.Tapi;

/// <summary>LINECALLFEATURE_* values: what may be done with a call in its current state.</summary>
[Flags]
public enum LineCallFeature : uint
{
    /// <summary>No feature.</summary>
    None = 0,
    /// <summary>lineAccept.</summary>
    ACCEPT = 0x1,
    /// <summary>lineAddToConference.</summary>
    ADDTOCONF = 0x2,
    /// <summary>lineAnswer.</summary>
    ANSWER = 0x4,
    /// <summary>lineBlindTransfer.</summary>
    BLINDTRANSFER = 0x8,
    /// <summary>lineCompleteCall.</summary>
    COMPLETECALL = 0x10,
    /// <summary>lineCompleteTransfer.</summary>
    COMPLETETRANSF = 0x20,
    /// <summary>lineDial.</summary>
    DIAL = 0x40,
    /// <summary>lineDrop.</summary>
    DROP = 0x80,
    /// <summary>lineGatherDigits.</summary>
    GATHERDIGITS = 0x100,
    /// <summary>lineGenerateDigits.</summary>
    GENERATEDIGITS = 0x200,
    /// <summary>lineGenerateTone.</summary>
    GENERATETONE = 0x400,
    /// <summary>lineHold.</summary>
    HOLD = 0x800,
    /// <summary>lineMonitorDigits.</summary>
    MONITORDIGITS = 0x1000,
    /// <summary>lineMonitorMedia.</summary>
    MONITORMEDIA = 0x2000,
    /// <summary>lineMonitorTones.</summary>
    MONITORTONES = 0x4000,
    /// <summary>linePark.</summary>
    PARK = 0x8000,
    /// <summary>linePrepareAddToConference.</summary>
    PREPAREADDCONF = 0x10000,
    /// <summary>lineRedirect.</summary>
    REDIRECT = 0x20000,
    /// <summary>lineRemoveFromConference.</summary>
    REMOVEFROMCONF = 0x40000,
    /// <summary>lineSecureCall.</summary>
    SECURECALL = 0x80000,
    /// <summary>lineSendUserUserInfo.</summary>
    SENDUSERUSER = 0x100000,
    /// <summary>lineSetCallParams.</summary>
    SETCALLPARAMS = 0x200000,
    /// <summary>lineSetMediaControl.</summary>
    SETMEDIACONTROL = 0x400000,
    /// <summary>lineSetTerminal.</summary>
    SETTERMINAL = 0x800000,
    /// <summary>lineSetupConference.</summary>
    SETUPCONF = 0x1000000,
    /// <summary>lineSetupTransfer.</summary>
    SETUPTRANSFER = 0x2000000,
    /// <summary>lineSwapHold.</summary>
    SWAPHOLD = 0x4000000,
    /// <summary>lineUnhold.</summary>
    UNHOLD = 0x8000000,
    /// <summary>lineReleaseUserUserInfo.</summary>
    RELEASEUSERUSERINFO = 0x10000000,
    /// <summary>lineSetCallTreatment.</summary>
    SETTREATMENT = 0x20000000,
    /// <summary>lineSetCallQualityOfService.</summary>
    SETQOS = 0x40000000,
    /// <summary>lineSetCallData.</summary>
    SETCALLDATA = 0x80000000,
}
