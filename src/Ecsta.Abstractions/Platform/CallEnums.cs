namespace Ecsta.Abstractions.Platform;

/// <summary>BroadWorks call state (XSI <c>state</c>).</summary>
public enum BroadWorksCallState
{
    /// <summary>A value this SDK does not know.</summary>
    Unknown = 0,
    /// <summary><c>Alerting</c>.</summary>
    Alerting,
    /// <summary><c>Active</c>.</summary>
    Active,
    /// <summary><c>Held</c>: held by this user.</summary>
    Held,
    /// <summary><c>Remote Held</c>: held by the remote party.</summary>
    RemoteHeld,
    /// <summary><c>Detached</c>: no longer with this user (redirected, transferred, taken elsewhere).</summary>
    Detached,
    /// <summary><c>Released</c>.</summary>
    Released,
    /// <summary><c>Idle</c>.</summary>
    Idle,
}

/// <summary>BroadWorks call personality (XSI <c>personality</c>).</summary>
public enum CallPersonality
{
    /// <summary>A value this SDK does not know.</summary>
    Unknown = 0,
    /// <summary><c>Originator</c>: the user placed the call.</summary>
    Originator,
    /// <summary><c>Terminator</c>: the user receives the call.</summary>
    Terminator,
    /// <summary><c>Click-to-Dial</c>: the platform is alerting the user's own phone for a call it will place.</summary>
    ClickToDial,
}

/// <summary>Which side released a call (XSI <c>releasingParty</c>).</summary>
public enum ReleasingParty
{
    /// <summary>Not reported.</summary>
    Unknown = 0,
    /// <summary><c>localRelease</c>.</summary>
    Local,
    /// <summary><c>remoteRelease</c>.</summary>
    Remote,
}

/// <summary>Hook status of a user's device.</summary>
public enum HookStatus
{
    /// <summary>Not reported.</summary>
    Unknown = 0,
    /// <summary><c>On-Hook</c>.</summary>
    OnHook,
    /// <summary><c>Off-Hook</c>.</summary>
    OffHook,
}
