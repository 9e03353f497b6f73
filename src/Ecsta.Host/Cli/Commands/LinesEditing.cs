using System.Globalization;
using Ecsta.Tsp.Configuration;

namespace Ecsta.Host.Cli.Commands;

/// <summary>What an import or a read changed in an instance's lines.</summary>
internal sealed record LinesChange(int Added, int Updated, int Removed);

/// <summary>
/// Changes an instance's line list and saves it after the one validation of the configuration
/// (<see cref="ConfigurationValidator"/>); a problem with a line is reported with the file line it came from.
/// </summary>
internal static class LinesEditing
{
    /// <summary>
    /// Merges the rows into the lines by user id (case-insensitive): a known user gets the values of the columns the
    /// file has (an absent column keeps the stored value), a new user is appended. With <paramref name="replace"/> the
    /// list becomes the rows, in file order. Returns the change and, per resulting list index, the file line.
    /// </summary>
    public static (LinesChange Change, Dictionary<int, int> SourceLines) Merge(InstanceConfiguration instance, LinesCsvContent content, bool replace)
    {
        var sourceLines = new Dictionary<int, int>();
        if (replace)
        {
            var kept = content.Rows.Count(r => instance.Lines.Any(l => SameUser(l.UserId, r.UserId)));
            var removed = instance.Lines.Count - kept;
            instance.Lines = [.. content.Rows.Select(r => new LineConfiguration { UserId = r.UserId, Number = r.Number ?? "", Name = r.Name ?? "" })];
            for (var i = 0; i < content.Rows.Count; i++)
            {
                sourceLines[i] = content.Rows[i].LineNumber;
            }

            return (new LinesChange(content.Rows.Count - kept, kept, removed), sourceLines);
        }

        var added = 0;
        var updated = 0;
        foreach (var row in content.Rows)
        {
            var index = instance.Lines.FindIndex(l => SameUser(l.UserId, row.UserId));
            if (index < 0)
            {
                instance.Lines.Add(new LineConfiguration { UserId = row.UserId, Number = row.Number ?? "", Name = row.Name ?? "" });
                index = instance.Lines.Count - 1;
                added++;
            }
            else
            {
                var line = instance.Lines[index];
                line.Number = row.Number ?? line.Number;
                line.Name = row.Name ?? line.Name;
                updated++;
            }

            sourceLines[index] = row.LineNumber;
        }

        return (new LinesChange(added, updated, 0), sourceLines);
    }

    /// <summary>Validates the instance and saves the configuration; nothing is written when a value is refused.</summary>
    public static void SaveValidated(CliContext context, EcstaConfiguration configuration, InstanceConfiguration instance, IReadOnlyDictionary<int, int>? sourceLines = null)
    {
        var errors = context.Validator.Validate(instance);
        if (errors.Count > 0)
        {
            var described = errors.Select(e => Describe(e, sourceLines)).ToList();
            throw new CliFailure(Summary(described));
        }

        context.Store.Save(configuration);
    }

    /// <summary>Problems as one line: the first ten, then how many more.</summary>
    public static string Summary(IReadOnlyList<string> problems) =>
        problems.Count <= 10
            ? string.Join("; ", problems)
            : string.Join("; ", problems.Take(10)) + string.Create(CultureInfo.InvariantCulture, $"; and {problems.Count - 10} more problems");

    /// <summary>Whether two user ids name the same user (BroadWorks user ids are case-insensitive).</summary>
    public static bool SameUser(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>A line's error named by the file line it came from (<c>line 4: number '12a' is not ...</c>), else by its field.</summary>
    private static string Describe(ValidationError error, IReadOnlyDictionary<int, int>? sourceLines)
    {
        const string prefix = "lines[";
        if (sourceLines is not null && error.Field.StartsWith(prefix, StringComparison.Ordinal))
        {
            var close = error.Field.IndexOf(']', StringComparison.Ordinal);
            if (close > prefix.Length
                && int.TryParse(error.Field.AsSpan(prefix.Length, close - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && sourceLines.TryGetValue(index, out var fileLine))
            {
                var field = error.Field[(close + 1)..].TrimStart('.');
                return string.Create(CultureInfo.InvariantCulture, $"line {fileLine}: {field} {error.Message}");
            }
        }

        return error.ToString();
    }
}
