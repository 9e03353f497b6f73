using System.Globalization;
using Ecsta.Host.Tests.TestSupport;
using Ecsta.Simulator;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Tests.Cli;

/// <summary>One simulator (a group of 41 users, XSI over HTTP and CTI over TCP on loopback) shared by the read tests.</summary>
public sealed class LinesReadSimulatorFixture : IAsyncLifetime
{
    public const int Users = 41;

    public XspSimulator Sim { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Sim = await XspSimulator.StartAsync(new SimulatorOptions { Users = Users, XsiPort = 0, XsiHttpsPort = null, CtiPort = 0, CtisPort = null });

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}

/// <summary>`ecsta lines read` against the real simulator over real sockets, through the product's XSI transport plugin.</summary>
public sealed class LinesReadCommandTests : IClassFixture<LinesReadSimulatorFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly XspSimulator _sim;

    public LinesReadCommandTests(LinesReadSimulatorFixture fixture) => _sim = fixture.Sim;

    private string Config => _temp.File("ecsta.json");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task AddServerInstanceAsync(string password, int? port = null, params string[] more)
    {
        var add = await ProductPluginsCli.RunAsync(Config, password,
            ["instance", "add", "office", "--mode", "server", "--host", "127.0.0.1", "--port", Text(port ?? _sim.XsiPort!.Value), "--type", "http",
             "--user", _sim.Administrator.UserId, "--password-stdin", .. more]);
        Assert.True(add.ExitCode == 0, add.Error);
    }

    private int DirectoryRequests() => _sim.XsiHttpRequests.Count(r => r.Contains("/directories/Group", StringComparison.OrdinalIgnoreCase));

    private JArray ConfiguredLines() => (JArray)JObject.Parse(File.ReadAllText(Config))["instances"]![0]!["lines"]!;

    [Fact]
    public async Task Reading_a_server_instance_over_XSI_lists_every_user_of_the_group_and_add_all_saves_them()
    {
        await AddServerInstanceAsync(_sim.Administrator.Password);
        var directoryUser = _sim.Users[3].UserId;
        var requestsBefore = DirectoryRequests();

        var read = await ProductPluginsCli.RunAsync(Config, null, "lines", "read", "office", "--directory-user", directoryUser, "--json");
        var add = await ProductPluginsCli.RunAsync(Config, null, "lines", "read", "office", "--directory-user", directoryUser, "--add", "all");
        var again = await ProductPluginsCli.RunAsync(Config, null, "lines", "read", "office", "--json");

        Assert.True(read.ExitCode == 0, read.Error);
        var result = JObject.Parse(read.Output);
        Assert.Equal(directoryUser, result["directoryUser"]!.Value<string>());
        var lines = (JArray)result["lines"]!;
        Assert.Equal(_sim.Users.Select(u => u.UserId), lines.Select(l => l["userId"]!.Value<string>()));
        Assert.All(lines, l => Assert.False(l["configured"]!.Value<bool>()));
        var first = lines[0];
        Assert.Equal((_sim.Users[0].Number, _sim.Users[0].Extension, $"{_sim.Users[0].FirstName} {_sim.Users[0].LastName}"), (first["number"]!.Value<string>(), first["extension"]!.Value<string>(), first["name"]!.Value<string>()));
        Assert.True(DirectoryRequests() > requestsBefore, "the group directory was not requested");

        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Contains($"{LinesReadSimulatorFixture.Users} lines added to 'office'", add.Output, StringComparison.Ordinal);
        var saved = ConfiguredLines();
        Assert.Equal(_sim.Users.Select(u => (u.UserId, u.Number, $"{u.FirstName} {u.LastName}")), saved.Select(l => (l["userId"]!.Value<string>()!, l["number"]!.Value<string>()!, l["name"]!.Value<string>()!)));

        // Once lines are configured, the first one is the directory user by default, and every line shows as configured.
        Assert.True(again.ExitCode == 0, again.Error);
        var reread = JObject.Parse(again.Output);
        Assert.Equal(_sim.Users[0].UserId, reread["directoryUser"]!.Value<string>());
        Assert.All((JArray)reread["lines"]!, l => Assert.True(l["configured"]!.Value<bool>()));
        Assert.Empty((JArray)reread["added"]!);
    }

    [Fact]
    public async Task Reading_over_XSI_follows_every_page_of_the_group_directory()
    {
        // Pages of 10: 41 users take 5 requests (1-10, 11-20, 21-30, 31-40, 41).
        await AddServerInstanceAsync(_sim.Administrator.Password, null, "--setting", "directoryPageSize=10", "--setting", $"directoryUserId={_sim.Users[40].UserId}");
        var requestsBefore = DirectoryRequests();

        var read = await ProductPluginsCli.RunAsync(Config, null, "lines", "read", "office", "--json");

        Assert.True(read.ExitCode == 0, read.Error);
        var result = JObject.Parse(read.Output);
        Assert.Equal(_sim.Users[40].UserId, result["directoryUser"]!.Value<string>());
        Assert.Equal(_sim.Users.Select(u => u.UserId), ((JArray)result["lines"]!).Select(l => l["userId"]!.Value<string>()));
        Assert.Equal(5, DirectoryRequests() - requestsBefore);
    }

