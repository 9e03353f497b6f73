using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

public sealed partial class TspProvider
{
    private bool IsInService(LineDevice line) => _linkUp && line.Monitored && !line.Removed;

    private string? OutOfServiceReason(LineDevice line) =>
        IsInService(line) ? null : !_linkUp ? (_linkProblem ?? "the link is down") : line.MonitorProblem ?? "monitoring has not started yet";

    /// <summary>Announces INSERVICE/OUTOFSERVICE when the line's service state changed (once per change, docs/tapi-mapping.md §4.1).</summary>
    private void UpdateService(LineDevice line)
    {
        var now = IsInService(line);
        if (now == line.InService)
        {
            return;
        }

        line.InService = now;
        _log.Information("Line {DeviceId} ({UserId}) {State}{Reason}", line.DeviceId, line.UserId,
            now ? "in service" : "out of service", now ? "" : ": " + OutOfServiceReason(line));
        if (!now)
        {
            SendLineDevState(line, LineDevState.OUTOFSERVICE);
            foreach (var request in line.Requests.ToList())
            {
                FailRequest(request, LineErr.RESOURCEUNAVAIL);
            }
        }
        else
        {
            SendLineDevState(line, LineDevState.INSERVICE);
            ReadProfileIfWanted(line);

            // An open line whose services could not be read (opened before the link was up) reads them now: server
            // mode gets no initial service events, so LINEADDRESSSTATUS would lack forwarding until the next change.
            if (line.Handles.Count > 0 && line.Services.Count == 0)
            {
                StartLoadingServices(line);
            }
        }
    }

    private void OnLinkState(LinkStateEvent ev)
    {
        var up = ev.State == LinkState.Connected;
        _log.Information("Link {State}{Reason}", ev.State, ev.Reason is null ? "" : ": " + ev.Reason);
        _linkUp = up;
        _linkProblem = up ? null : ev.Reason ?? $"link {ev.State}";
        foreach (var line in _registry.LinesById.Values)
        {
            UpdateService(line);
        }

        // Lines whose monitoring failed (often with the very fault that took the link down) are tried again as soon as
        // the link is back, not after the retry interval: otherwise a link that recovers in a second leaves them out
        // of service for half a minute.
        if (up && _registry.LinesById.Values.Any(l => !l.Monitored && !l.Removed && !l.MonitorStarting))
        {
            RetryNow();
        }
    }

    private void RetryNow()
    {
        _retryEntry?.Cancel();
        _retryEntry = null;
        RetryMonitoring();
    }

    private void OnMonitoring(MonitoringEvent ev)
    {
        if (ev.UserId is null || !_registry.LinesByUser.TryGetValue(ev.UserId, out var line))
        {
            return;
        }

        line.Monitored = ev.Monitored;
        line.MonitorProblem = ev.Monitored ? null : ev.Reason ?? "monitoring ended";
        UpdateService(line);
        if (!ev.Monitored)
        {
            EnsureRetry();
        }
    }

    /// <summary>Marks lines whose monitoring is about to start (under the lock); returns them.</summary>
    private static List<LineDevice> StartMonitoring(IEnumerable<LineDevice> lines)
    {
        var starting = lines.ToList();
        foreach (var line in starting)
        {
            line.MonitorStarting = true;
        }

        return starting;
    }

    /// <summary>
    /// Starts monitoring lines (marked with <see cref="StartMonitoring"/>); those that fail are retried by one
    /// instance-wide deadline (no timer per line).
    /// </summary>
    private async Task MonitorLinesAsync(List<LineDevice> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return;
        }

