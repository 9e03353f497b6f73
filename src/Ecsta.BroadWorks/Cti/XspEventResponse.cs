using Ecsta.BroadWorks.Xsi;

namespace Ecsta.BroadWorks.Cti;

/// <summary>
/// An XspXMLInterface <c>eventResponse</c>: acknowledges an event on the CTI socket, carrying the same
/// <see cref="XsiEventResponse"/> document the HTTP interface posts (an assumption, see docs/wire-model.md).
/// </summary>
/// <param name="Response">The acknowledgement.</param>
/// <param name="RequestId">The request id, if any.</param>
public sealed record XspEventResponse(XsiEventResponse Response, string? RequestId = null) : XspMessage(XspResponse.DefaultVersion);
