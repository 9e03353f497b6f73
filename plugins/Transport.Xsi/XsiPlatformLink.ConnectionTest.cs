using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.Plugins.Transport.Xsi.Events;

namespace Ecsta.Plugins.Transport.Xsi;

public sealed partial class XsiPlatformLink
{
    /// <summary>
    /// <c>ecsta connection test</c>: each SRV target tried in order with its outcome (and the addresses its name resolved
    /// to), then authentication, then an event channel and a subscription round trip (both deleted again, after every
    /// event received on the channel was acknowledged: an XSP counts unacknowledged events). Independent of the link's
    /// own connection.
    /// </summary>
    public async Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken)
    {
        var steps = new List<ConnectionTestStep>();
        var (targets, refused) = await ResolveAsync(cancellationToken).ConfigureAwait(false);
        steps.AddRange(refused.Select(t => new ConnectionTestStep("target", false, SrvTargetPolicy.Refusal(t, Options.Host), t)));
        ServiceTarget? good = null;
        foreach (var target in targets)
        {
            var resolved = "";
            try
            {
                resolved = await ResolvedAddressesAsync(target, cancellationToken).ConfigureAwait(false);
                await AuthenticateAsync(target, cancellationToken).ConfigureAwait(false);
                steps.Add(new ConnectionTestStep("target", true, resolved + "answered", target));
                steps.Add(new ConnectionTestStep("authentication", true, $"{Options.UserId} accepted"));
                good = target;
                break;
            }
            catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.Unauthorized)
            {
                steps.Add(new ConnectionTestStep("target", true, resolved + "answered", target));
                steps.Add(new ConnectionTestStep("authentication", false, ex.Message));
                return new ConnectionTestResult(steps);
            }
            catch (PlatformException ex)
            {
                steps.Add(new ConnectionTestStep("target", false, ex.Message, target));
            }
        }

        if (good is null)
        {
            steps.Add(new ConnectionTestStep("authentication", false, "no XSP target answered"));
            return new ConnectionTestResult(steps);
        }

        XsiEventChannel? channel = null;
        var events = new ConnectionTestEvents();
        string? subscriptionId = null;
        try
        {
            channel = await XsiEventChannel.OpenAsync(_requester, good, new XsiChannel { ChannelSetId = $"ecsta-test-{InstanceTag}-{Guid.NewGuid():N}", Priority = 1, Weight = 50, Expires = 60 }, Context.Time, Options.RequestTimeout, Log, cancellationToken).ConfigureAwait(false);
            channel.Start((_, document, _) => ReceivedOnTestChannel(events, document), (_, reason) => Log.Debug("Test channel ended: {Reason}", reason));
            steps.Add(new ConnectionTestStep("channel", true, $"channel {channel.ChannelId} granted for {channel.Expires} s"));
            var target = IsServer
                ? XsiSubscriptionTarget.Group(await GroupAsync((user, ct) => ReadProfileAsync(good, user, ct), _settings.DirectoryUserId ?? Options.UserId, cancellationToken).ConfigureAwait(false))
                : XsiSubscriptionTarget.User(Options.UserId);
            var granted = (await _requester.SendAsync(new XsiRequest(HttpMethod.Post, good, target.Path, new XsiSubscription
            {
                Event = XsiEventPackages.AdvancedCall,
                Expires = 60,
                ChannelSetId = channel.ChannelSetId,
            }), cancellationToken).ConfigureAwait(false)).Read<XsiSubscription>();
            subscriptionId = granted.SubscriptionId ?? string.Empty;

            // A user subscription's initial CallSubscriptionEvent may come after the answer; a group one has none.
            if (!IsServer && !await events.WaitForFirstAsync(subscriptionId, Options.RequestTimeout, Context.Time, cancellationToken).ConfigureAwait(false))
            {
                throw ConnectionTestEvents.InitialEventMissing(subscriptionId, target.Key, channel.ChannelId, Options.RequestTimeout);
            }

            await AcknowledgeAsync(channel.Target, events, cancellationToken).ConfigureAwait(false);
            await _requester.SendAsync(new XsiRequest(HttpMethod.Delete, good, XsiPaths.Subscription(subscriptionId)), cancellationToken).ConfigureAwait(false);
            subscriptionId = null;
            steps.Add(new ConnectionTestStep("subscription", true, $"subscription {granted.SubscriptionId} for {target.Key} created and deleted"));
        }
        catch (PlatformException ex)
        {
            steps.Add(new ConnectionTestStep(channel is null ? "channel" : "subscription", false, ex.Message));
        }
        finally
        {
            if (channel is not null)
            {
                await LeaveTestChannelAsync(good, channel, events, subscriptionId, cancellationToken).ConfigureAwait(false);
            }
        }

        return new ConnectionTestResult(steps);
    }

    /// <summary>Notes every subscription event of the test channel; the test acknowledges them before its DELETEs.</summary>
    private ValueTask ReceivedOnTestChannel(ConnectionTestEvents events, byte[] document)
    {
        try
        {
            if (XsiReader.Read(document) is XsiSubscriptionEvent subscriptionEvent)
            {
                events.Received(subscriptionEvent);
            }
        }
        catch (XsiFormatException ex)
        {
            Log.Debug("Unreadable document on the test channel: {Error}", ex.Message);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Sends the EventResponse of every event received so far, in order, to the XSP of the channel.</summary>
    private async Task AcknowledgeAsync(ServiceTarget xsp, ConnectionTestEvents events, CancellationToken cancellationToken)
    {
        foreach (var received in events.TakeUnacknowledged())
        {
            await _requester.SendAsync(new XsiRequest(HttpMethod.Post, xsp, XsiPaths.EventResponse, new XsiEventResponse(received.EventId)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>After a failed step too, best effort: acknowledges what came, deletes the subscription if it is left, then the channel.</summary>
    private async Task LeaveTestChannelAsync(ServiceTarget good, XsiEventChannel channel, ConnectionTestEvents events, string? subscriptionId, CancellationToken cancellationToken)
    {
        try
        {
            await AcknowledgeAsync(channel.Target, events, cancellationToken).ConfigureAwait(false);
            if (subscriptionId is { Length: > 0 })
            {
                await _requester.SendAsync(new XsiRequest(HttpMethod.Delete, good, XsiPaths.Subscription(subscriptionId)), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (PlatformException ex)
        {
            Log.Debug("Cleaning up after the connection test failed: {Error}", ex.Message);
        }

        await channel.DeleteAsync(cancellationToken).ConfigureAwait(false);
        await channel.DisposeAsync().ConfigureAwait(false);
    }
}
