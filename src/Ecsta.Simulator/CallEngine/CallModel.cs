namespace Ecsta.Simulator.CallEngine;

/// <summary>Personality of a BroadWorks call half (XSD enum, wire strings via <see cref="CallWireNames"/>).</summary>
public enum CallPersonality
{
    /// <summary>The user originated the call.</summary>
    Originator,

    /// <summary>The user receives the call.</summary>
    Terminator,

    /// <summary>Click-to-dial: the user's own phone is being alerted.</summary>
    ClickToDial,
}

/// <summary>State of a BroadWorks call half.</summary>
public enum CallState
{
    /// <summary>Ringing.</summary>
    Alerting,

    /// <summary>Connected.</summary>
    Active,

    /// <summary>Held by this user.</summary>
    Held,

    /// <summary>Held by the (internal) remote party.</summary>
    RemoteHeld,

    /// <summary>No longer connected to this user (redirected or picked up elsewhere).</summary>
    Detached,

    /// <summary>Ended.</summary>
    Released,
}

/// <summary>The wire spellings of the engine enums.</summary>
public static class CallWireNames
{
    /// <summary>Wire name of a personality.</summary>
    public static string ToWire(this CallPersonality personality) => personality switch
    {
        CallPersonality.Originator => "Originator",
        CallPersonality.Terminator => "Terminator",
        _ => "Click-to-Dial",
    };

    /// <summary>Wire name of a state.</summary>
    public static string ToWire(this CallState state) => state switch
    {
        CallState.Alerting => "Alerting",
        CallState.Active => "Active",
        CallState.Held => "Held",
        CallState.RemoteHeld => "Remote Held",
        CallState.Detached => "Detached",
        _ => "Released",
    };

    /// <summary>True while the call half still exists for the user.</summary>
    public static bool IsLive(this CallState state) => state is not (CallState.Detached or CallState.Released);
}
