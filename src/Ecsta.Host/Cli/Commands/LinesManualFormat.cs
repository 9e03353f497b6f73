using System.Text.RegularExpressions;
using Ecsta.Tsp.Runtime;

namespace Ecsta.Host.Cli.Commands;

/// <summary>One line of a lines file in the manual's format: its file line, the number as written (trimmed), the name or null.</summary>
internal sealed record LinesManualEntry(int LineNumber, string Number, string? Name);

/// <summary>The entries of a lines file in the manual's format, or the problems that stop it from being imported.</summary>
internal sealed record LinesManualContent(IReadOnlyList<LinesManualEntry> Entries, IReadOnlyList<LinesCsvProblem> Problems);

/// <summary>
/// The original product's lines file (manual 4.4, "Extras - Leitungen importieren"): a text file whose every line
/// begins with the phone number, optionally followed by a comma and the name (the rest of the line, commas and all).
/// Blank lines are skipped, numbers and names trimmed. It has no header and no user ids: the user ids come from the
/// group directory (<see cref="LinesDirectoryMatch"/>). Parsing only: no I/O, so the CLI and the dialog share it.
/// </summary>
internal static partial class LinesManualFormat
{
    [GeneratedRegex(@"^\+?[0-9]{1,32}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PhoneNumber();

    /// <summary>
    /// Whether the text is in the manual's format rather than CSV: its first non-blank line begins with a phone number
    /// (a digit, <c>+</c> or <c>(</c>), where a CSV file begins with its header (<c>userId;number;name</c>).
    /// </summary>
    public static bool Recognises(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = Lines(text).Select(l => l.Text.Trim()).FirstOrDefault(l => l.Length > 0);
        return first is not null && (char.IsAsciiDigit(first[0]) || first[0] is '+' or '(');
    }

    /// <summary>Reads the entries; every problem is listed with its line, none stops the reading early.</summary>
    public static LinesManualContent Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<LinesManualEntry>();
        var problems = new List<LinesCsvProblem>();
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        if (text.Length > LinesCsv.MaxChars)
        {
            problems.Add(new LinesCsvProblem(1, $"the file is larger than {LinesCsv.MaxChars / 1024 / 1024} MiB"));
            return new LinesManualContent(entries, problems);
        }

        foreach (var (lineNumber, line) in Lines(text))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            var comma = trimmed.IndexOf(',', StringComparison.Ordinal);
            var number = (comma < 0 ? trimmed : trimmed[..comma]).Trim();
            var name = comma < 0 ? null : trimmed[(comma + 1)..].Trim();
            if (number.Length == 0)
            {
                problems.Add(new LinesCsvProblem(lineNumber, "the line does not begin with a phone number"));
                continue;
            }

            var dialable = Dialable(number);
            if (!PhoneNumber().IsMatch(dialable))
            {
                problems.Add(new LinesCsvProblem(lineNumber, $"'{number}' is not a phone number (digits, optional leading +; spaces and - ( ) . / are ignored)"));
                continue;
            }

            if (!firstSeen.TryAdd(dialable, lineNumber))
            {
                problems.Add(new LinesCsvProblem(lineNumber, $"number '{number}' is listed twice (first on line {firstSeen[dialable]})"));
                continue;
            }

            entries.Add(new LinesManualEntry(lineNumber, number, name is { Length: > 0 } ? name : null));
        }

        return new LinesManualContent(entries, problems);
    }

    /// <summary>A number without the separators people and BroadWorks write (<c>+49 30 123-100</c> becomes <c>+4930123100</c>).</summary>
    public static string Dialable(string number) => InstanceLinks.WithoutSeparators(number);

    /// <summary>The lines of the text with their 1-based numbers (CR LF, LF or CR end a line; a byte order mark is skipped).</summary>
    private static IEnumerable<(int Number, string Text)> Lines(string text)
    {
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var number = 1;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                yield return (number++, text[start..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return (number, text[start..]);
        }
    }
}
