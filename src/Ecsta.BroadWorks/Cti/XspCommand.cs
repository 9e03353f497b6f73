using Ecsta.BroadWorks.Xsi;

namespace Ecsta.BroadWorks.Cti;

/// <summary>
/// The <c>RequestPayload</c> of a request: an Xsi command tunnelled over the CTI socket (uri + HTTP-like method +
/// version, optional parameters and body document).
/// </summary>
/// <param name="Uri">The Xsi resource, e.g. <c>/com.broadsoft.xsi-actions/v2.0/user/u@x/calls/new</c>; may carry a query string.</param>
/// <param name="Method"><c>GET</c>, <c>POST</c>, <c>PUT</c> or <c>DELETE</c>.</param>
/// <param name="ProtocolVersion">The BroadWorks protocol version (<c>version</c>), e.g. <c>21.0</c>.</param>
public sealed record XspCommand(string Uri, string Method, string? ProtocolVersion = null)
{
    /// <summary>The parameters (<c>params</c>); empty when absent.</summary>
    public ValueList<XspParam> Params { get; init; } = ValueList<XspParam>.Empty;

    /// <summary>The body document (the nested <c>payload</c>), if any.</summary>
    public XsiDocument? Document { get; init; }
}
