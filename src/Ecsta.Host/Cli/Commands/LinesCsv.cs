using System.Text;
using Ecsta.Tsp.Configuration;

namespace Ecsta.Host.Cli.Commands;

/// <summary>One data row of a lines file: the file line it starts on and its values (null = the column is absent).</summary>
internal sealed record LinesCsvRow(int LineNumber, string UserId, string? Number, string? Name);

/// <summary>A problem with one line of a lines file.</summary>
internal sealed record LinesCsvProblem(int LineNumber, string Message)
{
    public override string ToString() => $"line {LineNumber}: {Message}";
}

/// <summary>The rows of a lines file, or the problems that stop it from being imported.</summary>
internal sealed record LinesCsvContent(IReadOnlyList<LinesCsvRow> Rows, IReadOnlyList<LinesCsvProblem> Problems, bool HasNumber, bool HasName);

/// <summary>
/// The CSV form of an instance's lines (<c>ecsta lines import|export</c>): UTF-8 (a byte order mark is accepted),
/// a header naming the columns <c>userId;number;name</c>, semicolons between fields as the German Excel writes them
/// (a comma-separated file is accepted when its header uses commas), fields quoted with <c>"</c> where they contain
/// the separator, a quote or a line break (<c>""</c> is a quote inside a quoted field).
/// </summary>
internal static class LinesCsv
{
    /// <summary>The largest file accepted (8 MiB: far more than any group's lines).</summary>
    public const int MaxChars = 8 * 1024 * 1024;

    public const string UserIdColumn = "userId";
    public const string NumberColumn = "number";
    public const string NameColumn = "name";

    /// <summary>The header <see cref="Write"/> writes.</summary>
    public const string Header = "userId;number;name";

    private const char Quote = '"';

