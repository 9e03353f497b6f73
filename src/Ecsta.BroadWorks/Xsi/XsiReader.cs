using System.Runtime.InteropServices;
using System.Text;
using System.Xml;
using Ecsta.BroadWorks.Xml;
using Ecsta.BroadWorks.Xsi.Directory;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.BroadWorks.Xsi.Services;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>
/// Reads XSI documents with a pull parser: the XML declaration's encoding is honoured, DTDs are refused, no
/// external resources are resolved, sizes are bounded, namespace prefixes do not matter, unknown elements are
/// skipped. Every failure is an <see cref="XsiFormatException"/>.
/// </summary>
/// <example>
/// <code>
/// switch (XsiReader.Read(chunk))
/// {
///     case XsiSubscriptionEvent e: …; break;
///     case XsiChannelHeartBeat: …; break;
/// }
/// var channel = XsiReader.Read&lt;XsiChannel&gt;(body);
/// </code>
/// </example>
public static class XsiReader
{
    /// <summary>Reads one document from its bytes.</summary>
    /// <param name="document">The encoded document.</param>
    /// <param name="options">Limits; <see cref="XsiReaderOptions.Default"/> when null.</param>
    /// <returns>The document, e.g. an <see cref="XsiSubscriptionEvent"/>.</returns>
    /// <exception cref="XsiFormatException">Malformed, too large, with a DTD, or not an XSI document.</exception>
    public static XsiDocument Read(ReadOnlyMemory<byte> document, XsiReaderOptions? options = null) =>
        ReadBytes(document, options, ReadDocument);

    /// <summary>Reads one document from a stream (until its end), refusing more than the size limit.</summary>
    /// <param name="stream">The encoded document.</param>
    /// <param name="options">Limits; <see cref="XsiReaderOptions.Default"/> when null.</param>
    /// <returns>The document.</returns>
    /// <exception cref="XsiFormatException">Malformed, too large, with a DTD, or not an XSI document.</exception>
    public static XsiDocument Read(Stream stream, XsiReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= XsiReaderOptions.Default;
        using var bounded = new BoundedReadStream(stream, options.MaxDocumentBytes);
        return ReadFrom(bounded, options);
    }

