using Ecsta.BroadWorks.Xsi;

namespace Ecsta.Simulator.Events;

/// <summary>Where a channel's documents go: the chunked HTTP stream or the CTI socket.</summary>
internal interface IChannelTransport
{
    /// <summary>Queues one document (non-blocking; called under the hub lock).</summary>
    void Send(ChannelMessage message);

    /// <summary>Ends the stream after the queued documents.</summary>
    void Close();

    /// <summary>Drops the connection at once (fault injection), nothing more is sent.</summary>
    void Abort();
}

/// <summary>One document for a channel: a wire-model document, or raw text (fault injection).</summary>
/// <param name="Document">The document.</param>
/// <param name="Raw">Raw text sent as is.</param>
internal sealed record ChannelMessage(XsiDocument? Document, string? Raw = null);
