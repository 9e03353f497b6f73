namespace Ecsta.Abstractions.Tapi;

/// <summary>LINECALLSTATE_* values from tapi.h.</summary>
[Flags]
public enum LineCallState : uint
{
    /// <summary>No call: terminal, a call never leaves it.</summary>
    IDLE = 0x00000001,
    /// <summary>An incoming call is alerting.</summary>
    OFFERING = 0x00000002,
    /// <summary>An offered call was accepted.</summary>
    ACCEPTED = 0x00000004,
    /// <summary>The call has dial tone.</summary>
    DIALTONE = 0x00000008,
    /// <summary>Digits are being sent.</summary>
    DIALING = 0x00000010,
    /// <summary>The far end is alerting.</summary>
    RINGBACK = 0x00000020,
    /// <summary>The far end is busy.</summary>
    BUSY = 0x00000040,
    /// <summary>Special information tone.</summary>
    SPECIALINFO = 0x00000080,
    /// <summary>The call is established.</summary>
    CONNECTED = 0x00000100,
    /// <summary>Dialling has completed and the call is proceeding.</summary>
    PROCEEDING = 0x00000200,
    /// <summary>The call is on hold.</summary>
    ONHOLD = 0x00000400,
    /// <summary>The call is a member of a conference.</summary>
    CONFERENCED = 0x00000800,
    /// <summary>Held while a conference is being set up.</summary>
    ONHOLDPENDCONF = 0x00001000,
    /// <summary>Held while a transfer is being set up.</summary>
    ONHOLDPENDTRANSFER = 0x00002000,
    /// <summary>The far end disconnected.</summary>
    DISCONNECTED = 0x00004000,
    /// <summary>State not known.</summary>
    UNKNOWN = 0x00008000,
}