    /// <summary>Reads one document from text (its declaration's encoding is irrelevant then).</summary>
    /// <param name="xml">The document text.</param>
    /// <param name="options">Limits; <see cref="XsiReaderOptions.Default"/> when null.</param>
    /// <returns>The document.</returns>
    /// <exception cref="XsiFormatException">Malformed, too large, with a DTD, or not an XSI document.</exception>
    public static XsiDocument Read(string xml, XsiReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        options ??= XsiReaderOptions.Default;
        CheckSize(xml.Length, options);
        using var text = new StringReader(xml);
        return Guard(() =>
        {
            using var reader = XmlReader.Create(text, XmlRead.Settings(options.MaxDocumentBytes));
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                throw new XsiFormatException("The document has no root element.");
            }

            var document = ReadElement(reader);
            while (reader.Read())
            {
            }

            return document;
        });
    }

    /// <summary>Reads one document that must be a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The expected document type.</typeparam>
    /// <param name="document">The encoded document.</param>
    /// <param name="options">Limits.</param>
    /// <returns>The document.</returns>
    /// <exception cref="XsiFormatException">Malformed, or another kind of document.</exception>
    public static T Read<T>(ReadOnlyMemory<byte> document, XsiReaderOptions? options = null)
        where T : XsiDocument => Expect<T>(Read(document, options));

    /// <summary>Reads one document that must be a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The expected document type.</typeparam>
    /// <param name="stream">The encoded document.</param>
    /// <param name="options">Limits.</param>
    /// <returns>The document.</returns>
    /// <exception cref="XsiFormatException">Malformed, or another kind of document.</exception>
    public static T Read<T>(Stream stream, XsiReaderOptions? options = null)
        where T : XsiDocument => Expect<T>(Read(stream, options));

    /// <summary>Reads one document that must be a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The expected document type.</typeparam>
    /// <param name="xml">The document text.</param>
    /// <param name="options">Limits.</param>
    /// <returns>The document.</returns>
    /// <exception cref="XsiFormatException">Malformed, or another kind of document.</exception>
    public static T Read<T>(string xml, XsiReaderOptions? options = null)
        where T : XsiDocument => Expect<T>(Read(xml, options));

    /// <summary>Reads the root element the reader is positioned on (used for embedded payloads).</summary>
    internal static XsiDocument ReadElement(XmlReader r)
    {
        if (!XmlRead.IsXsi(r))
        {
            throw new XsiFormatException($"<{r.LocalName}> in namespace '{r.NamespaceURI}' is not an XSI document.");
        }

        return r.LocalName switch
        {
            "Event" => XsiEvent.Read(r),
            "Channel" => XsiChannel.Read(r),
            "ChannelSet" => XsiChannelSet.Read(r),
            "ChannelHeartBeat" or "ChannelHeartbeat" => SkipAnd(r, XsiChannelHeartBeat.Instance),
            "Subscription" => XsiSubscription.Read(r),
            "EventResponse" => XsiEventResponse.Read(r),
            "CallStartInfo" => XsiCallStartInfo.Read(r),
            "Calls" => XsiCalls.Read(r),
            "Call" => XsiCall.Read(r),
            "Conference" => XsiConference.Read(r),
            "HookStatus" => XsiHookStatus.Read(r),
            "Profile" => XsiProfile.Read(r),
            "Group" => XsiDirectoryPage.Read(r, XsiDirectoryKind.Group),
            "Enterprise" => XsiDirectoryPage.Read(r, XsiDirectoryKind.Enterprise),
            "ErrorInfo" => XsiErrorInfo.Read(r),
            "Versions" => XsiVersions.Read(r),
            var name => XsiServiceDocument.Read(r, name)
                ?? throw new XsiFormatException($"<{name}> is not a document this model knows."),
        };
    }

    /// <summary>Parses bytes with the safe settings, mapping every parser failure to <see cref="XsiFormatException"/>.</summary>
    internal static T ReadBytes<T>(ReadOnlyMemory<byte> document, XsiReaderOptions? options, Func<XmlReader, T> readRoot)
    {
        options ??= XsiReaderOptions.Default;
        CheckSize(document.Length, options);
        var stream = MemoryMarshal.TryGetArray(document, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(document.ToArray(), writable: false);
        using (stream)
        {
            return ReadFrom(stream, options, readRoot);
        }
    }

    private static XsiDocument ReadFrom(Stream stream, XsiReaderOptions options) => ReadFrom(stream, options, ReadDocument);

    private static T ReadFrom<T>(Stream stream, XsiReaderOptions options, Func<XmlReader, T> readRoot) => Guard(() =>
    {
        using var reader = XmlReader.Create(stream, XmlRead.Settings(options.MaxDocumentBytes));
        if (reader.MoveToContent() != XmlNodeType.Element)
        {
            throw new XsiFormatException("The document has no root element.");
        }

        var document = readRoot(reader);

        // Anything after the root except whitespace/comments makes the document malformed; let the parser say so.
        while (reader.Read())
        {
        }

        return document;
    });

    private static XsiDocument ReadDocument(XmlReader reader) => ReadElement(reader);

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (XmlException e)
        {
            throw new XsiFormatException($"Malformed XML: {e.Message}", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new XsiFormatException($"The document's bytes do not match its encoding: {e.Message}", e);
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            // XmlReader reports an unsupported encoding name this way.
            throw new XsiFormatException($"The document cannot be decoded: {e.Message}", e);
        }
    }

    private static XsiDocument SkipAnd(XmlReader r, XsiDocument document)
    {
        r.Skip();
        return document;
    }

    private static T Expect<T>(XsiDocument document)
        where T : XsiDocument => document as T
        ?? throw new XsiFormatException($"Expected a {typeof(T).Name} document but got <{document.RootName}>.");

    private static void CheckSize(int length, XsiReaderOptions options)
    {
        if (length > options.MaxDocumentBytes)
        {
            throw new XsiFormatException($"The document has {length} bytes, more than the limit of {options.MaxDocumentBytes}.");
        }
    }
}
