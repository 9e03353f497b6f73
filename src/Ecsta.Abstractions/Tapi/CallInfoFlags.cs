namespace Ecsta.Abstractions.Tapi;

/// <summary>LINECALLPARTYID_* values: what a party id carries.</summary>
[Flags]
public enum LineCallPartyId : uint
{
    /// <summary>Blocked (privacy).</summary>
    BLOCKED = 0x1,
    /// <summary>Out of area.</summary>
    OUTOFAREA = 0x2,
    /// <summary>A name is present.</summary>
    NAME = 0x4,
    /// <summary>A number is present.</summary>
    ADDRESS = 0x8,
    /// <summary>Partial.</summary>
    PARTIAL = 0x10,
    /// <summary>Not known yet.</summary>
    UNKNOWN = 0x20,
    /// <summary>Unavailable.</summary>
    UNAVAIL = 0x40,
}

/// <summary>LINECALLORIGIN_* values.</summary>
[Flags]
public enum LineCallOrigin : uint
{
    /// <summary>Outgoing call.</summary>
    OUTBOUND = 0x1,
    /// <summary>Incoming from inside the group or enterprise.</summary>
    INTERNAL = 0x2,
    /// <summary>Incoming from the network.</summary>
    EXTERNAL = 0x4,
    /// <summary>Unknown.</summary>
    UNKNOWN = 0x10,
    /// <summary>Unavailable.</summary>
    UNAVAIL = 0x20,
    /// <summary>A conference call.</summary>
    CONFERENCE = 0x40,
    /// <summary>Incoming, internal or external unknown.</summary>
    INBOUND = 0x80,
}

/// <summary>LINECALLREASON_* values.</summary>
[Flags]
public enum LineCallReason : uint
{
    /// <summary>Direct call.</summary>
    DIRECT = 0x1,
    /// <summary>Forwarded on busy.</summary>
    FWDBUSY = 0x2,
    /// <summary>Forwarded on no answer.</summary>
    FWDNOANSWER = 0x4,
    /// <summary>Forwarded unconditionally.</summary>
    FWDUNCOND = 0x8,
    /// <summary>Picked up.</summary>
    PICKUP = 0x10,
    /// <summary>Unparked.</summary>
    UNPARK = 0x20,
    /// <summary>Redirected.</summary>
    REDIRECT = 0x40,
    /// <summary>Call completion.</summary>
    CALLCOMPLETION = 0x80,
    /// <summary>Transferred.</summary>
    TRANSFER = 0x100,
    /// <summary>Reminder.</summary>
    REMINDER = 0x200,
    /// <summary>Unknown.</summary>
    UNKNOWN = 0x400,
    /// <summary>Unavailable.</summary>
    UNAVAIL = 0x800,
    /// <summary>Intrusion.</summary>
    INTRUDE = 0x1000,
    /// <summary>Parked.</summary>
    PARKED = 0x2000,
    /// <summary>Camped on.</summary>
    CAMPEDON = 0x4000,
    /// <summary>Route request.</summary>
    ROUTEREQUEST = 0x8000,
}

/// <summary>LINEMEDIAMODE_* values used by this provider.</summary>
[Flags]
public enum LineMediaMode : uint
{
    /// <summary>Unknown media.</summary>
    UNKNOWN = 0x2,
    /// <summary>Interactive voice: every call of this provider.</summary>
    INTERACTIVEVOICE = 0x4,
    /// <summary>Automated voice.</summary>
    AUTOMATEDVOICE = 0x8,
}

/// <summary>LINEBEARERMODE_* values used by this provider.</summary>
[Flags]
public enum LineBearerMode : uint
{
    /// <summary>Voice.</summary>
    VOICE = 0x1,
    /// <summary>Speech.</summary>
    SPEECH = 0x2,
}

/// <summary>LINECALLPRIVILEGE_* values (also lineOpen privileges).</summary>
[Flags]
public enum LineCallPrivilege : uint
{
    /// <summary>No privilege.</summary>
    NONE = 0x1,
    /// <summary>Monitor: events only.</summary>
    MONITOR = 0x2,
    /// <summary>Owner: may control calls.</summary>
    OWNER = 0x4,
}

/// <summary>LINETRANSFERMODE_* values.</summary>
[Flags]
public enum LineTransferMode : uint
{
    /// <summary>Complete as a transfer.</summary>
    TRANSFER = 0x1,
    /// <summary>Complete as a three-party conference.</summary>
    CONFERENCE = 0x2,
}
