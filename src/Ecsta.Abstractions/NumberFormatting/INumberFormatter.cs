namespace Ecsta.Abstractions.NumberFormatting;

/// <summary>One step of formatting a number, for <c>ecsta rules test</c>.</summary>
/// <param name="Step">What was applied (e.g. <c>location</c>, <c>rule 2</c>).</param>
/// <param name="Output">The number after the step, or <see langword="null"/> when suppressed.</param>
public sealed record FormatStep(string Step, string? Output);

/// <summary>The result of formatting with an explanation.</summary>
/// <param name="Input">The number given.</param>
/// <param name="Output">The result, or <see langword="null"/> when an empty replacement suppressed it.</param>
/// <param name="MatchedRule">Index (0-based) of the rule that matched, or <see langword="null"/> when none did.</param>
/// <param name="Steps">Each step in order.</param>
public sealed record FormatResult(string Input, string? Output, int? MatchedRule, IReadOnlyList<FormatStep> Steps);

/// <summary>Formats numbers for one instance. Implementations are immutable and thread-safe.</summary>
public interface INumberFormatter
{
    /// <summary>Formats a number; <see langword="null"/> means suppressed.</summary>
    string? Format(NumberDirection direction, string number);

    /// <summary>Formats a number and says how.</summary>
    FormatResult Explain(NumberDirection direction, string number);
}

/// <summary>A problem with a rule, found when it is saved.</summary>
/// <param name="Message">What is wrong, in words.</param>
/// <param name="Position">0-based position in the search expression, when known.</param>
public sealed record RuleProblem(string Message, int? Position);

/// <summary>The number rules plugin's entry point, exported with <c>[Export(typeof(INumberFormatterFactory))]</c>.</summary>
public interface INumberFormatterFactory
{
    /// <summary>Checks a rule; <see langword="null"/> when it is fine.</summary>
    RuleProblem? Validate(NumberRule rule);

    /// <summary>Builds a formatter; throws <see cref="ArgumentException"/> when a rule is invalid.</summary>
    INumberFormatter Create(NumberFormattingSettings settings);
}
