using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Xsi;
using Ecsta.Plugins.Transport.Xsi.Events;
using Ecsta.Plugins.Transport.Xsi.Http;

namespace Ecsta.Plugins.Transport.Xsi;

public sealed partial class XsiPlatformLink
{
    /// <summary>
    /// <c>ecsta connection test</c>: each SRV target tried in order with its outcome (and the addresses its name resolved
    /// to), then authentication, then an event channel and a subscription round trip (both deleted again). Independent
    /// of the link's own connection.
    /// </summary>
    public async Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken)
    {
        var steps = new List<ConnectionTestStep>();
        var targets = await ResolveAsync(cancellationToken).ConfigureAwait(false);
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
        try
        {
            channel = await XsiEventChannel.OpenAsync(_requester, good, new XsiChannel { ChannelSetId = $"ecsta-test-{InstanceTag}-{Guid.NewGuid():N}", Priority = 1, Weight = 50, Expires = 60 }, Context.Time, Options.RequestTimeout, Log, cancellationToken).ConfigureAwait(false);
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
            await _requester.SendAsync(new XsiRequest(HttpMethod.Delete, good, XsiPaths.Subscription(granted.SubscriptionId ?? string.Empty)), cancellationToken).ConfigureAwait(false);
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
                await channel.DeleteAsync(cancellationToken).ConfigureAwait(false);
                await channel.DisposeAsync().ConfigureAwait(false);
            }
        }

        return new ConnectionTestResult(steps);
    }
}
