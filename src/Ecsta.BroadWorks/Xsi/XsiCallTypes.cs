namespace Ecsta.BroadWorks.Xsi;

/// <summary>The XSI <c>callType</c> values.</summary>
public static class XsiCallTypes
{
    /// <summary>A party of the same group.</summary>
    public const string Group = "Group";

    /// <summary>A party of the same enterprise.</summary>
    public const string Enterprise = "Enterprise";

    /// <summary>An external party.</summary>
    public const string Network = "Network";

    /// <summary>Not known (e.g. the dialled number of a click-to-dial call).</summary>
    public const string Unknown = "Unknown";
}
