using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;
using Ecsta.BroadWorks.Link.Http;
using Ecsta.BroadWorks.Link.Subscriptions;

namespace Ecsta.BroadWorks.Link;

/// <summary>Event delivery, link loss, reconnect with backoff and jitter, the 401 stop and disposal (docs/transport-xsi.md).</summary>
public abstract partial class PlatformLinkBase
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
            Interlocked.Increment(ref _eventsWritten);
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
            Log.Warning("Link lost: {Reason}; reconnecting", reason);
            _reconnect = Task.Run(() => ReconnectLoopAsync(session, reason, _disposed.Token));
        }
    }

    /// <inheritdoc />
    void ILinkSessionOwner.Resubscribed(LinkSession session, XsiSubscriptionTarget target)
    {
        if (IsServer && target.UserId is null)
        {
            var users = MonitoredUsers();
            _ = Task.Run(() => SnapshotAsync(users, _disposed.Token).ContinueWith(
                t => Log.Warning(t.Exception, "Snapshot after a renewed group subscription failed"),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default));
        }
    }

    /// <summary>A 401 anywhere: the password is no longer valid. The link stops (no retries hammer the server) until reconfigured.</summary>
    protected void OnUnauthorized(PlatformException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        LinkSession? old;
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

        Log.Error("BroadWorks refused the credentials of {UserId}: {Reason}", Options.UserId, error.Message);
        _ = Task.Run(async () =>
        {
            if (old is not null)
            {
                await old.DisposeAsync().ConfigureAwait(false);
            }

            await EmitAsync(new LinkStateEvent { State = LinkState.Failed, Reason = XsiErrors.PasswordNoLongerValid }, _disposed.Token).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// After a loss, once the old session is disposed: what the transport still cleans up of it (XSI deletes the old
    /// subscriptions in the background; CTI has nothing left, the socket took them along). Must not wait.
    /// </summary>
    protected virtual void ForgetLostSession(LinkSession old, CancellationToken cancellationToken)
    {
    }

    /// <summary>Disposes what the transport owns besides the sessions (requesters); called last by <see cref="DisposeAsync"/>.</summary>
    protected abstract void DisposeTransport();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        LinkSession? session;
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
            await session.CloseGracefullyAsync(cleanup.Token).ConfigureAwait(false);
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
        DisposeTransport();
        Validator.Dispose();
        _disposed.Dispose();
        _emitGate.Dispose();
        _connectGate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes <paramref name="first"/> (if any), then the events the session held during set-up; from now on events flow.</summary>
    private async Task ReleaseHeldAsync(LinkSession session, PlatformEvent? first, CancellationToken cancellationToken)
    {
        await _emitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (first is not null)
            {
                await _events.Writer.WriteAsync(first, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _eventsWritten);
            }

            foreach (var held in session.Held)
            {
                await _events.Writer.WriteAsync(held, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _eventsWritten);
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
            Interlocked.Increment(ref _eventsWritten);
        }
        finally
        {
            _emitGate.Release();
        }
    }

    private async Task ReconnectLoopAsync(LinkSession old, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await EmitAsync(new LinkStateEvent { State = LinkState.Reconnecting, Reason = reason }, cancellationToken).ConfigureAwait(false);
            await old.DisposeAsync().ConfigureAwait(false);
            ForgetLostSession(old, cancellationToken);
            for (var attempt = 0; !cancellationToken.IsCancellationRequested; attempt++)
            {
                await Task.Delay(_backoff.Delay(attempt), Context.Time, cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    if (_failed is not null)
                    {
                        return;
                    }
                }

                LinkSession session;
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
                    Log.Information("Reconnect attempt {Attempt} failed: {Error}", attempt + 1, ex.Message);
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

                Log.Information("Link back after {Attempts} attempt(s) on {Target}", attempt + 1, session.Primary);
                await ReleaseHeldAsync(session, new LinkStateEvent { State = LinkState.Connected, Reason = "reconnected to " + session.Primary }, cancellationToken).ConfigureAwait(false);
                if (IsServer)
                {
                    await SnapshotAsync(MonitoredUsers(), cancellationToken).ConfigureAwait(false);
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
            Log.Warning("Reconnect ended: {Error}", ex.Message);
        }
    }
}
