using Ecsta.Abstractions.Licensing;
using Ecsta.Plugins.Licensing.Codes;
using Ecsta.Plugins.Licensing.State;

namespace Ecsta.Plugins.Licensing;

/// <summary>Time, evaluation, the check timer and persistence. Members ending in a lock-free name run under <c>_gate</c>.</summary>
internal sealed partial class LicensePool
{
    /// <summary>The current time, never earlier than the latest time seen (a clock set back gains nothing).</summary>
    private DateTimeOffset Now()
    {
        var clock = _time.GetUtcNow();
        if (clock > _lastSeen)
        {
            _lastSeen = clock;
        }
        else if (clock < _lastSeen - TimeSpan.FromMinutes(5) && !_clockBehindLogged)
        {
            _clockBehindLogged = true;
            _log.Warning(
                "The system clock ({Clock:O}) is behind the latest time seen ({LastSeen:O}); licensing counts from the latest time seen",
                clock,
                _lastSeen);
        }

        return _lastSeen;
    }

    private Evaluation Evaluate(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        long licensedLines = 0;
        foreach (var added in _codes)
        {
            if (added.Code.IsValidOn(today))
            {
                licensedLines += added.Code.Lines;
            }
        }

        if (licensedLines > 0)
        {
            return new Evaluation(LicenseMode.Licensed, (int)Math.Min(licensedLines, int.MaxValue), 0, null);
        }

        var trialEnd = _trialStart + LicenseRules.TrialLength;
        if (_trialVoid is not null)
        {
            return new Evaluation(LicenseMode.Expired, 0, 0, LicenseReasons.TrialVoidBecause(_trialVoid));
        }

        if (now < trialEnd)
        {
            var daysLeft = (int)Math.Ceiling((trialEnd - now).TotalDays);
            return new Evaluation(LicenseMode.Trial, LicenseRules.TrialLines, daysLeft, null);
        }

        return new Evaluation(LicenseMode.Expired, 0, 0, LicenseReasons.TrialEndedOn(trialEnd));
    }

    /// <summary>Remembers the mode and seat count; true when they differ from what was last announced.</summary>
    private bool Announce(Evaluation evaluation)
    {
        if ((evaluation.Mode, evaluation.Seats) == _announced)
        {
            return false;
        }

        _log.Information(
            "License changed from {OldMode} ({OldSeats} lines) to {Mode} ({Seats} lines){Reason}",
            _announced.Mode,
            _announced.Seats,
            evaluation.Mode,
            evaluation.Seats,
            evaluation.Reason is null ? string.Empty : ": " + evaluation.Reason);
        _announced = (evaluation.Mode, evaluation.Seats);
        return true;
    }

    /// <summary>Raises <see cref="StatusChanged"/> outside the lock; a failing handler is logged, not thrown.</summary>
    private void RaiseIf(bool changed)
    {
        if (!changed)
        {
            return;
        }

        try
        {
            StatusChanged?.Invoke(this, EventArgs.Empty);
        }
#pragma warning disable CA1031 // A subscriber's failure must not break licensing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _log.Error(ex, "A license StatusChanged handler failed");
        }
    }

    /// <summary>The wait until the next check: the next trial end or code expiry, at most the check interval.</summary>
    private TimeSpan NextCheck(DateTimeOffset now)
    {
        var next = now + LicenseRules.CheckInterval;
        var trialEnd = _trialStart + LicenseRules.TrialLength;
        if (_trialVoid is null && trialEnd > now && trialEnd < next)
        {
            next = trialEnd;
        }

        foreach (var added in _codes)
        {
            if (added.Code.ExpiresOn is { } expires)
            {
                var end = new DateTimeOffset(expires.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                if (end > now && end < next)
                {
                    next = end;
                }
            }
        }

        var wait = next - now;
        return wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait;
    }

    private void OnTimer()
    {
        var changed = false;
        try
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                var now = Now();
                PickUpCodesFromDisk(DateOnly.FromDateTime(now.UtcDateTime));
                if (now - _lastPersistedSeen >= LicenseRules.LastSeenPersistInterval)
                {
                    _ = TrySave();
                }

                changed = Announce(Evaluate(now));
                _timer?.Change(NextCheck(now), Timeout.InfiniteTimeSpan);
            }
        }
#pragma warning disable CA1031 // A timer callback must never take the process down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _log.Error(ex, "License check failed");
        }

        RaiseIf(changed);
    }

    /// <summary>Verifies stored codes again; codes no trusted key verifies are kept in the file but do not count.</summary>
    private void LoadCodes(IEnumerable<string> texts, DateOnly today)
    {
        foreach (var text in texts)
        {
            var check = _verifier.Check(text, today);
            if (check.Refusal is CodeRefusal.None or CodeRefusal.Expired)
            {
                if (!_codes.Any(c => c.Code.Id == check.Code!.Id))
                {
                    _codes.Add(new AddedCode(check.Code!, check.NormalizedText!));
                }
            }
            else if (!_unverifiedCodes.Contains(text, StringComparer.Ordinal))
            {
                _unverifiedCodes.Add(text);
                _log.Warning("A stored license code does not verify and does not count: {Refusal}", check.Refusal);
            }
        }
    }

    /// <summary>Takes in codes another process (e.g. <c>ecsta license add</c>) wrote to the state file.</summary>
    private void PickUpCodesFromDisk(DateOnly today)
    {
        try
        {
            var writeTime = _store.StateWriteTimeUtc();
            if (writeTime == _stateWriteTime)
            {
                return;
            }

            _stateWriteTime = writeTime;
            var before = _codes.Count;
            LoadCodes(_store.ReadCodesOnDisk(), today);
            if (_codes.Count > before)
            {
                _log.Information("Picked up {Count} license codes added by another process", _codes.Count - before);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Warning("Cannot read the license state {StatePath}: {Error}", _store.StatePath, ex.Message);
        }
    }

    /// <summary>Writes state and marker, merging codes on disk first; returns the error text on failure.</summary>
    private string? TrySave()
    {
        PickUpCodesFromDisk(DateOnly.FromDateTime(_lastSeen.UtcDateTime));
        var state = new PersistedState(_trialStart, _lastSeen, _trialVoid, [.. _codes.Select(c => c.Text), .. _unverifiedCodes]);
        try
        {
            if (_store.Save(state) is { } markerError)
            {
                _log.Warning("Cannot write the license trial marker {MarkerPath}: {Error}", _store.MarkerPath, markerError);
            }

            _stateWriteTime = _store.StateWriteTimeUtc();
            _lastPersistedSeen = _lastSeen;
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Error("Cannot write the license state {StatePath}: {Error}", _store.StatePath, ex.Message);
            return ex.Message;
        }
    }
}
