namespace Ecsta.Abstractions.Tapi;

/// <summary>LINEERR_* result codes (tapi.h). TAPI passes them as negative LONGs; the bit pattern is kept here.</summary>
public enum LineErr : uint
{
    /// <summary>Success (not a tapi.h name; 0 in ASYNC_COMPLETION).</summary>
    SUCCESS = 0,
    /// <summary>The line is already open with a conflicting privilege.</summary>
    ALLOCATED = 0x80000001,
    /// <summary>The device id is invalid.</summary>
    BADDEVICEID = 0x80000002,
    /// <summary>No call appearance is free.</summary>
    CALLUNAVAIL = 0x80000005,
    /// <summary>The conference is full.</summary>
    CONFERENCEFULL = 0x80000007,
    /// <summary>The API version is not supported.</summary>
    INCOMPATIBLEAPIVERSION = 0x8000000C,
    /// <summary>The extension version is not supported.</summary>
    INCOMPATIBLEEXTVERSION = 0x8000000D,
    /// <summary>The device is in use.</summary>
    INUSE = 0x8000000F,
    /// <summary>The destination address is invalid.</summary>
    INVALADDRESS = 0x80000010,
    /// <summary>The address id is invalid.</summary>
    INVALADDRESSID = 0x80000011,
    /// <summary>The address mode is invalid.</summary>
    INVALADDRESSMODE = 0x80000012,
    /// <summary>The address states are invalid.</summary>
    INVALADDRESSSTATE = 0x80000013,
    /// <summary>The call handle is invalid.</summary>
    INVALCALLHANDLE = 0x80000018,
    /// <summary>The call select value is invalid.</summary>
    INVALCALLSELECT = 0x8000001B,
    /// <summary>The operation is not allowed in the call's state.</summary>
    INVALCALLSTATE = 0x8000001C,
    /// <summary>The conference call handle is invalid.</summary>
    INVALCONFCALLHANDLE = 0x80000020,
    /// <summary>The consultation call handle is invalid.</summary>
    INVALCONSULTCALLHANDLE = 0x80000021,
    /// <summary>The device class is not supported.</summary>
    INVALDEVICECLASS = 0x80000023,
    /// <summary>The digit mode is not supported.</summary>
    INVALDIGITMODE = 0x80000027,
    /// <summary>The digits hold a character the digit mode cannot send.</summary>
    INVALDIGITS = 0x80000028,
    /// <summary>The line handle is invalid.</summary>
    INVALLINEHANDLE = 0x8000002B,
    /// <summary>The line is out of service.</summary>
    INVALLINESTATE = 0x8000002C,
    /// <summary>The media mode is invalid or not supported.</summary>
    INVALMEDIAMODE = 0x8000002F,
    /// <summary>A parameter is invalid.</summary>
    INVALPARAM = 0x80000032,
    /// <summary>A pointer is invalid.</summary>
    INVALPOINTER = 0x80000035,
    /// <summary>The transfer mode is invalid.</summary>
    INVALTRANSFERMODE = 0x8000003F,
    /// <summary>There is no conference.</summary>
    NOCONFERENCE = 0x80000041,
    /// <summary>The device was removed.</summary>
    NODEVICE = 0x80000042,
    /// <summary>Out of memory.</summary>
    NOMEM = 0x80000044,
    /// <summary>The caller is not an owner of the call.</summary>
    NOTOWNER = 0x80000046,
    /// <summary>The switch refused the operation or did not answer in time.</summary>
    OPERATIONFAILED = 0x80000048,
    /// <summary>The operation is not available.</summary>
    OPERATIONUNAVAIL = 0x80000049,
    /// <summary>A resource (link, seat, monitor) is not available.</summary>
    RESOURCEUNAVAIL = 0x8000004B,
    /// <summary>The structure is too small.</summary>
    STRUCTURETOOSMALL = 0x8000004D,
    /// <summary>The target was not found.</summary>
    TARGETNOTFOUND = 0x8000004E,
    /// <summary>The target is the caller itself.</summary>
    TARGETSELF = 0x8000004F,
    /// <summary>TAPI is not initialized.</summary>
    UNINITIALIZED = 0x80000050,
    /// <summary>User-user info is too big.</summary>
    USERUSERINFOTOOBIG = 0x80000051,
    /// <summary>TAPI must be reinitialized.</summary>
    REINIT = 0x80000052,
    /// <summary>The feature is invalid.</summary>
    INVALFEATURE = 0x80000055,
}
