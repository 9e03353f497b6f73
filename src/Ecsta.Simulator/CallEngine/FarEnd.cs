using System.Text.RegularExpressions;

namespace Ecsta.Simulator.CallEngine;

/// <summary>What a scripted external far end does when called.</summary>
public enum FarEndAction
{
    /// <summary>Rings, then answers after <see cref="FarEndBehavior.AnswerAfter"/>.</summary>
    Answer,

    /// <summary>Busy: the caller gets busy treatment.</summary>
    Busy,

    /// <summary>Rings forever (until the caller gives up or the no-answer timeout).</summary>
    NeverAnswer,

    /// <summary>Declines: the caller's call is released (Global Failure).</summary>
    Reject,
}

/// <summary>Behaviour of an external far end.</summary>
/// <param name="Action">What it does.</param>
/// <param name="AnswerAfter">Delay before answering (Answer only).</param>
public sealed record FarEndBehavior(FarEndAction Action, TimeSpan AnswerAfter = default)
{
    /// <summary>Answers after the delay.</summary>
    public static FarEndBehavior AnswerAfterDelay(TimeSpan delay) => new(FarEndAction.Answer, delay);

    /// <summary>Busy.</summary>
    public static FarEndBehavior Busy { get; } = new(FarEndAction.Busy);

    /// <summary>Never answers.</summary>
    public static FarEndBehavior NeverAnswer { get; } = new(FarEndAction.NeverAnswer);

    /// <summary>Rejects.</summary>
    public static FarEndBehavior Reject { get; } = new(FarEndAction.Reject);
}

/// <summary>Far-end scripts per number pattern (first match wins, later additions first).</summary>
public sealed class FarEndScripts
{
    private readonly List<(Regex Pattern, FarEndBehavior Behavior)> _scripts = [];
    private readonly Lock _gate = new();

    /// <summary>Behaviour for numbers no script matches.</summary>
    public FarEndBehavior Default { get; set; } = FarEndBehavior.AnswerAfterDelay(TimeSpan.FromMilliseconds(100));

    /// <summary>
    /// Sets the behaviour for numbers matching <paramref name="pattern"/>: a regular expression
    /// over the dialled digits (tel:/sip: stripped), anchored at both ends, or an exact number.
    /// </summary>
    public void Set(string pattern, FarEndBehavior behavior)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentNullException.ThrowIfNull(behavior);
        var regex = new Regex("^(?:" + pattern + ")$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        lock (_gate)
        {
            _scripts.Insert(0, (regex, behavior));
        }
    }

    /// <summary>Removes every script.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _scripts.Clear();
        }
    }

    /// <summary>The behaviour for a number.</summary>
    public FarEndBehavior For(string number)
    {
        lock (_gate)
        {
            foreach (var (pattern, behavior) in _scripts)
            {
                if (pattern.IsMatch(number))
                {
                    return behavior;
                }
            }
        }

        return Default;
    }
}
