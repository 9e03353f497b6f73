namespace Ecsta.BroadWorks.Cti;

/// <summary>
/// A message of the XspXMLInterface envelope carried on the CTI socket (docs/broadworks.md §7): <see cref="XspRequest"/>,
/// <see cref="XspResponse"/>, <see cref="XspEvent"/> or <see cref="XspEventResponse"/>. Read with
/// <see cref="XspReader"/>, write with <see cref="XspWriter"/>.
/// </summary>
public abstract record XspMessage
{
    private protected XspMessage(string version) => Version = version;

    /// <summary>The <c>version</c> attribute (requests default to <c>18.0</c>, the others to <c>17.0</c>).</summary>
    public string Version { get; init; }
}
