using Ecsta.EndToEnd.Tests.TestSupport;
using Ecsta.Host.Cli;
using Ecsta.Simulator;
using Newtonsoft.Json.Linq;

namespace Ecsta.EndToEnd.Tests;

/// <summary>
/// The manual's first path (4.4): a workstation instance made with the CLI as a newcomer makes it (no lines
/// configured), then the real host. The instance serves the login user's own line, whose number and name come from the
/// user's BroadWorks profile, so `ecsta call dial --line NUMBER` finds it; over XSI and over CTI (profile through the
/// side channel).
/// </summary>
public sealed class WorkstationModeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("http")]
    [InlineData("cti")]
    public async Task A_workstation_instance_without_configured_lines_serves_the_login_users_line_named_from_BroadWorks(string type)
    {
        await using var sim = await XspSimulator.StartAsync(
            new SimulatorOptions { Users = 2, XsiPort = 0, XsiHttpsPort = null, CtiPort = type == "cti" ? 0 : null, CtisPort = null }, CancellationToken.None);
        var user = sim.Users[0];
        var folder = Path.Combine(Path.GetTempPath(), "ecsta-ws-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "ecsta.json");
        string[] transport = type == "cti"
            ? ["--port", sim.CtiPort!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "--setting", $"httpPort={sim.XsiPort}"]
            : ["--port", sim.XsiPort!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)];

        var add = await CliAsync(user.Password + "\n", ["instance", "add", "ws", "--mode", "workstation", "--host", "127.0.0.1", "--type", type, .. transport,
            "--user", user.UserId, "--password-stdin", "--config", config]);
        Assert.True(add.Code == 0, add.Error);
        var list = await CliAsync(null, ["lines", "list", "ws", "--json", "--config", config]);
        Assert.Equal(user.UserId, Assert.Single(JArray.Parse(list.Output))["userId"]!.Value<string>());

        await using var host = await RunningHost.StartAsync(folder, lines: 1);
        var device = await FilledAsync(host);

        Assert.Equal(user.Number, device["number"]!.Value<string>());
        Assert.Equal($"{user.Number} / {user.FirstName} {user.LastName}", device["lineName"]!.Value<string>());

        var url = $"http://{host.Api.Host}:{host.Api.Port}";
        var dial = await CliAsync(null, ["call", "dial", "--line", user.Number, "+4930999888", "--config", config, "--url", url]);
        Assert.True(dial.Code == 0, dial.Error);
        var status = JObject.Parse((await CliAsync(null, ["call", "status", "--json", "--config", config, "--url", url])).Output);
        var call = Assert.Single(Assert.Single(status["lines"]!)["calls"]!);
        var drop = await CliAsync(null, ["call", "drop", call["hCall"]!.ToString(), "--config", config, "--url", url]);
        Assert.True(drop.Code == 0, drop.Error);
    }

    [Fact]
    public async Task A_workstation_instance_refuses_another_users_line_on_save_and_saves_nothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ecsta-ws-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "ecsta.json");

        var add = await CliAsync("secret\n", ["instance", "add", "ws", "--mode", "workstation", "--host", "xsp.example.com", "--type", "https",
            "--user", "alice@example.com", "--password-stdin", "--line", "bob@example.com,100,Bob", "--config", config]);

        Assert.Equal(1, add.Code);
        Assert.Contains("'bob@example.com' is another user's line", add.Error, StringComparison.Ordinal);
        Assert.Contains("workstation mode", add.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(config));
    }

    /// <summary>The one line once its number came from the profile (read right after it came into service).</summary>
    private static async Task<JToken> FilledAsync(RunningHost host)
    {
        await using var app = await ApiApplication.ConnectAsync(host.Api, host.Token, "probe");
        using var deadline = new CancellationTokenSource(Wait);
        while (true)
        {
            var device = Assert.Single((JArray)(await app.InvokeAsync("lineGetDevices"))!);
            if (device["number"]!.Value<string>() is { Length: > 0 })
            {
                return device;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    private static async Task<(int Code, string Output, string Error)> CliAsync(string? stdin, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, new CliConsole(output, error, new StringReader(stdin ?? "")), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
