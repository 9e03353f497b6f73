using Ecsta.BroadWorks.Xsi.Events;

namespace Ecsta.BroadWorks.Cti;

/// <summary>An XspXMLInterface <c>event</c>: an <c>xsi:Event</c> pushed on the CTI socket.</summary>
/// <param name="Event">The event.</param>
/// <param name="RequestId">The request id, if the server sets one.</param>
public sealed record XspEvent(XsiEvent Event, string? RequestId = null) : XspMessage(XspResponse.DefaultVersion);
