using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>
/// The <c>&lt;ChannelHeartBeat xmlns="http://schema.broadsoft.com/xsi"/&gt;</c> chunk the server writes on the
/// channel after each heartbeat request. The reader also accepts the spelling <c>ChannelHeartbeat</c>.
/// </summary>
public sealed record XsiChannelHeartBeat : XsiDocument
{
    /// <summary>The one instance.</summary>
    public static XsiChannelHeartBeat Instance { get; } = new();

    internal override string RootName => "ChannelHeartBeat";

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
    }
}
