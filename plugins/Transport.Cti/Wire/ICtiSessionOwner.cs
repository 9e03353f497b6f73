using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.Plugins.Transport.Xsi.Events;

namespace Ecsta.Plugins.Transport.Cti.Wire;

/// <summary>What a CTI session reports to its link.</summary>
internal interface ICtiSessionOwner
{
    /// <summary>An event arrived on the session's socket (in order).</summary>
    ValueTask DeliverAsync(CtiSession session, PlatformEvent platformEvent, CancellationToken cancellationToken);

    /// <summary>The session cannot go on (socket closed, keepalives unanswered, channel terminated, 401 …).</summary>
    void Lost(CtiSession session, string reason, PlatformException? error = null);

    /// <summary>A subscription ended on the platform and was set up again: the target's calls must be read afresh.</summary>
    void Resubscribed(CtiSession session, XsiSubscriptionTarget target);
}
