using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Ecsta.Abstractions.NumberFormatting;

namespace Ecsta.Plugins.NumberRules;

/// <summary>
/// Compiles search expressions once and caches them. Every expression the non-backtracking engine can run
/// (no backreferences, lookarounds, atomic groups or conditionals) runs there, in time linear in the number's
/// length; any other expression runs on the compiled backtracking engine with a match timeout.
/// </summary>
internal sealed class SearchCompiler
{
    /// <summary>Longest search expression accepted.</summary>
    public const int MaxSearchLength = 1000;

    private const int MaxCachedExpressions = 1024;
    private const RegexOptions Common = RegexOptions.CultureInvariant;

    private readonly ConcurrentDictionary<string, CompiledSearch> _cache = new(StringComparer.Ordinal);

    public SearchCompiler(TimeSpan matchTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(matchTimeout, TimeSpan.Zero);
        MatchTimeout = matchTimeout;
    }

    /// <summary>The time a backtracking expression may take on one number before it is abandoned.</summary>
    public TimeSpan MatchTimeout { get; }

    /// <summary>Compiles (or finds in the cache) a search expression; <see langword="null"/> with a problem when it does not compile.</summary>
    public CompiledSearch? Compile(string pattern, out RuleProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (_cache.TryGetValue(pattern, out var cached))
        {
            problem = null;
            return cached;
        }

        CompiledSearch search;
        try
        {
            // Linear in the number's length: no timeout, so a busy machine cannot make a good rule fail.
            search = new CompiledSearch(new Regex(pattern, Common | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout), Linear: true);
        }
        catch (RegexParseException e)
        {
            problem = Describe(e);
            return null;
        }
        catch (NotSupportedException)
        {
            // Backreferences, lookarounds and the like: the backtracking engine, bounded by the timeout.
            search = new CompiledSearch(new Regex(pattern, Common | RegexOptions.Compiled, MatchTimeout), Linear: false);
        }

        if (_cache.Count < MaxCachedExpressions)
        {
            search = _cache.GetOrAdd(pattern, search);
        }

        problem = null;
        return search;
    }

    private static RuleProblem Describe(RegexParseException e) =>
        new($"The search expression does not compile at position {e.Offset}: {Words(e.Error)}.", e.Offset);

    /// <summary><c>InsufficientClosingParentheses</c> → <c>insufficient closing parentheses</c>.</summary>
    private static string Words(RegexParseError error)
    {
        var name = error.ToString();
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append(' ');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}

/// <summary>A compiled search expression.</summary>
/// <param name="Regex">The expression.</param>
/// <param name="Linear"><see langword="true"/> when it runs on the non-backtracking engine.</param>
internal sealed record CompiledSearch(Regex Regex, bool Linear);
