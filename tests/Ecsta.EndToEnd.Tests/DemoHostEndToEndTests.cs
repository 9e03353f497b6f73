using Ecsta.EndToEnd.Tests.ApplicationApi;
using Ecsta.EndToEnd.Tests.TestSupport;
using Ecsta.Host.Cli;
using Ecsta.Host.Cli.Call;
using Newtonsoft.Json.Linq;

namespace Ecsta.EndToEnd.Tests;

/// <summary>
/// The whole product as a newcomer meets it: `ecsta run` with no configuration (demo mode: the simulator in-process,
/// XSI transport, TSP core) and applications on the real listener over JSON-RPC/WebSocket with the token. The host is
/// the one the application API tests share (<see cref="DemoHostCollection"/>).
/// </summary>
[Collection(DemoHostCollection.Name)]
public sealed class DemoHostEndToEndTests(DemoHost host) : ApplicationApiTest(host)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly Uri _api = host.Api;
    private readonly string _token = host.Token;

    private string Config => Host.ConfigurationPath;

    [Fact]
    public async Task An_application_dials_holds_retrieves_and_drops_through_the_demo_and_a_second_application_sees_the_same_line()
    {
        using var timeout = new CancellationTokenSource(Wait);
        var ct = timeout.Token;
        await using var owner = await TapiClient.ConnectAsync(_api, _token, ct);
        await using var monitor = await TapiClient.ConnectAsync(_api, _token, ct);
        var devices = await owner.InvokeAsync<JArray>("lineGetDevices", null, ct);
        var device = devices[0]["deviceId"]!.Value<uint>();
        var hLine = (await owner.InvokeAsync<JObject>("lineOpen", new { deviceId = device, privileges = 4 }, ct))["hLine"]!.Value<uint>();
        await monitor.InvokeAsync<JObject>("lineOpen", new { deviceId = device, privileges = 2 }, ct);

        var make = await owner.InvokeAsync<JObject>("lineMakeCall", new { hLine, destAddress = "+4930123456" }, ct);
        var hCall = make["hCall"]!.Value<uint>();
        Assert.True((await owner.WaitForCompletionAsync(make["requestId"]!.Value<uint>(), ct)).Succeeded);
        await WaitForStateAsync(owner, hCall, "CONNECTED", ct);

        var hold = await owner.InvokeAsync<JObject>("lineHold", new { hCall }, ct);
        Assert.True((await owner.WaitForCompletionAsync(hold["requestId"]!.Value<uint>(), ct)).Succeeded);
        await WaitForStateAsync(owner, hCall, "ONHOLD", ct);
        var unhold = await owner.InvokeAsync<JObject>("lineUnhold", new { hCall }, ct);
        Assert.True((await owner.WaitForCompletionAsync(unhold["requestId"]!.Value<uint>(), ct)).Succeeded);
        await WaitForStateAsync(owner, hCall, "CONNECTED", ct);
        var drop = await owner.InvokeAsync<JObject>("lineDrop", new { hCall }, ct);
        Assert.True((await owner.WaitForCompletionAsync(drop["requestId"]!.Value<uint>(), ct)).Succeeded);
        await WaitForStateAsync(owner, hCall, "IDLE", ct);

        var seen = await StatesAsync(monitor, "IDLE", ct);
        Assert.Equal(["PROCEEDING", "RINGBACK", "CONNECTED", "ONHOLD", "CONNECTED", "DISCONNECTED", "IDLE"], seen);
    }

    [Fact]
    public async Task The_call_cli_dials_shows_status_and_drops_against_the_running_host()
    {
        var dial = await CliAsync("call", "dial", "--line", "1", "+4930999888");
        Assert.Equal(0, dial.Code);
        var status = JObject.Parse((await CliAsync("call", "status", "--json")).Output);
        var line = Assert.Single(status["lines"]!, l => l["deviceId"]!.Value<uint>() == 1);
        var id = Assert.Single(line["calls"]!)["hCall"]!.ToString();

        var drop = await CliAsync("call", "drop", id);

        Assert.Equal(0, drop.Code);
    }

    [Fact]
    public async Task The_call_cli_sends_DTMF_on_a_connected_call_and_refuses_digits_BroadWorks_cannot_send()
    {
        var dial = await CliAsync("call", "dial", "--line", "2", "+4930999777");
        Assert.Equal(0, dial.Code);
        string id;
        using (var deadline = new CancellationTokenSource(Wait))
        {
            while (true)
            {
                var status = JObject.Parse((await CliAsync("call", "status", "--json")).Output);
                var call = Assert.Single(Assert.Single(status["lines"]!, l => l["deviceId"]!.Value<uint>() == 2)["calls"]!);
                id = call["hCall"]!.ToString();
                if ((string?)call["status"]!["callStateName"] == "CONNECTED")
                {
                    break;
                }

                await Task.Delay(50, deadline.Token);
            }
        }

        var sent = await CliAsync("call", "dtmf", id, "0815#");
        var refused = await CliAsync("call", "dtmf", id, "XYZ");
        var drop = await CliAsync("call", "drop", id);

        Assert.Equal(0, sent.Code);
        Assert.Contains("sent 5 DTMF digit(s)", sent.Output, StringComparison.Ordinal);
        Assert.Equal(1, refused.Code);
        Assert.Contains("LINEERR_INVALDIGITS", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, drop.Code);
    }

    [Fact]
    public async Task A_wrong_token_is_refused()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => TapiClient.ConnectAsync(_api, "not-the-token", CancellationToken.None));

        Assert.Contains("401", ex.ToString(), StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApplication.RunAsync(
            [.. args, "--config", Config, "--url", $"http://{_api.Host}:{_api.Port}"],
            new CliConsole(output, error, TextReader.Null),
            CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private static async Task WaitForStateAsync(TapiClient client, uint hCall, string state, CancellationToken ct)
    {
        await foreach (var ev in client.Events.ReadAllAsync(ct))
        {
            if (ev.Name == "LINE_CALLSTATE" && ev.Payload["hCall"]?.Value<uint>() == hCall && ev.Payload["names"]?["param1"]?.Value<string>() == state)
            {
                return;
            }
        }
    }

    private static async Task<List<string>> StatesAsync(TapiClient client, string last, CancellationToken ct)
    {
        var states = new List<string>();
        await foreach (var ev in client.Events.ReadAllAsync(ct))
        {
            if (ev.Name == "LINE_CALLSTATE")
            {
                var state = ev.Payload["names"]?["param1"]?.Value<string>() ?? "";
                states.Add(state);
                if (state == last)
                {
                    return states;
                }
            }
        }

        return states;
    }
}
