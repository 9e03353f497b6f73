using System.Composition;
using Ecsta.Abstractions.NumberFormatting;
using Serilog;

namespace Ecsta.Plugins.NumberRules;

/// <summary>
/// The number rules plugin: checks rules when they are saved and builds the formatter of an instance.
/// Search expressions are compiled once and shared by every formatter this factory builds.
/// </summary>
[Export(typeof(INumberFormatterFactory))]
[Shared]
public sealed class NumberFormatterFactory : INumberFormatterFactory
{
    /// <summary>How long a backtracking search may run on one number before it is abandoned.</summary>
    public static readonly TimeSpan DefaultMatchTimeout = TimeSpan.FromMilliseconds(50);

    private readonly SearchCompiler _compiler;
    private readonly ILogger? _logger;

    /// <summary>Creates the factory with the default match timeout; each formatter logs to its settings' <see cref="NumberFormattingSettings.Log"/>.</summary>
    public NumberFormatterFactory()
        : this(DefaultMatchTimeout, null)
    {
    }

    /// <summary>Creates the factory with a match timeout and a logger for formatters whose settings name none (tests).</summary>
    internal NumberFormatterFactory(TimeSpan matchTimeout, ILogger? logger)
    {
        _compiler = new SearchCompiler(matchTimeout);
        _logger = logger;
    }

    /// <inheritdoc />
    public RuleProblem? Validate(NumberRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        CompiledRule.Compile(rule, _compiler, out var problem);
        return problem;
    }

    /// <inheritdoc />
    public INumberFormatter Create(NumberFormattingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new NumberFormatter(
            ExtensionLocation.From(settings.Location),
            CompileAll(settings.Incoming, NumberDirection.Incoming),
            CompileAll(settings.Outgoing, NumberDirection.Outgoing),
            CompileAll(settings.Dial, NumberDirection.Dial),
            _compiler.MatchTimeout,
            (settings.Log ?? _logger ?? Serilog.Core.Logger.None).ForContext<NumberFormatter>());
    }

    private CompiledRule[] CompileAll(IReadOnlyList<NumberRule>? rules, NumberDirection direction)
    {
        if (rules is null || rules.Count == 0)
        {
            return [];
        }

        var compiled = new CompiledRule[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            compiled[i] = CompiledRule.Compile(rules[i], _compiler, out var problem)
                ?? throw new ArgumentException($"{direction} rule {i + 1} is refused: {problem!.Message}", nameof(rules));
        }

        return compiled;
    }
}
