using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Xsi.Events;

namespace Ecsta.BroadWorks.Link;

/// <summary>
/// The subscription events a connection test's channel received (both transports): the test waits for its user
/// subscription's initial event, which may come before or after the subscription's answer, and acknowledges every
/// event before it deletes the subscription and the channel, because an XSP counts unacknowledged events.
/// </summary>
public sealed class ConnectionTestEvents
{
    private readonly Lock _gate = new();
    private readonly List<XsiSubscriptionEvent> _unacknowledged = [];
    private readonly Dictionary<string, TaskCompletionSource> _firstOf = new(StringComparer.Ordinal);

    /// <summary>An event arrived (over CTI: its eventResponse is written already).</summary>
    public void Received(XsiSubscriptionEvent subscriptionEvent)
    {
        ArgumentNullException.ThrowIfNull(subscriptionEvent);
        lock (_gate)
        {
            _unacknowledged.Add(subscriptionEvent);
            First(subscriptionEvent.SubscriptionId ?? string.Empty).TrySetResult();
        }
    }

    /// <summary>Waits for the first event of a subscription; false when none came within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForFirstAsync(string subscriptionId, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        Task first;
        lock (_gate)
        {
            first = First(subscriptionId).Task;
        }

        try
        {
            await first.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The events received and not yet handed out, in arrival order (the caller acknowledges them).</summary>
    public IReadOnlyList<XsiSubscriptionEvent> TakeUnacknowledged()
    {
        lock (_gate)
        {
            var taken = _unacknowledged.ToList();
            _unacknowledged.Clear();
            return taken;
        }
    }

    /// <summary>The connection test's failure when the initial event did not come: the channel does not deliver.</summary>
    public static PlatformException InitialEventMissing(string subscriptionId, string targetKey, string? channelId, TimeSpan timeout) =>
        new(PlatformErrorKind.Timeout, $"subscription {subscriptionId} for {targetKey} was created, but its initial CallSubscriptionEvent did not arrive on channel {channelId} within {timeout.TotalSeconds:0.###} s");

    private TaskCompletionSource First(string subscriptionId)
    {
        if (!_firstOf.TryGetValue(subscriptionId, out var first))
        {
            _firstOf[subscriptionId] = first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return first;
    }
}
