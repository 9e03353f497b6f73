namespace Ecsta.BroadWorks.Xsi;

/// <summary>The XSI call <c>state</c> values, spelled as on the wire.</summary>
public static class XsiCallStates
{
    /// <summary><c>Alerting</c>.</summary>
    public const string Alerting = "Alerting";

    /// <summary><c>Active</c>.</summary>
    public const string Active = "Active";

    /// <summary><c>Held</c>.</summary>
    public const string Held = "Held";

    /// <summary><c>Remote Held</c>.</summary>
    public const string RemoteHeld = "Remote Held";

    /// <summary><c>Detached</c>.</summary>
    public const string Detached = "Detached";

    /// <summary><c>Released</c>.</summary>
    public const string Released = "Released";

    /// <summary><c>Idle</c>.</summary>
    public const string Idle = "Idle";
}
