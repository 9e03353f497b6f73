namespace Ecsta.Abstractions.Tapi;

/// <summary>LINEADDRESSSTATE_* values (dwParam2 of LINE_ADDRESSSTATE).</summary>
[Flags]
public enum LineAddressState : uint
{
    /// <summary>Other change.</summary>
    OTHER = 0x1,
    /// <summary>Device-specific change (Remote Office).</summary>
    DEVSPECIFIC = 0x2,
    /// <summary>The address is idle (on hook).</summary>
    INUSEZERO = 0x4,
    /// <summary>The address is in use by one station (off hook).</summary>
    INUSEONE = 0x8,
    /// <summary>The address is in use by several stations.</summary>
    INUSEMANY = 0x10,
    /// <summary>The number of calls changed.</summary>
    NUMCALLS = 0x20,
    /// <summary>Forwarding (or do not disturb) changed.</summary>
    FORWARD = 0x40,
    /// <summary>Terminal change.</summary>
    TERMINALS = 0x80,
    /// <summary>Capabilities changed.</summary>
    CAPSCHANGE = 0x100,
}
