using System.Diagnostics.CodeAnalysis;
using Ecsta.BroadWorks.Xsi;

namespace Ecsta.BroadWorks.Framing;

/// <summary>
/// Splits the body of the Xsi-Events streaming channel into complete XML documents: a document may straddle chunks,
/// a chunk may hold several documents, and a document is recognised as complete when its root element closes (no
/// need to wait for the next <c>&lt;?xml</c>). Not thread-safe: one splitter per channel.
/// </summary>
/// <example>
/// <code>
/// var splitter = new XsiChunkSplitter();
/// splitter.Append(chunk);
/// while (splitter.TryReadDocument(out var document))
/// {
///     var parsed = XsiReader.Read(document);
/// }
/// </code>
/// </example>
public sealed class XsiChunkSplitter
{
    private readonly XmlDocumentBoundaryScanner _scanner = new();
    private readonly Queue<byte[]> _ready = new();
    private readonly int _maxDocumentBytes;
    private byte[] _pending = new byte[4096];
    private int _pendingLength;

    /// <summary>Creates a splitter.</summary>
    /// <param name="maxDocumentBytes">The largest document accepted; a larger one makes <see cref="Append"/> throw.</param>
    public XsiChunkSplitter(int maxDocumentBytes = XsiReaderOptions.DefaultMaxDocumentBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDocumentBytes, 1);
        _maxDocumentBytes = maxDocumentBytes;
    }

    /// <summary>Bytes of a document whose end has not arrived yet.</summary>
    public int PendingBytes => _pendingLength;

    /// <summary>Whether the bytes so far end inside a document.</summary>
    public bool InDocument => _scanner.InDocument;

    /// <summary>Adds the next bytes of the stream.</summary>
    /// <param name="chunk">The bytes, of any length.</param>
    /// <exception cref="XsiFormatException">
    /// A document grew beyond the limit, or bytes between documents cannot start one. The stream cannot be
    /// resynchronised after this; drop the connection.
    /// </exception>
    public void Append(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var consumed = _scanner.Scan(chunk, out var skipped, out var completed);
            var part = chunk[skipped..consumed];
            if (_pendingLength + part.Length > _maxDocumentBytes)
            {
                throw new XsiFormatException($"A document on the stream is larger than the limit of {_maxDocumentBytes} bytes.");
            }

            if (completed && _pendingLength == 0)
            {
                _ready.Enqueue(part.ToArray());
            }
            else
            {
                Keep(part);
                if (completed)
                {
                    _ready.Enqueue(_pending.AsSpan(0, _pendingLength).ToArray());
                    _pendingLength = 0;
                }
            }

            chunk = chunk[consumed..];
        }
    }

    /// <summary>Takes the next complete document, if any.</summary>
    /// <param name="document">The document's bytes, starting with <c>&lt;</c> (usually <c>&lt;?xml</c>).</param>
    /// <returns>Whether a document was complete.</returns>
    public bool TryReadDocument([NotNullWhen(true)] out byte[]? document) => _ready.TryDequeue(out document);

    private void Keep(ReadOnlySpan<byte> part)
    {
        if (_pendingLength + part.Length > _pending.Length)
        {
            var size = Math.Min(Math.Max(_pending.Length * 2, _pendingLength + part.Length), _maxDocumentBytes);
            Array.Resize(ref _pending, size);
        }

        part.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += part.Length;
    }
}
