using System.IO.Pipelines;
using Ecsta.BroadWorks.Xsi;

namespace Ecsta.BroadWorks.Framing;

/// <summary>
/// The default framing: XML documents back to back on the stream, each beginning with its XML declaration; a document
/// ends where its root element closes. Whitespace between documents is ignored on reading.
/// </summary>
public sealed class ConsecutiveXmlDocumentFramer : IXmlDocumentFramer
{
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly XsiChunkSplitter _splitter;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private bool _completed;

    /// <summary>Creates a framer over a stream.</summary>
    /// <param name="stream">The connection.</param>
    /// <param name="maxDocumentBytes">The largest document read or written.</param>
    /// <param name="leaveOpen">Whether disposing the framer leaves the stream open.</param>
    public ConsecutiveXmlDocumentFramer(Stream stream, int maxDocumentBytes = XsiReaderOptions.DefaultMaxDocumentBytes, bool leaveOpen = false)
        : this(
            PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: leaveOpen)),
            PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: leaveOpen)),
            maxDocumentBytes)
    {
    }

    /// <summary>Creates a framer over a pipe (e.g. a Kestrel connection's transport).</summary>
    /// <param name="reader">Where documents are read from.</param>
    /// <param name="writer">Where documents are written to.</param>
    /// <param name="maxDocumentBytes">The largest document read or written.</param>
    public ConsecutiveXmlDocumentFramer(PipeReader reader, PipeWriter writer, int maxDocumentBytes = XsiReaderOptions.DefaultMaxDocumentBytes)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(writer);
        _reader = reader;
        _writer = writer;
        MaxDocumentBytes = maxDocumentBytes;
        _splitter = new XsiChunkSplitter(maxDocumentBytes);
    }

    /// <inheritdoc/>
    public int MaxDocumentBytes { get; }

    /// <inheritdoc/>
    public async ValueTask<byte[]?> ReadDocumentAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_splitter.TryReadDocument(out var document))
            {
                return document;
            }

            if (_completed)
            {
                return _splitter.InDocument
                    ? throw new XsiFormatException("The stream ended inside a document.")
                    : null;
            }

            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The pending read was cancelled.");
            }

            var buffer = result.Buffer;
            try
            {
                foreach (var segment in buffer)
                {
                    _splitter.Append(segment.Span);
                }
            }
            finally
            {
                _reader.AdvanceTo(buffer.End);
            }

            _completed = result.IsCompleted;
        }
    }

    /// <inheritdoc/>
    public async ValueTask WriteDocumentAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken = default)
    {
        if (document.Length > MaxDocumentBytes)
        {
            throw new ArgumentException($"The document has {document.Length} bytes, more than the limit of {MaxDocumentBytes}.", nameof(document));
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _writer.WriteAsync(document, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync().ConfigureAwait(false);
        await _writer.CompleteAsync().ConfigureAwait(false);
        _writeLock.Dispose();
    }
}

/// <summary>Creates <see cref="ConsecutiveXmlDocumentFramer"/> instances.</summary>
/// <param name="maxDocumentBytes">The largest document read or written.</param>
public sealed class ConsecutiveXmlDocumentFramerFactory(int maxDocumentBytes = XsiReaderOptions.DefaultMaxDocumentBytes) : IXmlDocumentFramerFactory
{
    /// <inheritdoc/>
    public IXmlDocumentFramer Create(Stream stream, bool leaveOpen = false) =>
        new ConsecutiveXmlDocumentFramer(stream, maxDocumentBytes, leaveOpen);
}
