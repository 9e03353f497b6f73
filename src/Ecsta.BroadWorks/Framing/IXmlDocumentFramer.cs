namespace Ecsta.BroadWorks.Framing;

/// <summary>
/// Reads and writes whole XML documents on a persistent byte stream (the CTI socket, and the simulator's side of it).
/// Swappable, because the CTI interface's byte framing is not public: the default,
/// <see cref="ConsecutiveXmlDocumentFramer"/>, sends documents back to back, each starting with its XML declaration.
/// Reads are not concurrent (one reader loop); writes may come from several tasks and are serialized.
/// </summary>
public interface IXmlDocumentFramer : IAsyncDisposable
{
    /// <summary>The largest document read or written, in bytes.</summary>
    int MaxDocumentBytes { get; }

    /// <summary>Reads the next complete document.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The document's bytes, or null when the peer closed the stream between documents.</returns>
    /// <exception cref="Xsi.XsiFormatException">The stream ended inside a document, a document was too large, or bytes cannot start one.</exception>
    ValueTask<byte[]?> ReadDocumentAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes one complete document and flushes it.</summary>
    /// <param name="document">The encoded document (with its XML declaration).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ArgumentException">The document is larger than <see cref="MaxDocumentBytes"/>.</exception>
    ValueTask WriteDocumentAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken = default);
}

/// <summary>Creates a framer for each new connection; register another implementation to change the framing.</summary>
public interface IXmlDocumentFramerFactory
{
    /// <summary>Creates a framer over a connected stream.</summary>
    /// <param name="stream">The connection (e.g. a NetworkStream or SslStream).</param>
    /// <param name="leaveOpen">Whether disposing the framer leaves the stream open.</param>
    /// <returns>The framer.</returns>
    IXmlDocumentFramer Create(Stream stream, bool leaveOpen = false);
}
