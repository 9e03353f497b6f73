namespace Ecsta.Abstractions.Tapi;

/// <summary>LINEDEVSTATE_* values (dwParam1 of LINE_LINEDEVSTATE).</summary>
[Flags]
public enum LineDevState : uint
{
    /// <summary>Other change.</summary>
    OTHER = 0x1,
    /// <summary>An incoming call is ringing.</summary>
    RINGING = 0x2,
    /// <summary>The line is connected.</summary>
    CONNECTED = 0x4,
    /// <summary>The line is disconnected.</summary>
    DISCONNECTED = 0x8,
    /// <summary>Message waiting on.</summary>
    MSGWAITON = 0x10,
    /// <summary>Message waiting off.</summary>
    MSGWAITOFF = 0x20,
    /// <summary>The line is in service again.</summary>
    INSERVICE = 0x40,
    /// <summary>The line is out of service (link lost, monitoring not started).</summary>
    OUTOFSERVICE = 0x80,
    /// <summary>Maintenance.</summary>
    MAINTENANCE = 0x100,
    /// <summary>The line was opened.</summary>
    OPEN = 0x200,
    /// <summary>The line was closed.</summary>
    CLOSE = 0x400,
    /// <summary>The number of calls changed.</summary>
    NUMCALLS = 0x800,
    /// <summary>Completion count changed.</summary>
    NUMCOMPLETIONS = 0x1000,
    /// <summary>Terminals changed.</summary>
    TERMINALS = 0x2000,
    /// <summary>Roam mode changed.</summary>
    ROAMMODE = 0x4000,
    /// <summary>Battery changed.</summary>
    BATTERY = 0x8000,
    /// <summary>Signal changed.</summary>
    SIGNAL = 0x10000,
    /// <summary>Device-specific change.</summary>
    DEVSPECIFIC = 0x20000,
    /// <summary>The application must reinitialize.</summary>
    REINIT = 0x40000,
    /// <summary>Lock changed.</summary>
    LOCK = 0x80000,
    /// <summary>Capabilities changed.</summary>
    CAPSCHANGE = 0x100000,
    /// <summary>Configuration changed.</summary>
    CONFIGCHANGE = 0x200000,
    /// <summary>Translation changed.</summary>
    TRANSLATECHANGE = 0x400000,
    /// <summary>Compliance changed.</summary>
    COMPLCANCEL = 0x800000,
    /// <summary>The device was removed.</summary>
    REMOVED = 0x1000000,
}