    /// <summary>The lines as CSV text: the header, then one row per line, each ending with a line feed.</summary>
    public static string Write(IEnumerable<LineConfiguration> lines)
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        foreach (var line in lines)
        {
            text.Append(Field(Inert(line.UserId), ';')).Append(';')
                .Append(Field(Inert(line.Number), ';')).Append(';')
                .Append(Field(Inert(line.Name), ';')).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// A cell a spreadsheet would evaluate (it starts with <c>= + - @</c>, a tab or a carriage return: "CSV injection")
    /// is written behind an apostrophe, which Excel and LibreOffice show as text and drop when they save the file.
    /// Reading takes such an apostrophe off again (<see cref="Live"/>), so an exported file imports unchanged.
    /// </summary>
    public static string Inert(string value) => value.Length > 0 && IsFormulaStart(value[0]) ? "'" + value : value;

    /// <summary>Undoes <see cref="Inert"/>.</summary>
    public static string Live(string value) => value.Length > 1 && value[0] == '\'' && IsFormulaStart(value[1]) ? value[1..] : value;

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>A field as written: quoted when it holds the separator, a quote, a line break or outer spaces.</summary>
    public static string Field(string value, char separator)
    {
        var needsQuotes = value.Contains(separator, StringComparison.Ordinal) || value.Contains(Quote, StringComparison.Ordinal)
            || value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal)
            || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])));
        return needsQuotes ? Quote + value.Replace("\"", "\"\"", StringComparison.Ordinal) + Quote : value;
    }

    /// <summary>Reads a lines file; every problem found is listed with its line, none stops the reading early.</summary>
    public static LinesCsvContent Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<LinesCsvProblem>();
        if (text.Length > MaxChars)
        {
            problems.Add(new LinesCsvProblem(1, $"the file is larger than {MaxChars / 1024 / 1024} MiB"));
            return new LinesCsvContent([], problems, false, false);
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var separator = SeparatorOf(text);
        var records = Records(text, separator, problems);
        if (records.Count == 0)
        {
            problems.Add(new LinesCsvProblem(1, $"the file is empty; the first line must be the header {Header}"));
            return new LinesCsvContent([], problems, false, false);
        }

        var header = records[0];
        var columns = Columns(header, separator, problems);
        if (columns is null)
        {
            return new LinesCsvContent([], problems, false, false);
        }

        var rows = new List<LinesCsvRow>();
        var firstSeen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.All(f => f.Length == 0))
            {
                continue;
            }

            if (record.Fields.Count != header.Fields.Count)
            {
                problems.Add(new LinesCsvProblem(record.LineNumber, $"{record.Fields.Count} fields, but the header names {header.Fields.Count}"));
                continue;
            }

            string? Value(string column) => columns.TryGetValue(column, out var index) ? Live(record.Fields[index]) : null;
            var userId = Value(UserIdColumn)!;
            if (userId.Length == 0)
            {
                problems.Add(new LinesCsvProblem(record.LineNumber, "userId is empty"));
                continue;
            }

            if (firstSeen.TryGetValue(userId, out var first))
            {
                problems.Add(new LinesCsvProblem(record.LineNumber, $"userId '{userId}' is listed twice (first on line {first})"));
                continue;
            }

            firstSeen[userId] = record.LineNumber;
            rows.Add(new LinesCsvRow(record.LineNumber, userId, Value(NumberColumn), Value(NameColumn)));
        }

        return new LinesCsvContent(rows, problems, columns.ContainsKey(NumberColumn), columns.ContainsKey(NameColumn));
    }

    /// <summary>The header decides the separator: a semicolon if it has one, else a comma if it has one, else a semicolon.</summary>
    private static char SeparatorOf(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return header.Contains(';', StringComparison.Ordinal) || !header.Contains(',', StringComparison.Ordinal) ? ';' : ',';
    }

    private static Dictionary<string, int>? Columns(CsvRecord header, char separator, List<LinesCsvProblem> problems)
    {
        var known = new[] { UserIdColumn, NumberColumn, NameColumn };
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var count = problems.Count;
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i];
            var column = known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (column is null)
            {
                problems.Add(new LinesCsvProblem(header.LineNumber, $"unknown column '{name}' in the header (the columns are {string.Join(separator, known)})"));
            }
            else if (!columns.TryAdd(column, i))
            {
                problems.Add(new LinesCsvProblem(header.LineNumber, $"the header names the column '{column}' twice"));
            }
        }

        if (problems.Count == count && !columns.ContainsKey(UserIdColumn))
        {
            problems.Add(new LinesCsvProblem(header.LineNumber, $"the header must name the column {UserIdColumn} (the columns are {string.Join(separator, known)})"));
        }

        return problems.Count == count ? columns : null;
    }

    private sealed record CsvRecord(int LineNumber, List<string> Fields);

    /// <summary>Splits the text into records (RFC 4180 with a chosen separator); unquoted fields are trimmed.</summary>
    private static List<CsvRecord> Records(string text, char separator, List<LinesCsvProblem> problems)
    {
        var records = new List<CsvRecord>();
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var broken = false;
            while (true)
            {
                var field = new StringBuilder();
                if (i < text.Length && text[i] == Quote)
                {
                    var quoteLine = line;
                    i++;
                    var closed = false;
                    while (i < text.Length)
                    {
                        var c = text[i];
                        if (c == Quote)
                        {
                            if (i + 1 < text.Length && text[i + 1] == Quote)
                            {
                                field.Append(Quote);
                                i += 2;
                                continue;
                            }

                            i++;
                            closed = true;
                            break;
                        }

                        if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
                        {
                            line++;
                        }

                        field.Append(c);
                        i++;
                    }

                    if (!closed)
                    {
                        problems.Add(new LinesCsvProblem(quoteLine, "a quoted field is not closed"));
                        return records;
                    }

                    var after = i;
                    while (i < text.Length && text[i] is ' ' or '\t')
                    {
                        i++;
                    }

                    if (i < text.Length && text[i] != separator && text[i] != '\r' && text[i] != '\n')
                    {
                        if (!broken)
                        {
                            problems.Add(new LinesCsvProblem(line, $"text after a closing quote (at \"{text[after..Math.Min(text.Length, after + 10)]}\")"));
                        }

                        broken = true;
                        while (i < text.Length && text[i] != separator && text[i] != '\r' && text[i] != '\n')
                        {
                            i++;
                        }
                    }

                    fields.Add(field.ToString());
                }
                else
                {
                    while (i < text.Length && text[i] != separator && text[i] != '\r' && text[i] != '\n')
                    {
                        field.Append(text[i]);
                        i++;
                    }

                    var value = field.ToString().Trim();
                    if (value.Contains(Quote, StringComparison.Ordinal) && !broken)
                    {
                        problems.Add(new LinesCsvProblem(line, $"a quote inside an unquoted field ('{value}'); quote the whole field and double the quote"));
                        broken = true;
                    }

                    fields.Add(value);
                }

                if (i < text.Length && text[i] == separator)
                {
                    i++;
                    continue;
                }

                break;
            }

            if (i < text.Length && text[i] == '\r')
            {
                i++;
            }

            if (i < text.Length && text[i] == '\n')
            {
                i++;
            }

            line++;
            if (!broken)
            {
                records.Add(new CsvRecord(start, fields));
            }
        }

        return records;
    }
}
