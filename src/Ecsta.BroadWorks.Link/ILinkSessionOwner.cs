using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Link.Subscriptions;

namespace Ecsta.BroadWorks.Link;

/// <summary>What a session (XSI channel set or CTI socket) reports to its link.</summary>
public interface ILinkSessionOwner
{
    /// <summary>An event arrived on the session (in stream order).</summary>
    ValueTask DeliverAsync(LinkSession session, PlatformEvent platformEvent, CancellationToken cancellationToken);

    /// <summary>The session cannot go on (stream or socket closed, heartbeat or keepalive unanswered, channel terminated, 401 …).</summary>
    void Lost(LinkSession session, string reason, PlatformException? error = null);

    /// <summary>A subscription ended on the platform and was set up again: the target's calls must be read afresh.</summary>
    void Resubscribed(LinkSession session, XsiSubscriptionTarget target);
}
