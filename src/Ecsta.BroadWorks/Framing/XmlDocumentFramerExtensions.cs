using Ecsta.BroadWorks.Cti;
using Ecsta.BroadWorks.Xsi;

namespace Ecsta.BroadWorks.Framing;

/// <summary>Reading and writing XspXMLInterface messages through a framer.</summary>
public static class XmlDocumentFramerExtensions
{
    /// <summary>Reads and parses the next message.</summary>
    /// <param name="framer">The framer.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The message, or null when the peer closed the stream between documents.</returns>
    /// <exception cref="XsiFormatException">A malformed or oversized document, or the stream ended inside one.</exception>
    public static async ValueTask<XspMessage?> ReadMessageAsync(this IXmlDocumentFramer framer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(framer);
        var document = await framer.ReadDocumentAsync(cancellationToken).ConfigureAwait(false);
        return document is null
            ? null
            : XspReader.Read(document, new XsiReaderOptions { MaxDocumentBytes = framer.MaxDocumentBytes });
    }

    /// <summary>Writes one message.</summary>
    /// <param name="framer">The framer.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the message is flushed.</returns>
    public static ValueTask WriteMessageAsync(this IXmlDocumentFramer framer, XspMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(framer);
        return framer.WriteDocumentAsync(XspWriter.ToBytes(message), cancellationToken);
    }
}