        try
        {
            await _link.MonitorAsync([.. lines.Select(l => l.UserId)], cancellationToken).ConfigureAwait(false);
            Post(() =>
            {
                foreach (var line in lines)
                {
                    line.MonitorStarting = false;
                }

                foreach (var line in lines.Where(l => !l.Removed))
                {
                    line.Monitored = true;
                    line.MonitorProblem = null;
                    UpdateService(line);
                }
            });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _log.Warning("Monitoring {Count} line(s) could not start: {Error}; retrying", lines.Count, ex.Message);
            Post(() =>
            {
                foreach (var line in lines)
                {
                    line.MonitorStarting = false;
                    line.Monitored = false;
                    line.MonitorProblem = "monitoring could not start: " + ex.Message;
                    UpdateService(line);
                }

                EnsureRetry();
            });
        }
    }

    private void EnsureRetry()
    {
        if (_retryEntry is { Cancelled: false })
        {
            return;
        }

        _retryEntry = _scheduler.Schedule(_settings.Options.MonitorRetryInterval, RetryMonitoring);
    }

    private void RetryMonitoring()
    {
        _retryEntry = null;
        var connected = _connected;
        if (connected && !_registry.LinesById.Values.Any(l => !l.Monitored && !l.Removed && !l.MonitorStarting))
        {
            return;
        }

        var lines = StartMonitoring(_registry.LinesById.Values.Where(l => !l.Monitored && !l.Removed && !l.MonitorStarting));
        _background.Track(RetryAsync(lines, connected));
    }

    private async Task RetryAsync(List<LineDevice> lines, bool connected)
    {
        if (!connected)
        {
            try
            {
                await _link.ConnectAsync(_stop.Token).ConfigureAwait(false);
                Post(() =>
                {
                    _connected = true;
                    OnLinkState(new LinkStateEvent { State = LinkState.Connected });
                });
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Post(() =>
                {
                    foreach (var line in lines)
                    {
                        line.MonitorStarting = false;
                    }

                    _linkProblem = "connecting failed: " + ex.Message;
                    EnsureRetry();
                });
                return;
            }
        }

        await MonitorLinesAsync(lines, _stop.Token).ConfigureAwait(false);
    }

    /// <summary>The periodic "snapshot for active calls" (docs/tapi-mapping.md §4.2): one instance-wide deadline.</summary>
    private void EnsureSnapshotTimer()
    {
        var interval = _settings.Options.SnapshotInterval;
        if (interval <= TimeSpan.Zero)
        {
            _snapshotEntry?.Cancel();
            _snapshotEntry = null;
            return;
        }

        if (_snapshotEntry is { Cancelled: false })
        {
            return;
        }

        _snapshotEntry = _scheduler.Schedule(interval, () =>
        {
            _snapshotEntry = null;
            var users = _registry.LinesById.Values.Where(l => l.Calls.Count > 0 && IsInService(l)).Select(l => l.UserId).ToList();
            if (users.Count > 0)
            {
                _background.Track(SnapshotAsync(users, _eventPosition));
            }

            EnsureSnapshotTimer();
        });
    }

    /// <summary>
    /// Reads the users' calls with at most four reads at a time; each result is reconciled on the loop, as read at
    /// <paramref name="readAt"/> (the stream position when the reads were asked for): the answer comes apart from the
    /// event stream, so events taken after that position may be newer than it.
    /// </summary>
    private Task SnapshotAsync(List<string> users, long readAt)
    {
        var queue = new Queue<string>(users);
        var workers = new List<Task>();
        for (var i = 0; i < Math.Min(4, users.Count); i++)
        {
            workers.Add(SnapshotWorkerAsync(queue, readAt));
        }

        return Task.WhenAll(workers);
    }

    private async Task SnapshotWorkerAsync(Queue<string> queue, long readAt)
    {
        while (true)
        {
            string user;
            lock (queue)
            {
                if (!queue.TryDequeue(out user!))
                {
                    return;
                }
            }

            try
            {
                var snapshot = await _link.GetCallsAsync(user, _stop.Token).ConfigureAwait(false);
                Post(() =>
                {
                    if (_registry.LinesByUser.TryGetValue(user, out var line))
                    {
                        Reconcile(line, snapshot, readAt);
                    }
                });
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _log.Information("Snapshot of {UserId} failed: {Error}", user, ex.Message);
            }
        }
    }

    private void OnHook(LineDevice line, HookStatus status)
    {
        if (status == HookStatus.Unknown || status == line.Hook)
        {
            return;
        }

        line.Hook = status;
        SendAddressState(line, status == HookStatus.OffHook ? LineAddressState.INUSEONE : LineAddressState.INUSEZERO);
    }

    private void OnService(LineDevice line, ServiceSetting setting)
    {
        if (setting.Service == UserService.RemoteOffice)
        {
            var state = new RemoteOfficeState(setting.Active, PartyMapper.StripAddress(setting.Number) is { Length: > 0 } n ? n : null);
            if (state != line.RemoteOffice)
            {
                line.RemoteOffice = state;
                SendAddressState(line, LineAddressState.DEVSPECIFIC);
            }

            return;
        }

        line.Services[setting.Service] = setting;
        var list = ForwardList(line);
        if (list.SequenceEqual(line.AnnouncedForward))
        {
            return;
        }

        line.AnnouncedForward = list;
        if (line.Requests.Any(r => r.Kind == RequestKind.Forward && r.Phase != RequestPhase.Queued))
        {
            line.PendingForwardAnnouncements++;
        }
        else
        {
            SendAddressState(line, LineAddressState.FORWARD);
        }
    }

    /// <summary>The LINEADDRESSSTATUS forward list in the fixed order CFA, DND, CFB, CFNA (docs/tapi-mapping.md §3.14).</summary>
    private static List<LineForwardEntry> ForwardList(LineDevice line)
    {
        var list = new List<LineForwardEntry>(4);
        if (line.Services.GetValueOrDefault(UserService.CallForwardingAlways) is { Active: true } cfa)
            list.Add(new LineForwardEntry(LineForwardMode.UNCOND, StripTel(cfa.Number)));
        if (line.Services.GetValueOrDefault(UserService.DoNotDisturb) is { Active: true })
            list.Add(new LineForwardEntry(LineForwardMode.UNCOND, ""));
        if (line.Services.GetValueOrDefault(UserService.CallForwardingBusy) is { Active: true } cfb)
            list.Add(new LineForwardEntry(LineForwardMode.BUSY, StripTel(cfb.Number)));
        if (line.Services.GetValueOrDefault(UserService.CallForwardingNoAnswer) is { Active: true } cfna)
            list.Add(new LineForwardEntry(LineForwardMode.NOANSW, StripTel(cfna.Number)));
        return list;
    }

    private static string StripTel(string? number) =>
        number is null ? "" : number.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? number[4..] : number;

    /// <summary>
    /// Starts reading a line's services (on its first open; server mode has no service events before). While a read
    /// of that line is under way, a new request is remembered and served by one more read after it (the running one
    /// may have failed for the very reason the caller now knows is gone, e.g. the link was not yet up). Under the lock.
    /// </summary>
    private void StartLoadingServices(LineDevice line)
    {
        if (line.ServicesLoading)
        {
            line.ServicesReloadWanted = true;
            return;
        }

        line.ServicesLoading = true;
        _background.Track(LoadServicesAsync(line));
    }

    /// <summary>A line's read ended: start the one that was asked for meanwhile, if the line still lacks its services.</summary>
    private void ServicesLoaded(LineDevice line)
    {
        line.ServicesLoading = false;
        if (line.ServicesReloadWanted)
        {
            line.ServicesReloadWanted = false;
            if (!line.Removed && line.Handles.Count > 0 && line.Services.Count == 0)
            {
                StartLoadingServices(line);
            }
        }
    }

    /// <summary>Reads the line's services (<see cref="ServiceReader"/>); each read fills on the loop what is still unknown.</summary>
    private async Task LoadServicesAsync(LineDevice line)
    {
        var started = await _serviceReader.ReadAsync(line.UserId, setting => Post(() =>
        {
            // A read is only a baseline: a service event or a confirmed change that arrived while it was in
            // flight is newer, so the read fills only what is still unknown.
            if (!line.Removed && !line.Services.ContainsKey(setting.Service))
            {
                OnService(line, setting);
            }
        })).ConfigureAwait(false);
        if (started)
        {
            Post(() => ServicesLoaded(line));
        }
    }
}
