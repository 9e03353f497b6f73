using System.Text.RegularExpressions;
using Ecsta.Abstractions.NumberFormatting;

namespace Ecsta.Plugins.NumberRules;

/// <summary>What happened when a rule was tried on a number.</summary>
internal enum RuleOutcome
{
    /// <summary>The search did not match; the next rule is tried.</summary>
    NoMatch,

    /// <summary>The search matched; the replacement is the output.</summary>
    Matched,

    /// <summary>A backtracking expression ran out of time; the number is left unchanged.</summary>
    TimedOut,
}

/// <summary>One validated rule, ready to run. Immutable and thread-safe.</summary>
internal sealed class CompiledRule
{
    private readonly CompiledSearch? _search;
    private readonly string _requiredPrefix;
    private readonly ReplacementTemplate _replacement;

    private CompiledRule(NumberRule source, CompiledSearch? search, ReplacementTemplate replacement)
    {
        Source = source;
        _search = search;
        _requiredPrefix = search is null ? "" : LiteralPrefix.Of(source.Search);
        _replacement = replacement;
    }

    /// <summary>The rule as configured.</summary>
    public NumberRule Source { get; }

    /// <summary>Checks and compiles a rule; <see langword="null"/> with the problem when it is refused.</summary>
    public static CompiledRule? Compile(NumberRule rule, SearchCompiler compiler, out RuleProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(compiler);
        if (string.IsNullOrEmpty(rule.Search))
        {
            problem = new RuleProblem("The search is empty.", null);
            return null;
        }

        if (rule.Search.Length > SearchCompiler.MaxSearchLength)
        {
            problem = new RuleProblem($"The search is longer than {SearchCompiler.MaxSearchLength} characters.", SearchCompiler.MaxSearchLength);
            return null;
        }

        CompiledSearch? search = null;
        if (rule.IsRegex)
        {
            search = compiler.Compile(rule.Search, out problem);
            if (search is null)
            {
                return null;
            }
        }

        var replacement = ReplacementTemplate.Parse(rule.Replace ?? "", out var replaceProblem);
        if (replacement is null)
        {
            problem = new RuleProblem(replaceProblem!, null);
            return null;
        }

        if (search is null)
        {
            var group = replacement.Groups.FirstOrDefault(g => g > 0);
            problem = group > 0
                ? new RuleProblem($"The replacement refers to group \\{group}, but a direct comparison has no groups (only \\0, the whole number); use a regular expression for groups.", null)
                : null;
            return problem is null ? new CompiledRule(rule, null, replacement) : null;
        }

        var groupCount = search.Regex.GetGroupNumbers().Length - 1;
        foreach (var group in replacement.Groups)
        {
            if (search.Regex.GroupNameFromNumber(group).Length == 0)
            {
                problem = new RuleProblem($"The replacement refers to group \\{group}, but the search has {Groups(groupCount)}.", null);
                return null;
            }
        }

        problem = null;
        return new CompiledRule(rule, search, replacement);
    }

    /// <summary>Tries the rule. Allocates nothing when the search does not match.</summary>
    public RuleOutcome Apply(string number, out string? output)
    {
        if (_search is null)
        {
            if (!string.Equals(number, Source.Search, StringComparison.Ordinal))
            {
                output = number;
                return RuleOutcome.NoMatch;
            }

            output = _replacement.Expand(number);
            return RuleOutcome.Matched;
        }

        if (!number.StartsWith(_requiredPrefix, StringComparison.Ordinal))
        {
            output = number;
            return RuleOutcome.NoMatch;
        }

        try
        {
            var regex = _search.Regex;
            if (_replacement.Groups.Count == 0)
            {
                // No groups needed: the allocation-free test is enough.
                if (!regex.IsMatch(number.AsSpan()))
                {
                    output = number;
                    return RuleOutcome.NoMatch;
                }

                output = _replacement.Expand(number);
                return RuleOutcome.Matched;
            }

            // One pass that finds the groups; a failed match returns the shared empty Match and allocates nothing.
            var match = regex.Match(number);
            if (!match.Success)
            {
                output = number;
                return RuleOutcome.NoMatch;
            }

            output = _replacement.Expand(match);
            return RuleOutcome.Matched;
        }
        catch (RegexMatchTimeoutException)
        {
            output = number;
            return RuleOutcome.TimedOut;
        }
    }

    private static string Groups(int count) => count switch
    {
        0 => "no groups",
        1 => "only 1 group",
        _ => $"only {count} groups",
    };
}
