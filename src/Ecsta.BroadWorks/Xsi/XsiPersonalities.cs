namespace Ecsta.BroadWorks.Xsi;

/// <summary>The XSI call <c>personality</c> values and <c>releasingParty</c> values, spelled as on the wire.</summary>
public static class XsiPersonalities
{
    /// <summary><c>Originator</c>.</summary>
    public const string Originator = "Originator";

    /// <summary><c>Terminator</c>.</summary>
    public const string Terminator = "Terminator";

    /// <summary><c>Click-to-Dial</c>.</summary>
    public const string ClickToDial = "Click-to-Dial";

    /// <summary><c>releasingParty</c> <c>localRelease</c>.</summary>
    public const string LocalRelease = "localRelease";

    /// <summary><c>releasingParty</c> <c>remoteRelease</c>.</summary>
    public const string RemoteRelease = "remoteRelease";
}
