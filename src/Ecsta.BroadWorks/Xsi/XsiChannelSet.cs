using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>The XSI <c>ChannelSet</c> document (<c>GET channelset/{id}</c>): the set's channels.</summary>
/// <param name="Channels">The channels, each written as <c>channel</c>.</param>
public sealed record XsiChannelSet(ValueList<XsiChannel> Channels) : XsiDocument
{
    internal override string RootName => "ChannelSet";

    internal static XsiChannelSet Read(XmlReader r) => new(XmlRead.List(r, "channel", XsiChannel.Read));

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        foreach (var channel in Channels)
        {
            w.Start(prefix, "channel");
            channel.WriteContent(w, prefix);
            w.End();
        }
    }
}
