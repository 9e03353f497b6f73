using System.Globalization;
using System.Text;
using Ecsta.Host.Tests.TestSupport;
using Ecsta.Simulator;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Tests.Cli;

/// <summary>
/// `ecsta lines import` of a file in the manual's format (a number per line, optionally ",name") against the real
/// simulator over real sockets, through the product's transport plugins: the numbers become user ids through the group
/// directory, as `lines read` reads it.
/// </summary>
public sealed class LinesImportCommandTests : IClassFixture<LinesReadSimulatorFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly XspSimulator _sim;

    public LinesImportCommandTests(LinesReadSimulatorFixture fixture) => _sim = fixture.Sim;

    private string Config => _temp.File("ecsta.json");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task AddServerInstanceAsync(params string[] more)
    {
        var add = await ProductPluginsCli.RunAsync(Config, _sim.Administrator.Password,
            ["instance", "add", "office", "--mode", "server", "--host", "127.0.0.1", "--port", Text(_sim.XsiPort!.Value), "--type", "http",
             "--user", _sim.Administrator.UserId, "--password-stdin", "--line", _sim.Users[0].UserId, .. more]);
        Assert.True(add.ExitCode == 0, add.Error);
    }

    private string WriteFile(string text)
    {
        var path = _temp.File("lines.txt");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private int DirectoryRequests() => _sim.XsiHttpRequests.Count(r => r.Contains("/directories/Group", StringComparison.OrdinalIgnoreCase));

    private IEnumerable<(string?, string?, string?)> ConfiguredLines() =>
        ((JArray)JObject.Parse(File.ReadAllText(Config))["instances"]![0]!["lines"]!)
            .Select(l => (l["userId"]!.Value<string>(), l["number"]!.Value<string>(), l["name"]!.Value<string>()));

    [Fact]
    public async Task A_file_in_the_manual_format_gets_each_numbers_user_from_the_group_directory_and_is_saved()
    {
        await AddServerInstanceAsync();
        var (ben, clara, dora) = (_sim.Users[1], _sim.Users[2], _sim.Users[3]);
        var spaced = $"+49 30 555-{clara.Extension}";
        Assert.Equal(clara.Number, spaced.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal));
        var path = WriteFile($"{ben.Number},Ben from the old driver\r\n\r\n  {spaced}  \r\n{dora.Extension}, Dora D.\r\n");
        var requestsBefore = DirectoryRequests();

        var import = await ProductPluginsCli.RunAsync(Config, null, "lines", "import", "office", path);

        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Contains("'office': 3 lines added, 0 updated; 4 lines configured", import.Output, StringComparison.Ordinal);
        Assert.Equal(
            [
                (_sim.Users[0].UserId, "", ""), // configured before with its user id only; not in the file, so untouched
                (ben.UserId, ben.Number, "Ben from the old driver"),
                (clara.UserId, clara.Number, $"{clara.FirstName} {clara.LastName}"),
                (dora.UserId, dora.Extension, "Dora D."),
            ],
            ConfiguredLines());
        Assert.True(DirectoryRequests() > requestsBefore, "the group directory was not read");
    }

    [Fact]
    public async Task A_number_the_group_directory_does_not_know_fails_naming_its_line_and_nothing_is_saved()
    {
        await AddServerInstanceAsync();
        var before = File.ReadAllText(Config);
        var path = WriteFile($"{_sim.Users[1].Number},Ben\n+4930999\n{_sim.Users[2].Number}\n");

        var import = await ProductPluginsCli.RunAsync(Config, null, "lines", "import", "office", path);

        Assert.Equal(1, import.ExitCode);
        Assert.Equal($"ecsta: {path}: line 2: number '+4930999' is not in the group directory; nothing was imported", import.Error.Trim());
        Assert.Equal(before, File.ReadAllText(Config));
    }

    [Fact]
    public async Task A_malformed_line_fails_with_its_line_number_before_BroadWorks_is_asked()
    {
        await AddServerInstanceAsync();
        var before = File.ReadAllText(Config);
        var path = WriteFile($"{_sim.Users[1].Number}\n\nphone: {_sim.Users[2].Number}\n");
        var requestsBefore = DirectoryRequests();

        var import = await ProductPluginsCli.RunAsync(Config, null, "lines", "import", "office", path);

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("line 3: 'phone: " + _sim.Users[2].Number + "' is not a phone number", import.Error, StringComparison.Ordinal);
        Assert.Single(import.Error.Trim().Split('\n'));
        Assert.Equal(before, File.ReadAllText(Config));
        Assert.Equal(requestsBefore, DirectoryRequests());
    }

    [Fact]
    public async Task Over_CTI_the_directory_comes_over_the_side_channel_and_replace_makes_the_file_the_whole_list()
    {
        var add = await ProductPluginsCli.RunAsync(Config, _sim.Administrator.Password,
            "instance", "add", "office", "--mode", "server", "--host", "127.0.0.1", "--port", Text(_sim.CtiPort!.Value), "--type", "cti",
            "--user", _sim.Administrator.UserId, "--password-stdin", "--setting", $"httpPort={Text(_sim.XsiPort!.Value)}", "--line", _sim.Users[0].UserId);
        Assert.True(add.ExitCode == 0, add.Error);
        var eva = _sim.Users[4];
        var path = WriteFile($"{eva.Number}\n");

        var import = await ProductPluginsCli.RunAsync(Config, null, "lines", "import", "office", path, "--replace", "--directory-user", _sim.Users[5].UserId);

        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Contains("'office': 1 lines added, 0 updated, 1 removed; 1 lines configured", import.Output, StringComparison.Ordinal);
        Assert.Equal([(eva.UserId, eva.Number, $"{eva.FirstName} {eva.LastName}")], ConfiguredLines());
    }

    public void Dispose() => _temp.Dispose();
}
