using Ecsta.Abstractions.NumberFormatting;
using Serilog;

namespace Ecsta.Plugins.NumberRules;

/// <summary>
/// Formats the numbers of one instance. Reported numbers (incoming, outgoing): location first, then the rules of the
/// direction. Dialled numbers: the dial rules only. Rules are tried in order and the first that matches gives the
/// output; none matching leaves the number unchanged. Immutable and thread-safe; the no-match path allocates nothing.
/// </summary>
internal sealed class NumberFormatter : INumberFormatter
{
    private readonly ExtensionLocation? _location;
    private readonly CompiledRule[][] _rules;
    private readonly TimeSpan _matchTimeout;
    private readonly ILogger _logger;

    public NumberFormatter(ExtensionLocation? location, CompiledRule[] incoming, CompiledRule[] outgoing, CompiledRule[] dial, TimeSpan matchTimeout, ILogger logger)
    {
        _location = location;
        _rules = [incoming, outgoing, dial];
        _matchTimeout = matchTimeout;
        _logger = logger;
    }

    /// <inheritdoc />
    public string? Format(NumberDirection direction, string number) => Run(direction, number, null, out _);

    /// <inheritdoc />
    public FormatResult Explain(NumberDirection direction, string number)
    {
        var steps = new List<FormatStep>();
        var output = Run(direction, number, steps, out var matched);
        return new FormatResult(number, output, matched, steps);
    }

    private string? Run(NumberDirection direction, string number, List<FormatStep>? steps, out int? matched)
    {
        ArgumentNullException.ThrowIfNull(number);
        if ((uint)direction >= (uint)_rules.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown number direction.");
        }

        matched = null;
        var current = number;
        if (_location is not null && direction != NumberDirection.Dial)
        {
            current = _location.Apply(number);
            steps?.Add(ReferenceEquals(current, number)
                ? new FormatStep($"location: '{number}' is not an extension, unchanged", current)
                : new FormatStep($"location: extension '{number}' at {_location.Location}", current));
        }

        var rules = _rules[(int)direction];
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            switch (rule.Apply(current, out var output))
            {
                case RuleOutcome.NoMatch:
                    steps?.Add(new FormatStep($"{Name(i, rule)}: no match", current));
                    break;
                case RuleOutcome.Matched:
                    matched = i;
                    steps?.Add(new FormatStep(output is null ? $"{Name(i, rule)}: matched, suppressed" : $"{Name(i, rule)}: matched", output));
                    return output;
                default:
                    _logger.Warning(
                        "Number rule {Rule} ({Direction}, search {Search}) ran longer than {Timeout} and was abandoned; the number is left unchanged",
                        i + 1, direction, rule.Source.Search, _matchTimeout);
                    steps?.Add(new FormatStep($"{Name(i, rule)}: timed out after {_matchTimeout.TotalMilliseconds:0} ms, the number is left unchanged", current));
                    return current;
            }
        }

        steps?.Add(new FormatStep(rules.Length == 0 ? "no rules: unchanged" : "no rule matched: unchanged", current));
        return current;
    }

    /// <summary>Rules are numbered from 1 in explanations; <see cref="FormatResult.MatchedRule"/> is 0-based.</summary>
    private static string Name(int index, CompiledRule rule) =>
        $"rule {index + 1} ({(rule.Source.IsRegex ? "regex" : "direct")} '{rule.Source.Search}' -> '{rule.Source.Replace}')";
}
