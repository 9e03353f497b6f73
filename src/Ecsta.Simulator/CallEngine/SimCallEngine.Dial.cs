namespace Ecsta.Simulator.CallEngine;

/// <summary>Result of a click-to-dial: the CallStartInfo.</summary>
/// <param name="CallId">The user's call half.</param>
/// <param name="ExternalTrackingId">The session id.</param>
public sealed record CallStartResult(string CallId, string ExternalTrackingId);

public sealed partial class SimCallEngine
{
    private readonly record struct Destination(SimUser? User, string? ExternalNumber, string Dialled)
    {
        public PartySnapshot Party(string? name = null) => User is not null
            ? new PartySnapshot(User.DisplayName, "tel:" + User.Extension, User.UserId, User.UserDn, "Group")
            : new PartySnapshot(name, "tel:" + ExternalNumber, null, null, "Network");
    }

    /// <summary>Resolves a dialled address: extension, number, user id, <c>tel:</c> or <c>sip:</c> URI; 400 when invalid.</summary>
    private Destination Resolve(string? address)
    {
        var raw = (address ?? string.Empty).Trim();
        var value = raw;
        if (value.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            value = value[4..];
        }
        else if (value.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            value = value[4..];
        }

        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        if (semicolon >= 0)
        {
            value = value[..semicolon];
        }

        if (_usersById.TryGetValue(value, out var byId))
        {
            return new Destination(byId, null, raw);
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            value = value[..at];
        }

        var digits = new string([.. value.Where(ch => ch is not ('-' or ' ' or '(' or ')' or '.'))]);
        if (digits.Length == 0 || digits.Length > 30 || !digits.Select((ch, i) => char.IsAsciiDigit(ch) || ch is '*' or '#' || (ch == '+' && i == 0)).All(ok => ok))
        {
            throw new CallEngineException(400, "Invalid address: " + raw, 4_008);
        }

        if (_usersByNumber.TryGetValue(digits, out var byNumber) || _usersByNumber.TryGetValue(digits.TrimStart('+'), out byNumber))
        {
            return new Destination(byNumber, null, raw);
        }

        return new Destination(null, digits, raw);
    }

    /// <summary>
    /// Click-to-dial (<c>POST calls/new?address=</c>): the user's own phone alerts first
    /// (CallOriginatingEvent); when it answers, the far end is called.
    /// </summary>
    public CallStartResult Dial(string userId, string address)
    {
        lock (_gate)
        {
            var user = RequireUser(userId);
            var destination = Resolve(address);
            var half = NewHalf(user, CallPersonality.ClickToDial, new PartySnapshot(null, "tel:" + destination.Dialled.Replace("tel:", string.Empty, StringComparison.OrdinalIgnoreCase), null, null, "Unknown"), NextSession());
            EmitCall(half, SimEventTypes.CallOriginating);
            ScheduleOwnLegAnswer(half, destination);
            return new CallStartResult(half.CallId, half.ExtTrackingId);
        }
    }

    /// <summary>The user dials on the phone itself (manual dialling): no CallOriginatingEvent.</summary>
    public CallStartResult DialFromPhone(string userId, string address)
    {
        lock (_gate)
        {
            var user = RequireUser(userId);
            var destination = Resolve(address);
            var half = NewHalf(user, CallPersonality.Originator, destination.Party(), NextSession());
            UpdateHook(user);
            EmitCall(half, SimEventTypes.CallOriginated);
            Route(half, destination, [], hops: 0, forwarded: false);
            return new CallStartResult(half.CallId, half.ExtTrackingId);
        }
    }

    private void ScheduleOwnLegAnswer(CallHalf half, Destination destination)
    {
        var user = half.Owner;
        TimeSpan? delay = user.AutoAnswerDelay;
        if (user.Services.RemoteOfficeActive && !string.IsNullOrEmpty(user.Services.RemoteOfficeNumber))
        {
            var remote = FarEnds.For(user.Services.RemoteOfficeNumber);
            delay = remote.Action == FarEndAction.Answer ? remote.AnswerAfter : null;
            if (remote.Action is FarEndAction.Busy or FarEndAction.Reject)
            {
                half.Timer = Schedule(TimeSpan.Zero, () => ReleaseHalf(half, null, new ReleaseCauseSnapshot(remote.Action == FarEndAction.Busy ? "Busy" : "Global Failure", remote.Action == FarEndAction.Busy ? "017" : "021")));
                return;
            }
        }

        if (delay is { } due)
        {
            half.Timer = Schedule(due, () => AnswerOwnLeg(half, destination));
        }
        else if (Options.NoAnswerTimeout is { } timeout)
        {
            half.Timer = Schedule(timeout, () =>
            {
                if (half.State == CallState.Alerting && half.Personality == CallPersonality.ClickToDial)
                {
                    ReleaseHalf(half, null, new ReleaseCauseSnapshot("Request Timeout", "019"));
                }
            });
        }

        _pendingOwnLeg[half.CallId] = destination;
    }

    private readonly Dictionary<string, Destination> _pendingOwnLeg = new(StringComparer.Ordinal);

    private void AnswerOwnLeg(CallHalf half, Destination destination)
    {
        if (half.State != CallState.Alerting || half.Personality != CallPersonality.ClickToDial)
        {
            return;
        }

        _pendingOwnLeg.Remove(half.CallId);
        half.CancelTimer();
        half.Personality = CallPersonality.Originator;
        half.Remote = destination.Party();
        UpdateHook(half.Owner);
        EmitCall(half, SimEventTypes.CallOriginated);
        Route(half, destination, [], hops: 0, forwarded: false);
    }
}
