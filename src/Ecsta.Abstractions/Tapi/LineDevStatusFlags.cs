namespace Ecsta.Abstractions.Tapi;

/// <summary>LINEDEVSTATUSFLAGS_* (dwDevStatusFlags of LINEDEVSTATUS).</summary>
[Flags]
public enum LineDevStatusFlags : uint
{
    /// <summary>The line is connected to TAPI (the provider can reach it).</summary>
    CONNECTED = 0x1,
    /// <summary>A message is waiting.</summary>
    MSGWAIT = 0x2,
    /// <summary>The line is in service.</summary>
    INSERVICE = 0x4,
    /// <summary>The line is locked.</summary>
    LOCKED = 0x8,
}

/// <summary>LINEROAMMODE_* (dwRoamMode of LINEDEVSTATUS).</summary>
[Flags]
public enum LineRoamMode : uint
{
    /// <summary>Unknown.</summary>
    UNKNOWN = 0x1,
    /// <summary>Not available: a fixed line does not roam.</summary>
    UNAVAIL = 0x2,
    /// <summary>Home network.</summary>
    HOME = 0x4,
    /// <summary>Roaming, A side.</summary>
    ROAMA = 0x8,
    /// <summary>Roaming, B side.</summary>
    ROAMB = 0x10,
}
