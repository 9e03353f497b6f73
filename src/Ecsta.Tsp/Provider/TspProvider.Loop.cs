using Ecsta.Abstractions.Platform;

namespace Ecsta.Tsp.Provider;

public sealed partial class TspProvider
{
    /// <summary>Hands work to the processing loop.</summary>
    private void Post(Action action) => _work.Writer.TryWrite(action);

    /// <summary>
    /// The one processing loop of the instance: work items (command answers, deadlines, queue pumps) first, then
    /// platform events, each applied under the lock, followed by the per-line end-of-step messages (R3).
    /// </summary>
    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        var events = _link.Events;
        var eventsOpen = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_work.Reader.TryRead(out var work))
            {
                Run(work);
                continue;
            }

            if (eventsOpen && events.TryRead(out var ev))
            {
                Run(() =>
                {
                    _eventPosition++;
                    OnPlatformEvent(ev);
                });
                continue;
            }

            var workReady = _work.Reader.WaitToReadAsync(cancellationToken).AsTask();
            if (!eventsOpen)
            {
                if (!await workReady.ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            var eventReady = events.WaitToReadAsync(cancellationToken).AsTask();
            var first = await Task.WhenAny(workReady, eventReady).ConfigureAwait(false);
            if (first == eventReady && !await eventReady.ConfigureAwait(false))
            {
                eventsOpen = false;
                _log.Information("The platform link's event stream ended");
            }
            else if (first == workReady && !await workReady.ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private void Run(Action action)
    {
        lock (_gate)
        {
            try
            {
                action();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _log.Error(ex, "Processing failed; the core continues with the next item");
            }
            finally
            {
                EndStep();
            }
        }
    }

    /// <summary>
    /// Waits until the loop has nothing left to do: no queued work and no unread platform event. For tests and
    /// orderly shutdown; commands that the platform has not answered yet do not count.
    /// </summary>
    public async Task SettleAsync()
    {
        for (var i = 0; i < 10_000; i++)
        {
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(() => done.TrySetResult(_work.Reader.Count == 0 && (!_link.Events.CanCount || _link.Events.Count == 0)));
            if (await done.Task.ConfigureAwait(false))
            {
                return;
            }
        }

        throw new InvalidOperationException("The processing loop did not settle.");
    }

    private void OnPlatformEvent(PlatformEvent ev)
    {
        switch (ev)
        {
            case LinkStateEvent link:
                OnLinkState(link);
                return;
            case MonitoringEvent monitoring:
                OnMonitoring(monitoring);
                return;
            case UnknownPlatformEvent unknown:
                _log.Warning("Unknown platform event {RawType} for {UserId}", unknown.RawType, unknown.UserId);
                return;
            default:
                break;
        }

        if (ev.UserId is null || !_registry.LinesByUser.TryGetValue(ev.UserId, out var line))
        {
            _log.Debug("Event {Type} for a user that is not a line ({UserId}) ignored", ev.GetType().Name, ev.UserId);
            return;
        }

        switch (ev)
        {
            case CallEvent call:
                NoteCallEvent(line, call);
                OnCallEvent(line, call);
                break;
            case ConferenceEvent conference:
                line.ConferenceEventAt = _eventPosition;
                OnConferenceEvent(line, conference);
                break;
            case HookStatusEvent hook:
                line.HookEventAt = _eventPosition;
                OnHook(line, hook.HookStatus);
                break;
            case ServiceEvent service:
                OnService(line, service.Setting);
                break;
            case CallSnapshotEvent snapshot:
                // A snapshot the transport read with a separate request may be older than events before it here.
                Reconcile(line, snapshot, snapshot.ReadAfterEvents ?? _eventPosition);
                break;
            default:
                _log.Debug("Event {Type} ignored", ev.GetType().Name);
                break;
        }
    }
}
