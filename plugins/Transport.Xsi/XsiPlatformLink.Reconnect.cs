using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.Plugins.Transport.Xsi.Events;
using Ecsta.Plugins.Transport.Xsi.Http;
using Ecsta.Plugins.Transport.Xsi.Link;

namespace Ecsta.Plugins.Transport.Xsi;

public sealed partial class XsiPlatformLink
{
    /// <inheritdoc />
    async ValueTask ILinkSessionOwner.DeliverAsync(LinkSession session, PlatformEvent platformEvent, CancellationToken cancellationToken)
    {
        if (IsServer && platformEvent is { UserId: { } user } and not LinkStateEvent)
        {
            lock (_gate)
            {
                if (!_monitored.Contains(user))
                {
                    return;
                }
            }
        }

        await _emitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (session.IsLost)
            {
                return;
            }

            if (!session.Ready)
            {
                session.Held.Add(platformEvent);
                return;
            }

            await _events.Writer.WriteAsync(platformEvent, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _emitGate.Release();
        }
    }

    /// <summary>Writes <paramref name="first"/> (if any), then the events the session held during set-up; from now on events flow.</summary>
    private async Task ReleaseHeldAsync(XsiSession session, PlatformEvent? first, CancellationToken cancellationToken)
    {
        await _emitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (first is not null)
            {
                await _events.Writer.WriteAsync(first, cancellationToken).ConfigureAwait(false);
            }

            foreach (var held in session.Held)
            {
                await _events.Writer.WriteAsync(held, cancellationToken).ConfigureAwait(false);
            }

            session.Held.Clear();
            session.Ready = true;
        }
        finally
        {
            _emitGate.Release();
        }
    }

    private async Task EmitAsync(PlatformEvent platformEvent, CancellationToken cancellationToken)
    {
        await _emitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _events.Writer.WriteAsync(platformEvent, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _emitGate.Release();
        }
    }

    /// <inheritdoc />
    void ILinkSessionOwner.Lost(LinkSession session, string reason, PlatformException? error)
    {
        if (error?.Kind == PlatformErrorKind.Unauthorized)
        {
            OnUnauthorized(error);
            return;
        }

        lock (_gate)
        {
            if (!ReferenceEquals(session, _session) || _disposed.IsCancellationRequested || _failed is not null)
            {
                return;
            }

            _session = null;
            _state = LinkState.Reconnecting;
            _log.Warning("Link lost: {Reason}; reconnecting", reason);
            _reconnect = Task.Run(() => ReconnectAsync((XsiSession)session, reason, _disposed.Token));
        }
    }

    /// <inheritdoc />
    void ILinkSessionOwner.Resubscribed(LinkSession session, XsiSubscriptionTarget target)
    {
        if (IsServer && target.UserId is null)
        {
            string[] users;
            lock (_gate)
            {
                users = [.. _monitored];
            }

            _ = Task.Run(() => SnapshotAsync(users, _disposed.Token).ContinueWith(
                t => _log.Warning(t.Exception, "Snapshot after a renewed group subscription failed"),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default));
        }
    }

    /// <summary>A 401 anywhere: the password is no longer valid. The link stops (no retries hammer the server) until reconfigured.</summary>
    private void OnUnauthorized(PlatformException error)
    {
        XsiSession? old;
        lock (_gate)
        {
            if (_failed is not null || _disposed.IsCancellationRequested)
            {
                return;
            }

            _failed = error;
            _state = LinkState.Failed;
            old = _session;
            _session = null;
        }

        _log.Error("BroadWorks refused the credentials of {UserId}: {Reason}", _options.UserId, error.Message);
        _ = Task.Run(async () =>
        {
            if (old is not null)
            {
                await old.DisposeAsync().ConfigureAwait(false);
            }

            await EmitAsync(new LinkStateEvent { State = LinkState.Failed, Reason = XsiErrors.PasswordNoLongerValid }, _disposed.Token).ConfigureAwait(false);
        });
    }

    private async Task ReconnectAsync(XsiSession old, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await EmitAsync(new LinkStateEvent { State = LinkState.Reconnecting, Reason = reason }, cancellationToken).ConfigureAwait(false);
            await old.DisposeAsync().ConfigureAwait(false);

            // The old subscriptions died with their channel set; delete them anyway, best effort, without waiting.
            _ = Task.Run(() => old.DeleteAllSubscriptionsAsync(cancellationToken), CancellationToken.None);
            for (var attempt = 0; !cancellationToken.IsCancellationRequested; attempt++)
            {
                await Task.Delay(_backoff.Delay(attempt), _context.Time, cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    if (_failed is not null)
                    {
                        return;
                    }
                }

                XsiSession session;
                try
                {
                    session = await EstablishAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PlatformException ex) when (ex.Kind == PlatformErrorKind.Unauthorized)
                {
                    OnUnauthorized(ex);
                    return;
                }
                catch (PlatformException ex)
                {
                    _log.Information("Reconnect attempt {Attempt} failed: {Error}", attempt + 1, ex.Message);
                    continue;
                }

                lock (_gate)
                {
                    if (_failed is not null || cancellationToken.IsCancellationRequested)
                    {
                        _ = session.DisposeAsync().AsTask();
                        return;
                    }

                    _session = session;
                    _state = LinkState.Connected;
                }

                _log.Information("Link back after {Attempts} attempt(s) on {Target}", attempt + 1, session.Primary);
                await ReleaseHeldAsync(session, new LinkStateEvent { State = LinkState.Connected, Reason = "reconnected to " + session.Primary }, cancellationToken).ConfigureAwait(false);
                if (IsServer)
                {
                    string[] users;
                    lock (_gate)
                    {
                        users = [.. _monitored];
                    }

                    await SnapshotAsync(users, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (PlatformException ex)
        {
            _log.Warning("Reconnect ended: {Error}", ex.Message);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        XsiSession? session;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            session = _session;
            _session = null;
            _state = LinkState.Disconnected;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        if (session is not null)
        {
            using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await session.DeleteAllSubscriptionsAsync(cleanup.Token).ConfigureAwait(false);
            foreach (var channel in session.Channels)
            {
                await channel.DeleteAsync(cleanup.Token).ConfigureAwait(false);
            }

            await session.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _reconnect.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Disposed while waiting.
        }

        _events.Writer.TryComplete();
        _requester.Dispose();
        _validator.Dispose();
        _disposed.Dispose();
        _emitGate.Dispose();
        _connectGate.Dispose();
    }
}
