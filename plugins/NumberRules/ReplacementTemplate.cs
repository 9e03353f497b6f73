using System.Text;
using System.Text.RegularExpressions;

namespace Ecsta.Plugins.NumberRules;

/// <summary>
/// A parsed "replace with" text: literal parts and group references. <c>\0</c> is the whole match,
/// <c>\1</c> to <c>\9</c> the search's groups (one digit, as in the manual), <c>\\</c> a backslash;
/// every other character is literal.
/// </summary>
internal sealed class ReplacementTemplate
{
    private readonly Part[] _parts;

    private ReplacementTemplate(Part[] parts)
    {
        _parts = parts;
        Groups = [.. parts.Where(p => p.Literal is null).Select(p => p.Group).Distinct().Order()];
    }

    /// <summary>The groups the replacement refers to, in ascending order.</summary>
    public IReadOnlyList<int> Groups { get; }

    /// <summary>An empty replacement suppresses the number.</summary>
    public bool Suppresses => _parts.Length == 0;

    /// <summary>Parses a replacement; <see langword="null"/> with the problem in words (naming the position) when it is malformed.</summary>
    public static ReplacementTemplate? Parse(string replacement, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var parts = new List<Part>();
        var literal = new StringBuilder();
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c != '\\')
            {
                literal.Append(c);
                continue;
            }

            var next = i + 1 < replacement.Length ? replacement[i + 1] : '\0';
            if (next == '\\')
            {
                literal.Append('\\');
                i++;
            }
            else if (char.IsAsciiDigit(next))
            {
                if (literal.Length > 0)
                {
                    parts.Add(new Part(literal.ToString(), -1));
                    literal.Clear();
                }

                parts.Add(new Part(null, next - '0'));
                i++;
            }
            else
            {
                problem = $"The replacement has a backslash at position {i} that is not followed by a group number (\\1 to \\9); write \\\\ for a backslash.";
                return null;
            }
        }

        if (literal.Length > 0)
        {
            parts.Add(new Part(literal.ToString(), -1));
        }

        problem = null;
        return new ReplacementTemplate([.. parts]);
    }

    /// <summary>The output for a regular expression match; a group that took no part is empty.</summary>
    public string? Expand(Match match)
    {
        if (Suppresses)
        {
            return null;
        }

        var length = 0;
        foreach (var part in _parts)
        {
            length += part.Literal?.Length ?? match.Groups[part.Group].Length;
        }

        return string.Create(length, (Parts: _parts, Match: match), static (span, state) =>
        {
            foreach (var part in state.Parts)
            {
                var text = part.Literal is null ? state.Match.Groups[part.Group].ValueSpan : part.Literal.AsSpan();
                text.CopyTo(span);
                span = span[text.Length..];
            }
        });
    }

    /// <summary>The output for a direct comparison (or a search without groups): <c>\0</c> is the whole number.</summary>
    public string? Expand(string number)
    {
        if (Suppresses)
        {
            return null;
        }

        var length = 0;
        foreach (var part in _parts)
        {
            length += part.Literal?.Length ?? number.Length;
        }

        return string.Create(length, (Parts: _parts, Number: number), static (span, state) =>
        {
            foreach (var part in state.Parts)
            {
                var text = (part.Literal ?? state.Number).AsSpan();
                text.CopyTo(span);
                span = span[text.Length..];
            }
        });
    }

    private readonly record struct Part(string? Literal, int Group);
}
