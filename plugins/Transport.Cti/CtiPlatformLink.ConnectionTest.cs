using Ecsta.Abstractions.Transports;
using Ecsta.Plugins.Transport.Cti.Protocol;

namespace Ecsta.Plugins.Transport.Cti;

public sealed partial class CtiPlatformLink
{
    /// <summary>
    /// <c>ecsta connection test</c>: each SRV target tried in order with its outcome (the addresses its name resolved
    /// to, TCP/TLS connect), then authentication on the socket, an event channel and a subscription round trip (both
    /// deleted again, after every event received was acknowledged on the socket: an XSP counts unacknowledged events),
    /// then the HTTP side channel's reachability. Independent of the link's own connection.
    /// </summary>
    public async Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken)
    {
        var steps = new List<ConnectionTestStep>();
        var (targets, refused) = await ResolveAsync(cancellationToken).ConfigureAwait(false);
        steps.AddRange(refused.Select(t => new ConnectionTestStep("target", false, SrvTargetPolicy.Refusal(t, Options.Host), t)));
        CtiSession? session = null;
        var events = new ConnectionTestEvents();
        try
        {
            foreach (var target in targets)
            {
                try
                {
                    var resolved = await ResolvedAddressesAsync(target, cancellationToken).ConfigureAwait(false);
                    session = await OpenSessionAsync(target, cancellationToken).ConfigureAwait(false);
                    session.Acknowledged = events.Received;
                    steps.Add(new ConnectionTestStep("target", true, resolved + (IsSecure ? "TLS connection established" : "TCP connection established"), target));
                    break;
                }
                catch (PlatformException ex)
                {
                    steps.Add(new ConnectionTestStep("target", false, ex.Message, target));
                }
            }

            if (session is null)
            {
                steps.Add(new ConnectionTestStep("authentication", false, "no XSP target answered"));
                return new ConnectionTestResult(steps);
            }

            try
            {
                await AuthenticateAsync(session, cancellationToken).ConfigureAwait(false);
                steps.Add(new ConnectionTestStep("authentication", true, $"{Options.UserId} accepted"));
            }
            catch (PlatformException ex)
            {
                steps.Add(new ConnectionTestStep("authentication", false, ex.Message));
                return new ConnectionTestResult(steps);
            }

            string? channelId = null;
            try
            {
                await session.OpenChannelAsync(cancellationToken).ConfigureAwait(false);
                channelId = session.ChannelId;
                steps.Add(new ConnectionTestStep("channel", true, $"channel {channelId} bound to the CTI connection"));
                var target = IsServer
                    ? XsiSubscriptionTarget.Group(await GroupAsync(session, _settings.Shared.DirectoryUserId ?? Options.UserId, cancellationToken).ConfigureAwait(false))
                    : XsiSubscriptionTarget.User(Options.UserId);
                var response = await session.SendAsync("POST", target.Path, cancellationToken, new XsiSubscription
                {
                    Event = XsiEventPackages.AdvancedCall,
                    Expires = 60,
                    ChannelSetId = session.ChannelSetId,
                }).ConfigureAwait(false);
                var id = (response.Document as XsiSubscription)?.SubscriptionId ?? string.Empty;

                // The session writes each event's eventResponse before it reports the event, so once the initial
                // CallSubscriptionEvent (before or after the answer) is reported, its acknowledgement precedes the DELETE.
                if (!IsServer && !await events.WaitForFirstAsync(id, Options.RequestTimeout, Context.Time, cancellationToken).ConfigureAwait(false))
                {
                    throw ConnectionTestEvents.InitialEventMissing(id, target.Key, channelId, Options.RequestTimeout);
                }

                await session.SendAsync("DELETE", XsiPaths.Subscription(id), cancellationToken).ConfigureAwait(false);
                steps.Add(new ConnectionTestStep("subscription", true, $"subscription {id} for {target.Key} created and deleted"));
            }
            catch (PlatformException ex)
            {
                steps.Add(new ConnectionTestStep(channelId is null ? "channel" : "subscription", false, ex.Message));
                return new ConnectionTestResult(steps);
            }

            var side = _side.TargetFor(session.Primary);
            try
            {
                await _side.SendAsync(session.Primary, HttpMethod.Get, XsiPaths.ActionsVersions, cancellationToken).ConfigureAwait(false);
                steps.Add(new ConnectionTestStep("side channel", true, $"XSI over {(IsSecure ? "HTTPS" : "HTTP")} answers on {side.Host}:{side.Port} (lines, Remote Office)", side));
            }
            catch (PlatformException ex)
            {
                steps.Add(new ConnectionTestStep("side channel", false, $"{side.Host}:{side.Port}: {ex.Message} (lines and Remote Office need it)", side));
            }

            try
            {
                await session.SendAsync("DELETE", XsiPaths.Channel(channelId!), cancellationToken).ConfigureAwait(false);
            }
            catch (PlatformException ex)
            {
                Log.Debug("Deleting the test channel failed: {Error}", ex.Message);
            }

            return new ConnectionTestResult(steps);
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
