namespace Ecsta.Abstractions.Tapi;

/// <summary>LINEOFFERINGMODE_* values (dwParam2 of LINE_CALLSTATE OFFERING).</summary>
[Flags]
public enum LineOfferingMode : uint
{
    /// <summary>Offered on this station.</summary>
    ACTIVE = 0x1,
    /// <summary>Offered elsewhere; monitored here.</summary>
    INACTIVE = 0x2,
}

/// <summary>LINEDIALTONEMODE_* values (dwParam2 of LINE_CALLSTATE DIALTONE).</summary>
[Flags]
public enum LineDialToneMode : uint
{
    /// <summary>Normal dial tone.</summary>
    NORMAL = 0x1,
    /// <summary>Special dial tone.</summary>
    SPECIAL = 0x2,
    /// <summary>Internal dial tone.</summary>
    INTERNAL = 0x4,
    /// <summary>External dial tone.</summary>
    EXTERNAL = 0x8,
    /// <summary>Dial tone of unknown kind.</summary>
    UNKNOWN = 0x10,
    /// <summary>No real dial tone (an undialled consultation call).</summary>
    UNAVAIL = 0x20,
}

/// <summary>LINEBUSYMODE_* values (dwParam2 of LINE_CALLSTATE BUSY).</summary>
[Flags]
public enum LineBusyMode : uint
{
    /// <summary>The station is busy.</summary>
    STATION = 0x1,
    /// <summary>A trunk is busy.</summary>
    TRUNK = 0x2,
    /// <summary>Busy for an unknown reason.</summary>
    UNKNOWN = 0x4,
    /// <summary>Busy mode not available.</summary>
    UNAVAIL = 0x8,
}

/// <summary>LINECONNECTEDMODE_* values (dwParam2 of LINE_CALLSTATE CONNECTED).</summary>
[Flags]
public enum LineConnectedMode : uint
{
    /// <summary>Connected on this station.</summary>
    ACTIVE = 0x1,
    /// <summary>Connected elsewhere (shared appearance).</summary>
    INACTIVE = 0x2,
    /// <summary>Active and held.</summary>
    ACTIVEHELD = 0x4,
    /// <summary>Inactive and held.</summary>
    INACTIVEHELD = 0x8,
    /// <summary>Connection confirmed.</summary>
    CONFIRMED = 0x10,
}

/// <summary>LINEDISCONNECTMODE_* values (dwParam2 of LINE_CALLSTATE DISCONNECTED).</summary>
[Flags]
public enum LineDisconnectMode : uint
{
    /// <summary>Normal disconnect.</summary>
    NORMAL = 0x1,
    /// <summary>Reason unknown.</summary>
    UNKNOWN = 0x2,
    /// <summary>The far end rejected the call.</summary>
    REJECT = 0x4,
    /// <summary>The call was picked up elsewhere.</summary>
    PICKUP = 0x8,
    /// <summary>The call was forwarded or redirected.</summary>
    FORWARDED = 0x10,
    /// <summary>The far end was busy.</summary>
    BUSY = 0x20,
    /// <summary>The far end did not answer.</summary>
    NOANSWER = 0x40,
    /// <summary>The address was invalid.</summary>
    BADADDRESS = 0x80,
    /// <summary>The far end could not be reached.</summary>
    UNREACHABLE = 0x100,
    /// <summary>The network was congested.</summary>
    CONGESTION = 0x200,
    /// <summary>Incompatible equipment.</summary>
    INCOMPATIBLE = 0x400,
    /// <summary>Reason unavailable.</summary>
    UNAVAIL = 0x800,
    /// <summary>No dial tone was detected.</summary>
    NODIALTONE = 0x1000,
    /// <summary>The number has changed.</summary>
    NUMBERCHANGED = 0x2000,
    /// <summary>Out of order.</summary>
    OUTOFORDER = 0x4000,
    /// <summary>Temporary failure.</summary>
    TEMPFAILURE = 0x8000,
    /// <summary>Quality of service unavailable.</summary>
    QOSUNAVAIL = 0x10000,
    /// <summary>The call was blocked.</summary>
    BLOCKED = 0x20000,
    /// <summary>The far end is in do-not-disturb.</summary>
    DONOTDISTURB = 0x40000,
    /// <summary>The call was cancelled.</summary>
    CANCELLED = 0x80000,
}
