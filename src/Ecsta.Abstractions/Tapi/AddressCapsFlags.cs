namespace Ecsta.Abstractions.Tapi;

/// <summary>LINEADDRFEATURE_* values.</summary>
[Flags]
public enum LineAddrFeature : uint
{
    /// <summary>lineForward.</summary>
    FORWARD = 0x1,
    /// <summary>lineMakeCall.</summary>
    MAKECALL = 0x2,
    /// <summary>linePickup.</summary>
    PICKUP = 0x4,
    /// <summary>lineSetMediaControl.</summary>
    SETMEDIACONTROL = 0x8,
    /// <summary>lineSetTerminal.</summary>
    SETTERMINAL = 0x10,
    /// <summary>lineSetupConference.</summary>
    SETUPCONF = 0x20,
    /// <summary>lineUncompleteCall.</summary>
    UNCOMPLETECALL = 0x40,
    /// <summary>lineUnpark.</summary>
    UNPARK = 0x80,
    /// <summary>Pickup of held calls.</summary>
    PICKUPHELD = 0x100,
    /// <summary>Group pickup.</summary>
    PICKUPGROUP = 0x200,
    /// <summary>Directed pickup.</summary>
    PICKUPDIRECT = 0x400,
    /// <summary>Pickup of waiting calls.</summary>
    PICKUPWAITING = 0x800,
    /// <summary>lineForward with a destination.</summary>
    FORWARDFWD = 0x1000,
    /// <summary>lineForward with an empty destination: do not disturb.</summary>
    FORWARDDND = 0x2000,
}

/// <summary>LINEADDRCAPFLAGS_* values.</summary>
[Flags]
public enum LineAddrCapFlags : uint
{
    /// <summary>Number of rings for no-answer forwarding can be set.</summary>
    FWDNUMRINGS = 0x1,
    /// <summary>Pickup of a call's group.</summary>
    PICKUPGROUPID = 0x2,
    /// <summary>Secure calls.</summary>
    SECURE = 0x4,
    /// <summary>Blocking caller id.</summary>
    BLOCKIDDEFAULT = 0x8,
    /// <summary>Blocking caller id override.</summary>
    BLOCKIDOVERRIDE = 0x10,
    /// <summary>Dialled.</summary>
    DIALED = 0x20,
    /// <summary>Originating address.</summary>
    ORIGOFFHOOK = 0x40,
    /// <summary>Destination off hook.</summary>
    DESTOFFHOOK = 0x80,
    /// <summary>Forward consultation call.</summary>
    FWDCONSULT = 0x100,
    /// <summary>Set up conference with no calls.</summary>
    SETUPCONFNULL = 0x200,
    /// <summary>Auto-reconnect.</summary>
    AUTORECONNECT = 0x400,
    /// <summary>Completion id.</summary>
    COMPLETIONID = 0x800,
    /// <summary>Transfer a plain held call (lineHold + lineMakeCall + lineCompleteTransfer).</summary>
    TRANSFERHELD = 0x1000,
    /// <summary>Transfer made with lineMakeCall.</summary>
    TRANSFERMAKE = 0x2000,
    /// <summary>Conference a plain held call.</summary>
    CONFERENCEHELD = 0x4000,
    /// <summary>Conference made with lineMakeCall.</summary>
    CONFERENCEMAKE = 0x8000,
    /// <summary>Partial dialling.</summary>
    PARTIALDIAL = 0x10000,
    /// <summary>The forward status is valid.</summary>
    FWDSTATUSVALID = 0x20000,
    /// <summary>Forward to internal/external addresses.</summary>
    FWDINTEXTADDR = 0x40000,
    /// <summary>Busy/no-answer forwarding to one address.</summary>
    FWDBUSYNAADDR = 0x80000,
}

/// <summary>LINEFEATURE_* values (line device features).</summary>
[Flags]
public enum LineFeature : uint
{
    /// <summary>lineDevSpecific.</summary>
    DEVSPECIFIC = 0x1,
    /// <summary>lineDevSpecificFeature.</summary>
    DEVSPECIFICFEAT = 0x2,
    /// <summary>lineForward.</summary>
    FORWARD = 0x4,
    /// <summary>lineMakeCall.</summary>
    MAKECALL = 0x8,
    /// <summary>lineSetMediaControl.</summary>
    SETMEDIACONTROL = 0x10,
    /// <summary>lineSetTerminal.</summary>
    SETTERMINAL = 0x20,
    /// <summary>lineSetDevConfig.</summary>
    SETDEVSTATUS = 0x40,
    /// <summary>lineForward with a destination.</summary>
    FORWARDFWD = 0x80,
    /// <summary>lineForward for do not disturb.</summary>
    FORWARDDND = 0x100,
}
