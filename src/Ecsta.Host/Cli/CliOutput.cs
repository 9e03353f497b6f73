using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Ecsta.Host.Cli;

/// <summary>Prints tables for people and JSON for machines.</summary>
internal static class CliOutput
{
    private static readonly JsonSerializerSettings JsonSettings = new()
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        Formatting = Formatting.Indented,
        NullValueHandling = NullValueHandling.Include,
        Converters = { new Newtonsoft.Json.Converters.StringEnumConverter(new CamelCaseNamingStrategy()) },
    };

    public static void WriteJson(TextWriter writer, object? value) => writer.WriteLine(JsonConvert.SerializeObject(value, JsonSettings));

    public static void WriteTable(TextWriter writer, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        string Line(IReadOnlyList<string> cells) =>
            string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
        writer.WriteLine(Line(headers));
        foreach (var row in all)
        {
            writer.WriteLine(Line(row));
        }
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
