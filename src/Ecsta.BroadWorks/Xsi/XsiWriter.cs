using System.Buffers;
using System.Text;
using Ecsta.BroadWorks.Xml;
using Ecsta.BroadWorks.Xsi.Events;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>
/// Writes XSI documents in the shapes a BroadWorks XSP sends (docs/broadworks.md and the captures in
/// tests/fixtures/broadworks-public): XSD element order, default namespace for request/response documents,
/// <c>xsi:</c>/<c>xsi1:</c> prefixes for events, <c>&lt;?xml version="1.0" encoding="UTF-8"?&gt;</c> first.
/// </summary>
/// <example>
/// <code>
/// byte[] body = XsiWriter.ToBytes(new XsiChannel { ChannelId = id, Expires = 3600 });
/// </code>
/// </example>
public static class XsiWriter
{
    /// <summary>Writes the document to a new byte array.</summary>
    /// <param name="document">The document.</param>
    /// <param name="options">Encoding and declaration options.</param>
    /// <returns>The encoded document.</returns>
    public static byte[] ToBytes(XsiDocument document, XsiWriterOptions? options = null)
    {
        options ??= XsiWriterOptions.Default;
        return options.Encoding.GetBytes(ToXml(document, options));
    }

    /// <summary>Writes the document, encoded, to <paramref name="destination"/>.</summary>
    /// <param name="document">The document.</param>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="options">Encoding and declaration options.</param>
    public static void Write(XsiDocument document, IBufferWriter<byte> destination, XsiWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        options ??= XsiWriterOptions.Default;
        options.Encoding.GetBytes(ToXml(document, options), destination);
    }

    /// <summary>Writes the document, encoded, to <paramref name="destination"/>.</summary>
    /// <param name="document">The document.</param>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="options">Encoding and declaration options.</param>
    public static void Write(XsiDocument document, Stream destination, XsiWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(ToBytes(document, options));
    }

    /// <summary>Writes the document as text (with the declaration naming <see cref="XsiWriterOptions.Encoding"/>).</summary>
    /// <param name="document">The document.</param>
    /// <param name="options">Encoding and declaration options.</param>
    /// <returns>The XML text.</returns>
    public static string ToXml(XsiDocument document, XsiWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        options ??= XsiWriterOptions.Default;
        var w = new XmlTextBuilder(maxDirectChar: MaxDirectChar(options.Encoding));
        if (!options.OmitDeclaration)
        {
            w.Declaration(EncodingName(options.Encoding), options.NewLineAfterDeclaration ?? document is not XsiEvent);
        }

        document.WriteDocument(w);
        return w.ToString();
    }

    /// <summary>Writes the root element only, for embedding (e.g. in an XspXMLInterface payload).</summary>
    internal static void WriteElement(XsiDocument document, XmlTextBuilder w) => document.WriteDocument(w);

    private static int MaxDirectChar(Encoding encoding) => encoding.CodePage switch
    {
        65001 => char.MaxValue,
        28591 => 0xFF,
        20127 => 0x7F,
        _ => throw new ArgumentException($"Encoding {encoding.WebName} is not supported; use UTF-8, ISO-8859-1 or US-ASCII.", nameof(encoding)),
    };

    private static string EncodingName(Encoding encoding) => encoding.CodePage switch
    {
        65001 => "UTF-8",
        28591 => "ISO-8859-1",
        _ => "US-ASCII",
    };
}