    [Fact]
    public async Task Reading_a_server_instance_over_CTI_takes_the_group_directory_over_the_HTTP_side_channel()
    {
        var add = await ProductPluginsCli.RunAsync(Config, _sim.Administrator.Password,
            "instance", "add", "office", "--mode", "server", "--host", "127.0.0.1", "--port", Text(_sim.CtiPort!.Value), "--type", "cti",
            "--user", _sim.Administrator.UserId, "--password-stdin", "--setting", $"httpPort={Text(_sim.XsiPort!.Value)}", "--setting", "directoryPageSize=20");
        Assert.True(add.ExitCode == 0, add.Error);
        var requestsBefore = DirectoryRequests();

        var read = await ProductPluginsCli.RunAsync(Config, null, "lines", "read", "office", "--directory-user", _sim.Users[0].UserId, "--add", "all", "--json");

        Assert.True(read.ExitCode == 0, read.Error);
        var result = JObject.Parse(read.Output);
        Assert.Equal(_sim.Users.Select(u => u.UserId), ((JArray)result["lines"]!).Select(l => l["userId"]!.Value<string>()));
        Assert.Equal(_sim.Users.Select(u => u.UserId), ((JArray)result["added"]!).Select(a => a.Value<string>()));
        Assert.Equal(_sim.Users.Select(u => u.UserId), ConfiguredLines().Select(l => l["userId"]!.Value<string>()));
        // 41 users in pages of 20: three directory requests, all on the XSI HTTP listener (the CTI socket carries no directory).
        Assert.Equal(3, DirectoryRequests() - requestsBefore);
    }

    [Fact]
    public async Task Add_with_user_ids_adds_only_those_and_the_table_marks_them()
    {
        await AddServerInstanceAsync(_sim.Administrator.Password, null, "--line", _sim.Users[0].UserId);
        var (second, third) = (_sim.Users[1], _sim.Users[2]);

        var add = await ProductPluginsCli.RunAsync(Config, null, "lines", "read", "office", "--add", second.UserId.ToUpperInvariant(), third.UserId);

        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Equal([_sim.Users[0].UserId, second.UserId, third.UserId], ConfiguredLines().Select(l => l["userId"]!.Value<string>()));
        var rows = add.Output.Split('\n');
        Assert.StartsWith("USERID", rows[0], StringComparison.Ordinal);
        Assert.EndsWith("yes", Assert.Single(rows, r => r.StartsWith(_sim.Users[0].UserId + " ", StringComparison.Ordinal)).TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith("added", Assert.Single(rows, r => r.StartsWith(second.UserId + " ", StringComparison.Ordinal)).TrimEnd(), StringComparison.Ordinal);
        Assert.Contains($"{LinesReadSimulatorFixture.Users} lines read, 1 of them configured already", add.Output, StringComparison.Ordinal);
        Assert.Contains("2 lines added to 'office'; 3 lines configured", add.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_with_a_user_id_that_BroadWorks_did_not_list_fails_and_changes_nothing()
    {
        await AddServerInstanceAsync(_sim.Administrator.Password, null, "--line", _sim.Users[0].UserId);
        var before = File.ReadAllText(Config);

        var add = await ProductPluginsCli.RunAsync(Config, null, "lines", "read", "office", "--add", _sim.Users[5].UserId, "nobody@example.com");

        Assert.Equal(1, add.ExitCode);
        Assert.Contains("'nobody@example.com' is not among the", add.Error, StringComparison.Ordinal);
        Assert.Single(add.Error.Trim().Split('\n'));
        Assert.Equal(before, File.ReadAllText(Config));
    }

    [Fact]
    public async Task A_wrong_password_fails_with_the_reason_and_changes_nothing()
    {
        await AddServerInstanceAsync("not-the-password", null, "--line", _sim.Users[0].UserId);
        var before = File.ReadAllText(Config);

        var read = await ProductPluginsCli.RunAsync(Config, null, "lines", "read", "office", "--add", "all");

        Assert.Equal(1, read.ExitCode);
        Assert.Contains("user id or password was refused", read.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", read.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Config));
    }

    [Fact]
    public async Task A_refused_connection_fails_with_one_line_naming_the_target()
    {
        int closedPort;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        await AddServerInstanceAsync(_sim.Administrator.Password, closedPort, "--line", _sim.Users[0].UserId);

        var read = await ProductPluginsCli.RunAsync(Config, null, "lines", "read", "office");

        Assert.Equal(1, read.ExitCode);
        Assert.Contains($"cannot connect to http://127.0.0.1:{Text(closedPort)}", read.Error, StringComparison.Ordinal);
        Assert.Single(read.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_server_instance_without_lines_needs_a_directory_user_because_the_administrator_has_no_directory()
    {
        await AddServerInstanceAsync(_sim.Administrator.Password);

        var read = await ProductPluginsCli.RunAsync(Config, null, "lines", "read", "office");

        Assert.Equal(2, read.ExitCode);
        Assert.Contains("--directory-user", read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workstation_instance_reads_only_its_own_users_line()
    {
        var user = _sim.Users[7];
        var addInstance = await ProductPluginsCli.RunAsync(Config, user.Password,
            "instance", "add", "desk", "--mode", "workstation", "--host", "127.0.0.1", "--port", Text(_sim.XsiPort!.Value), "--type", "http", "--user", user.UserId, "--password-stdin");
        Assert.True(addInstance.ExitCode == 0, addInstance.Error);

        var read = await ProductPluginsCli.RunAsync(Config, null, "lines", "read", "desk", "--json", "--add", "all");

        Assert.True(read.ExitCode == 0, read.Error);
        var result = JObject.Parse(read.Output);
        var line = Assert.Single((JArray)result["lines"]!);
        Assert.Equal((user.UserId, user.Number), (line["userId"]!.Value<string>(), line["number"]!.Value<string>()));
        Assert.Equal(JTokenType.Null, result["directoryUser"]!.Type);
        Assert.Equal([user.UserId], ConfiguredLines().Select(l => l["userId"]!.Value<string>()));
    }

    public void Dispose() => _temp.Dispose();
}
