using System.Text;
using Ecsta.Host.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Tests.Cli;

/// <summary>`ecsta lines list|import|export` on a configuration file in a temporary folder.</summary>
public sealed class LinesCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Config => _temp.File("ecsta.json");

    private static Task<CliResult> Run(string config, string? stdin, params string[] args) => TestSupport.Cli.RunAsync(config, stdin, args);

    private async Task AddInstanceAsync(params string[] lines)
    {
        var result = await Run(Config, null, ["instance", "add", "office", "--mode", "server", "--host", "xsp.example.com", "--user", "admin@example.com", .. lines.SelectMany(l => new[] { "--line", l })]);
        Assert.True(result.ExitCode == 0, result.Error);
    }

    private string WriteFile(string name, string text, bool bom = false)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, text, new UTF8Encoding(bom));
        return path;
    }

    [Fact]
    public async Task Concurrent_imports_never_lose_a_saved_line_and_a_refused_one_says_to_run_again()
    {
        await AddInstanceAsync("alice@example.com");
        var files = Enumerable.Range(1, 6).Select(n => WriteFile($"concurrent{n}.csv", $"userId;number;name\nuser{n}@example.com;10{n};User {n}\n")).ToList();

        var results = await Task.WhenAll(files.Select(file => Task.Run(() => Run(Config, null, "lines", "import", "office", file))));

        var saved = (await ListAsync()).Select(l => (string)l["userId"]!).ToList();
        for (var n = 1; n <= 6; n++)
        {
            var result = results[n - 1];
            if (result.ExitCode == 0)
            {
                Assert.Contains($"user{n}@example.com", saved);
            }
            else
            {
                Assert.Contains("changed since it was read", result.Error, StringComparison.Ordinal);
                Assert.DoesNotContain($"user{n}@example.com", saved);
            }
        }

        Assert.Contains("alice@example.com", saved);
        Assert.Equal(1 + results.Count(r => r.ExitCode == 0), saved.Count);
    }

    private async Task<JArray> ListAsync()
    {
        var list = await Run(Config, null, "lines", "list", "office", "--json");
        Assert.True(list.ExitCode == 0, list.Error);
        return JArray.Parse(list.Output);
    }

    private static IEnumerable<(string?, string?, string?)> Triples(JArray lines) =>
        lines.Select(l => (l["userId"]?.Value<string>(), l["number"]?.Value<string>(), l["name"]?.Value<string>()));

    [Fact]
    public async Task List_shows_the_configured_lines_as_a_table_and_as_JSON_with_every_stored_field()
    {
        await AddInstanceAsync("alice@example.com,+4930555100,Alice Albers", "bob@example.com,101,Bob Brandt");
        var stored = JObject.Parse(File.ReadAllText(Config));
        stored["instances"]![0]!["lines"]![1]!["futureSetting"] = "kept";
        File.WriteAllText(Config, stored.ToString());

        var table = await Run(Config, null, "lines", "list", "office");
        var json = await ListAsync();

        Assert.Equal(0, table.ExitCode);
        var rows = table.Output.TrimEnd().Split('\n');
        Assert.Equal(3, rows.Length);
        Assert.StartsWith("USERID", rows[0], StringComparison.Ordinal);
        Assert.Contains("alice@example.com  +4930555100  Alice Albers", rows[1], StringComparison.Ordinal);
        Assert.Equal([("alice@example.com", "+4930555100", "Alice Albers"), ("bob@example.com", "101", "Bob Brandt")], Triples(json));
        Assert.Equal("kept", json[1]!["futureSetting"]!.Value<string>());
    }

    [Fact]
    public async Task List_of_an_unknown_instance_fails_with_one_line()
    {
        await AddInstanceAsync();

        var list = await Run(Config, null, "lines", "list", "nowhere");

        Assert.Equal(1, list.ExitCode);
        Assert.Contains("no instance is named 'nowhere'", list.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_writes_the_header_and_quotes_only_fields_that_need_it()
    {
        await AddInstanceAsync("alice@example.com,+4930555100,Alice Albers");
        var stored = JObject.Parse(File.ReadAllText(Config));
        stored["instances"]![0]!["lines"]!.Last!.AddAfterSelf(new JObject { ["userId"] = "eve@example.com", ["number"] = "", ["name"] = "Müller; \"Evi\"" });
        File.WriteAllText(Config, stored.ToString());

        var export = await Run(Config, null, "lines", "export", "office");

        Assert.Equal(0, export.ExitCode);
        Assert.Equal("userId;number;name\nalice@example.com;'+4930555100;Alice Albers\neve@example.com;;\"Müller; \"\"Evi\"\"\"\n", export.Output);
    }

    [Fact]
    public async Task Export_writes_cells_a_spreadsheet_would_evaluate_as_text_and_import_reads_them_back_unchanged()
    {
        await AddInstanceAsync("alice@example.com,+4930555100,Alice");
        var stored = JObject.Parse(File.ReadAllText(Config));
        stored["instances"]![0]!["lines"]!.Last!.AddAfterSelf(new JObject { ["userId"] = "eve@example.com", ["number"] = "", ["name"] = "=HYPERLINK(\"http://evil.example\";\"x\")" });
        stored["instances"]![0]!["lines"]!.Last!.AddAfterSelf(new JObject { ["userId"] = "mal@example.com", ["number"] = "", ["name"] = "@SUM(1+1)" });
        File.WriteAllText(Config, stored.ToString());
        var before = Triples(await ListAsync());
        var file = _temp.File("formulas.csv");

        var export = await Run(Config, null, "lines", "export", "office", file);
        var text = File.ReadAllText(file);
        var import = await Run(Config, null, "lines", "import", "office", file, "--replace");

        Assert.Equal(0, export.ExitCode);
        Assert.Contains("eve@example.com;;\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"x\"\")\"", text, StringComparison.Ordinal);
        Assert.Contains("mal@example.com;;'@SUM(1+1)", text, StringComparison.Ordinal);
        Assert.DoesNotMatch("(^|;|\n)[=+\\-@]", text);
        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Equal(before, Triples(await ListAsync()));
    }

    [Fact]
    public async Task Export_to_a_file_and_import_with_replace_into_another_instance_round_trips_the_lines()
    {
        await AddInstanceAsync("alice@example.com,+4930555100,Jörg Ähnlich", "bob@example.com,101,Bob \"B\" Brandt");
        var file = _temp.File("lines.csv");
        var other = _temp.File("other.json");
        await Run(other, null, "instance", "add", "office", "--mode", "server", "--host", "xsp.example.com", "--user", "x@example.com", "--line", "old@example.com");

        var export = await Run(Config, null, "lines", "export", "office", file);
        var import = await Run(other, null, "lines", "import", "office", file, "--replace");

        Assert.Equal(0, export.ExitCode);
        Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(file).Take(3));
        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Contains("2 lines added, 0 updated, 1 removed", import.Output, StringComparison.Ordinal);
        var imported = JArray.Parse((await Run(other, null, "lines", "list", "office", "--json")).Output);
        Assert.Equal(Triples(await ListAsync()), Triples(imported));
    }

    [Fact]
    public async Task Import_merges_by_user_id_updating_known_lines_and_appending_new_ones()
    {
        await AddInstanceAsync("alice@example.com,100,Alice", "bob@example.com,101,Bob");
        var file = WriteFile("lines.csv", "userId;number;name\r\nBOB@example.com;+4930555101;Bob Brandt\r\n\r\n\"carol@example.com\";102;\"Carol\nConrad\"\r\n", bom: true);

        var import = await Run(Config, null, "lines", "import", "office", file);

        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Contains("1 lines added, 1 updated; 3 lines configured", import.Output, StringComparison.Ordinal);
        Assert.Equal(
            [("alice@example.com", "100", "Alice"), ("bob@example.com", "+4930555101", "Bob Brandt"), ("carol@example.com", "102", "Carol\nConrad")],
            Triples(await ListAsync()));
    }

    [Fact]
    public async Task Import_of_a_file_without_the_name_column_keeps_the_stored_names()
    {
        await AddInstanceAsync("alice@example.com,100,Alice Albers");

        var import = await Run(Config, "number;userId\n+4930555100;alice@example.com\n", "lines", "import", "office", "-");

        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Equal([("alice@example.com", "+4930555100", "Alice Albers")], Triples(await ListAsync()));
    }

    [Fact]
    public async Task Import_accepts_a_comma_separated_file_when_its_header_uses_commas()
    {
        await AddInstanceAsync();

        var import = await Run(Config, "userId,number,name\nalice@example.com,100,\"Albers, Alice\"\n", "lines", "import", "office", "-");

        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Equal([("alice@example.com", "100", "Albers, Alice")], Triples(await ListAsync()));
    }

    [Fact]
    public async Task Import_with_a_bad_row_names_its_line_and_problem_and_saves_nothing()
    {
        await AddInstanceAsync("alice@example.com,100,Alice");
        var before = File.ReadAllText(Config);
        var file = WriteFile("lines.csv", "userId;number;name\nbob@example.com;101;Bob\ncarol@example.com;12a;Carol\n");

        var import = await Run(Config, null, "lines", "import", "office", file);

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("line 3: number '12a' is not a phone number", import.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", import.Error, StringComparison.Ordinal);
        Assert.Single(import.Error.Trim().Split('\n'));
        Assert.Equal(before, File.ReadAllText(Config));
    }

    [Fact]
    public async Task Import_refuses_a_user_id_listed_twice_naming_both_lines()
    {
        await AddInstanceAsync();
        var before = File.ReadAllText(Config);

        var import = await Run(Config, "userId;number;name\nbob@example.com;101;Bob\nalice@example.com;100;Alice\nBob@Example.com;102;Bobby\n", "lines", "import", "office", "-");

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("line 4: userId 'Bob@Example.com' is listed twice (first on line 2)", import.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Config));
    }

    [Theory]
    [InlineData("number;name\n100;Alice\n", "line 1: the header must name the column userId")]
    [InlineData("userId;phone\nalice@example.com;100\n", "line 1: unknown column 'phone'")]
    [InlineData("alice@example.com;100;Alice\n", "line 1: unknown column 'alice@example.com'")]
    [InlineData("userId;number;name\nalice@example.com;100\n", "line 2: 2 fields, but the header names 3")]
    [InlineData("userId;number;name\n;100;Nobody\n", "line 2: userId is empty")]
    [InlineData("userId;number;name\nalice@example.com;100;\"Alice\n", "line 2: a quoted field is not closed")]
    [InlineData("userId;number;name\nalice@example.com;100;\"Alice\" Albers\n", "line 2: text after a closing quote")]
    [InlineData("userId;number;name\nalice@example.com;100;Al\"ice\n", "line 2: a quote inside an unquoted field")]
    [InlineData("", "line 1: the file is empty")]
    public async Task Import_refuses_a_malformed_file_with_the_line_and_the_problem(string csv, string expected)
    {
        await AddInstanceAsync("old@example.com");
        var before = File.ReadAllText(Config);

        var import = await Run(Config, csv, "lines", "import", "office", "-");

        Assert.Equal(1, import.ExitCode);
        Assert.Contains(expected, import.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Config));
    }

    [Fact]
    public async Task Import_of_a_file_that_is_not_UTF8_fails_and_saves_nothing()
    {
        await AddInstanceAsync();
        var before = File.ReadAllText(Config);
        var file = _temp.File("latin1.csv");
        File.WriteAllBytes(file, [.. Encoding.ASCII.GetBytes("userId;number;name\nalice@example.com;100;M"), 0xFC, (byte)'\n']);

        var import = await Run(Config, null, "lines", "import", "office", file);

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("is not UTF-8 text", import.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Config));
    }

    [Fact]
    public async Task Import_without_a_file_argument_is_bad_usage()
    {
        await AddInstanceAsync();

        var import = await Run(Config, null, "lines", "import", "office");

        Assert.Equal(2, import.ExitCode);
    }

    public void Dispose() => _temp.Dispose();
}
