using System.Buffers.Binary;

namespace Ecsta.Host.Api.Bridge;

/// <summary>
/// The native bridge's framing: each message is a 4-byte big-endian length N (1 ≤ N ≤ the limit) followed by N bytes
/// of UTF-8 JSON. A length of 0 or over the limit is a protocol error: the connection ends, nothing is buffered.
/// </summary>
internal static class BridgeFrames
{
    /// <summary>The largest frame either side sends (the WebSocket's message limit applies to the JSON-RPC frames too).</summary>
    public const int MaxFrameBytes = 4 * 1024 * 1024;

    /// <summary>Reads one frame; null at a clean end of the stream before a frame began.</summary>
    /// <exception cref="InvalidDataException">The length is 0 or over <paramref name="maxBytes"/>, or the stream ends inside a frame.</exception>
    public static async Task<byte[]?> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < header.Length)
        {
            throw new InvalidDataException("the connection ended inside a frame's length");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (length == 0 || length > (uint)maxBytes)
        {
            throw new InvalidDataException($"a frame of {length} bytes is outside 1..{maxBytes}");
        }

        var body = new byte[length];
        if (await stream.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < body.Length)
        {
            throw new InvalidDataException("the connection ended inside a frame");
        }

        return body;
    }

    /// <summary>Writes <paramref name="body"/> as one frame.</summary>
    public static async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (body.Length is 0 or > MaxFrameBytes)
        {
            throw new InvalidDataException($"a frame of {body.Length} bytes is outside 1..{MaxFrameBytes}");
        }

        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)body.Length);
        await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
