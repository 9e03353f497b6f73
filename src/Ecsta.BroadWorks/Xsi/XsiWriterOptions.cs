using System.Text;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>How <see cref="XsiWriter"/> writes documents.</summary>
public sealed record XsiWriterOptions
{
    /// <summary>The defaults: UTF-8 without BOM, the XSP's line breaks.</summary>
    public static XsiWriterOptions Default { get; } = new();

    /// <summary>The encoding: UTF-8 (default), ISO-8859-1 (<see cref="Encoding.Latin1"/>) or US-ASCII. Characters it cannot hold become character references.</summary>
    public Encoding Encoding { get; init; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Whether a line feed follows the XML declaration. Null (default) does what the XSP does: a line feed for
    /// request/response documents and <c>ChannelHeartBeat</c>, none for <c>xsi:Event</c>.
    /// </summary>
    public bool? NewLineAfterDeclaration { get; init; }

    /// <summary>Whether to leave out the XML declaration.</summary>
    public bool OmitDeclaration { get; init; }
}
