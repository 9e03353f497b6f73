using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Plugins.Transport.Xsi.Events;

/// <summary>What a session reports to its link.</summary>
internal interface IXsiSessionOwner
{
    /// <summary>An event arrived on one of the session's channels (in stream order).</summary>
    ValueTask DeliverAsync(XsiSession session, PlatformEvent platformEvent, CancellationToken cancellationToken);

    /// <summary>The session cannot go on (stream closed, heartbeat unanswered, channel terminated, 401 …).</summary>
    void Lost(XsiSession session, string reason, PlatformException? error = null);

    /// <summary>A subscription ended on the platform and was set up again: the target's calls must be read afresh.</summary>
    void Resubscribed(XsiSession session, XsiSubscriptionTarget target);
}
