using System.Text;

namespace Ecsta.Plugins.NumberRules;

/// <summary>
/// The literal text a search expression requires at the start of the number, such as <c>80</c> for <c>^80(.*)</c>
/// or <c>+4930</c> for <c>^\+4930(.*)</c>. A number that does not start with it cannot match, so the expression need
/// not run: most rules are anchored this way, and the check costs a few nanoseconds where running an expression
/// costs tens. The prefix is conservative: empty whenever the expression is not plainly <c>^literal…</c>.
/// </summary>
internal static class LiteralPrefix
{
    private const string Special = @"\[](){}.*+?|^$";

    /// <summary>The required prefix, or an empty string when none can be read safely.</summary>
    public static string Of(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);

        // '^' must anchor at the start (no Multiline option is used); an alternation anywhere could escape the anchor.
        if (pattern.Length < 2 || pattern[0] != '^' || pattern.Contains('|', StringComparison.Ordinal))
        {
            return "";
        }

        var prefix = new StringBuilder();
        var i = 1;
        while (i < pattern.Length)
        {
            char literal;
            int next;
            if (pattern[i] == '\\')
            {
                // Only an escaped punctuation character is a literal; \d, \1, \u0041 and the like end the prefix.
                if (i + 1 >= pattern.Length || !Special.Contains(pattern[i + 1], StringComparison.Ordinal) && !IsEscapablePunctuation(pattern[i + 1]))
                {
                    break;
                }

                literal = pattern[i + 1];
                next = i + 2;
            }
            else if (Special.Contains(pattern[i], StringComparison.Ordinal))
            {
                break;
            }
            else
            {
                literal = pattern[i];
                next = i + 1;
            }

            if (next < pattern.Length && pattern[next] is '*' or '?' or '{')
            {
                // The literal is optional or counted: it is not required, and nothing after it is at a fixed place.
                break;
            }

            prefix.Append(literal);
            if (next < pattern.Length && pattern[next] == '+')
            {
                break;
            }

            i = next;
        }

        return prefix.ToString();
    }

    private static bool IsEscapablePunctuation(char c) => c is '#' or ' ' or '-' or '/' or ',' or ':' or ';' or '=' or '!' or '<' or '>' or '@' or '%' or '&' or '\'' or '"' or '~' or '`' or '_';
}
