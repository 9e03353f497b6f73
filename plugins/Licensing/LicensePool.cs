using Ecsta.Abstractions.Licensing;
using Ecsta.Plugins.Licensing.Codes;
using Ecsta.Plugins.Licensing.State;
using Serilog;

namespace Ecsta.Plugins.Licensing;

/// <summary>
/// The process-wide pool of line seats. One instance per process (the host opens it once and hands it to every
/// driver instance); all members are thread-safe. Time only comes from the context's <see cref="TimeProvider"/>,
/// never earlier than the latest time already seen.
/// </summary>
internal sealed partial class LicensePool : ILicensePool, IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly StateStore _store;
    private readonly LicenseCodeVerifier _verifier;
    private readonly List<AddedCode> _codes = [];
    private readonly List<string> _unverifiedCodes = [];
    private readonly HashSet<SeatKey> _seats = [];
    private readonly DateTimeOffset _trialStart;
    private readonly string? _trialVoid;
    private readonly ITimer? _timer;
    private DateTimeOffset _lastSeen;
    private DateTimeOffset _lastPersistedSeen;
    private DateTime _stateWriteTime;
    private (LicenseMode Mode, int Seats) _announced;
    private bool _clockBehindLogged;
    private bool _disposed;

    /// <summary>Reads (or starts) the state in the context's folder and the marker in <paramref name="markerDirectory"/>.</summary>
    public LicensePool(LicensingContext context, string markerDirectory, string vendorKey, IEnumerable<string> certifiedKeys)
    {
        ArgumentNullException.ThrowIfNull(context);
        _time = context.Time;
        _log = context.Log.ForContext<LicensePool>();
        _store = new StateStore(context.StateDirectory, markerDirectory);
        _verifier = new LicenseCodeVerifier(
            vendorKey,
            certifiedKeys,
            (_, ex) => _log.Warning("A license signing key in licensing.trustedPublicKeys is ignored: {Error}", ex.Message));

        var clock = _time.GetUtcNow();
        var load = _store.Load(clock);
        if (load.Finding is not null)
        {
            _log.Warning("License state check: {Finding} (state {StatePath}, marker {MarkerPath})", load.Finding, _store.StatePath, _store.MarkerPath);
        }

        _trialStart = load.State.TrialStart;
        _trialVoid = load.State.TrialVoid;
        _lastSeen = load.State.LastSeen;
        var now = Now();
        LoadCodes(load.State.Codes, DateOnly.FromDateTime(now.UtcDateTime));
        if (load.StateFile == FileCondition.Missing && load.MarkerFile == FileCondition.Missing)
        {
            _log.Information("License trial started on {TrialStart:yyyy-MM-dd}", _trialStart);
        }

        _ = TrySave();
        var evaluation = Evaluate(now);
        _announced = (evaluation.Mode, evaluation.Seats);
        _log.Information(
            "License {Mode}: {Seats} lines, {TrialDaysLeft} trial days left, {Codes} codes",
            evaluation.Mode,
            evaluation.Seats,
            evaluation.TrialDaysLeft,
            _codes.Count);
        _timer = _time.CreateTimer(_ => OnTimer(), null, NextCheck(now), Timeout.InfiniteTimeSpan);
    }

    /// <inheritdoc />
    public event EventHandler? StatusChanged;

    /// <inheritdoc />
    public LicenseStatus GetStatus()
    {
        bool changed;
        LicenseStatus status;
        lock (_gate)
        {
            var now = Now();
            var evaluation = Evaluate(now);
            changed = Announce(evaluation);
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            status = new LicenseStatus(
                evaluation.Mode,
                evaluation.TrialDaysLeft,
                evaluation.Seats,
                _seats.Count,
                [.. _codes.Select(c => c.ToInfo(today))],
                evaluation.Reason);
        }

        RaiseIf(changed);
        return status;
    }

    /// <inheritdoc />
    public SeatResult TryAcquireSeat(string instanceName, string lineId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceName);
        ArgumentException.ThrowIfNullOrEmpty(lineId);
        bool changed;
        SeatResult result;
        lock (_gate)
        {
            var evaluation = Evaluate(Now());
            changed = Announce(evaluation);
            var key = new SeatKey(instanceName, lineId);
            if (evaluation.Mode == LicenseMode.Expired)
            {
                result = new SeatResult(false, evaluation.Reason);
            }
            else if (_seats.Contains(key))
            {
                result = SeatResult.Ok;
            }
            else if (_seats.Count >= evaluation.Seats)
            {
                result = new SeatResult(false, LicenseReasons.NoSeatText(evaluation.Seats, evaluation.Mode == LicenseMode.Trial));
            }
            else
            {
                _seats.Add(key);
                result = SeatResult.Ok;
            }
        }

        RaiseIf(changed);
        if (!result.Granted)
        {
            _log.Warning("Line {Instance}/{Line} gets no license seat: {Reason}", instanceName, lineId, result.Reason);
        }

        return result;
    }

    /// <inheritdoc />
    public void ReleaseSeat(string instanceName, string lineId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceName);
        ArgumentException.ThrowIfNullOrEmpty(lineId);
        lock (_gate)
        {
            _seats.Remove(new SeatKey(instanceName, lineId));
        }
    }

    /// <inheritdoc />
    public bool IsOperational(out string? reason)
    {
        bool changed;
        Evaluation evaluation;
        lock (_gate)
        {
            evaluation = Evaluate(Now());
            changed = Announce(evaluation);
        }

        RaiseIf(changed);
        reason = evaluation.Mode == LicenseMode.Expired ? evaluation.Reason : null;
        return evaluation.Mode != LicenseMode.Expired;
    }

    /// <inheritdoc />
    public LicenseAddResult AddCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        bool changed;
        LicenseAddResult result;
        lock (_gate)
        {
            var now = Now();
            result = Add(code, now);
            changed = Announce(Evaluate(now));
            _timer?.Change(NextCheck(now), Timeout.InfiniteTimeSpan);
        }

        RaiseIf(changed);
        return result;
    }

    /// <summary>Writes the latest time seen and stops the timer.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _ = Now();
            _ = TrySave();
        }

        _timer?.Dispose();
        _verifier.Dispose();
    }

    private LicenseAddResult Add(string text, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var check = _verifier.Check(text, today);
        switch (check.Refusal)
        {
            case CodeRefusal.WrongFormat:
                return Refused(new LicenseAddResult(false, LicenseReasons.WrongFormatBecause(check.Detail), null));
            case CodeRefusal.BadSignature:
                return Refused(new LicenseAddResult(false, LicenseReasons.BadSignatureText(), null));
            case CodeRefusal.Expired:
                var expired = new AddedCode(check.Code!, check.NormalizedText!);
                return Refused(new LicenseAddResult(false, LicenseReasons.ExpiredOn(check.Code!.ExpiresOn!.Value), expired.ToInfo(today)));
        }

        var added = new AddedCode(check.Code!, check.NormalizedText!);
        if (_codes.Any(c => c.Code.Id == added.Code.Id))
        {
            return new LicenseAddResult(true, LicenseReasons.AlreadyAddedText(added.Code.IdText), added.ToInfo(today));
        }

        _codes.Add(added);
        if (TrySave() is { } error)
        {
            _codes.Remove(added);
            return Refused(new LicenseAddResult(false, LicenseReasons.NotSavedBecause(error), added.ToInfo(today)));
        }

        _log.Information(
            "License code {CodeId} added: {Licensee}, {Lines} lines, expires {ExpiresOn}",
            added.Code.IdText,
            added.Code.Licensee,
            added.Code.Lines,
            added.Code.ExpiresOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "never");
        return new LicenseAddResult(true, null, added.ToInfo(today));

        LicenseAddResult Refused(LicenseAddResult refused)
        {
            // The code itself is not logged: it is what the customer paid for.
            _log.Information("License code refused: {Reason}", refused.Reason);
            return refused;
        }
    }
}
