using Ecsta.Abstractions.Transports;

namespace Ecsta.Host.Cli.Commands;

/// <summary>
/// Finds the BroadWorks user of each number of a file in the manual's format among the lines read once from the group
/// directory (<see cref="IPlatformLink.ReadLinesAsync"/>, as <c>ecsta lines read</c> reads them). A number matches, in
/// this order, a user's number as the directory shows it, the same number without separators (<c>+49 30 123-100</c> =
/// <c>+4930123100</c>), the same digits with or without a leading <c>+</c>, or a user's extension. Every entry that
/// matches no user, several users, or a user an earlier line matched already is a problem with its file line.
/// </summary>
internal static class LinesDirectoryMatch
{
    /// <summary>
    /// The entries as rows with user ids (the number without separators; the file's name, else the directory's), or the
    /// problems; <paramref name="source"/> names where the lines came from in the problems (e.g. <c>the group directory</c>).
    /// </summary>
    public static LinesCsvContent Resolve(IReadOnlyList<LinesManualEntry> entries, IReadOnlyList<PlatformLine> directory, string source)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(directory);
        var shown = Index(directory, l => l.Number?.Trim());
        var normalised = Index(directory, l => Normalised(l.Number));
        var digits = Index(directory, l => Normalised(l.Number)?.TrimStart('+'));
        var extensions = Index(directory, l => Normalised(l.Extension));

        var rows = new List<LinesCsvRow>();
        var problems = new List<LinesCsvProblem>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var number = LinesManualFormat.Dialable(entry.Number);
            var users = Find(shown, entry.Number.Trim()) ?? Find(normalised, number) ?? Find(digits, number.TrimStart('+')) ?? Find(extensions, number);
            if (users is null)
            {
                problems.Add(new LinesCsvProblem(entry.LineNumber, $"number '{entry.Number}' is not in {source}"));
                continue;
            }

            if (users.Count > 1)
            {
                problems.Add(new LinesCsvProblem(entry.LineNumber, $"number '{entry.Number}' is ambiguous in {source}: {string.Join(", ", users.Select(u => u.UserId))}"));
                continue;
            }

            var user = users[0];
            if (!firstLineOf.TryAdd(user.UserId, entry.LineNumber))
            {
                problems.Add(new LinesCsvProblem(entry.LineNumber, $"number '{entry.Number}' is the line of {user.UserId} again (first on line {firstLineOf[user.UserId]})"));
                continue;
            }

            rows.Add(new LinesCsvRow(entry.LineNumber, user.UserId, number, entry.Name ?? user.Name));
        }

        return new LinesCsvContent(rows, problems, HasNumber: true, HasName: true);
    }

    private static string? Normalised(string? number) =>
        string.IsNullOrWhiteSpace(number) ? null : LinesManualFormat.Dialable(number.Trim());

    /// <summary>The lines by a key (empty keys left out), each key's users distinct.</summary>
    private static Dictionary<string, List<PlatformLine>> Index(IReadOnlyList<PlatformLine> directory, Func<PlatformLine, string?> key)
    {
        var index = new Dictionary<string, List<PlatformLine>>(StringComparer.Ordinal);
        foreach (var line in directory)
        {
            if (key(line) is not { Length: > 0 } k)
            {
                continue;
            }

            if (!index.TryGetValue(k, out var users))
            {
                index[k] = users = [];
            }

            if (!users.Any(u => LinesEditing.SameUser(u.UserId, line.UserId)))
            {
                users.Add(line);
            }
        }

        return index;
    }

    private static List<PlatformLine>? Find(Dictionary<string, List<PlatformLine>> index, string key) =>
        key.Length > 0 && index.TryGetValue(key, out var users) ? users : null;
}
