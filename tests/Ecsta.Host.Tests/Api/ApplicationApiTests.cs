using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Api;
using Ecsta.Host.Cli.Call;
using Ecsta.Host.Tests.Api.Support;
using Ecsta.Host.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Tests.Api;

/// <summary>The application API over a real WebSocket listener and a TSP provider driven by the fake platform link.</summary>
public sealed class ApplicationApiTests
{
    /// <summary>Makes a call from <paramref name="client"/> (line open as owner) and drives it to CONNECTED.</summary>
    private static async Task<(ApiAsyncReply Reply, PlatformCall Call)> MakeConnectedCallAsync(ApiTestHost host, TapiClient client, uint hLine)
    {
        host.Harness.Link.NextCalls.Enqueue(Ev.Started("c1", "t-c1"));
        var reply = await client.InvokeAsync<ApiAsyncReply>("lineMakeCall", new { hLine, destAddress = "1020" }, CancellationToken.None);
        await ApiTestHost.WaitUntilAsync(() => host.Harness.Link.CallCommands.Contains("Dial alice 1020"), "the core dialled");
        await host.Harness.SettleAsync();
        var c1 = Ev.ClickToDial("c1", "1020");
        await host.Harness.PushAsync(Ev.E(CallEventKind.Originating, c1));
        await host.Harness.PushAsync(Ev.E(CallEventKind.Originated, c1.AsOriginator()));
        var active = c1.AsOriginator().With(BroadWorksCallState.Active);
        await host.Harness.PushAsync(Ev.E(CallEventKind.Answered, active));
        return (reply, active);
    }

    [Fact]
    public async Task An_application_enumerates_opens_and_makes_a_call_and_gets_the_completion_before_the_call_states()
    {
        await using var host = await ApiTestHost.StartAsync();
        await using var app = await host.ConnectAsync();

        var devices = await app.InvokeAsync<JArray>("lineGetDevices", null, CancellationToken.None);
        var device = Assert.Single(devices);
        Assert.Equal(host.DeviceId, device.Value<uint>("deviceId"));
        Assert.Equal("1010", device.Value<string>("number"));
        Assert.Equal("1010 / Alice Example", device.Value<string>("lineName"));
        Assert.Equal("test", device.Value<string>("instance"));
        Assert.True(device.Value<bool>("inService"));

        var opened = await app.InvokeAsync<JObject>("lineOpen", new { deviceId = host.DeviceId, privileges = "OWNER" }, CancellationToken.None);
        var hLine = opened.Value<uint>("hLine");
        Assert.NotEqual(0u, hLine);
        Assert.Equal("OWNER", opened.Value<string>("privilegesName"));

        var (reply, _) = await MakeConnectedCallAsync(host, app, hLine);
        Assert.NotEqual(0u, reply.RequestId);
        var hCall = reply.HCall!.Value;

        var events = await app.UntilAsync(e => e.Name == "LINE_CALLSTATE" && e.Payload["names"]?["param1"]?.ToString() == "CONNECTED");
        Assert.Equal(
        [
            $"ASYNC_COMPLETION {reply.RequestId} SUCCESS",
            $"LINE_CALLSTATE {hCall} PROCEEDING",
            "LINE_ADDRESSSTATE NUMCALLS",
            $"LINE_CALLSTATE {hCall} RINGBACK",
            $"LINE_CALLINFO {hCall} CONNECTEDID",
            $"LINE_CALLSTATE {hCall} CONNECTED/ACTIVE",
        ], events.Select(e => e.Short()));

        var completion = events[0].Payload;
        Assert.Equal(0, completion.Value<int>("result"));
        Assert.Equal(hLine, completion.Value<uint>("hLine"));
        var first = events[1].Payload;
        Assert.Equal((uint)LineCallState.PROCEEDING, first.Value<uint>("param1"));
        Assert.Equal((uint)LineCallPrivilege.OWNER, first.Value<uint>("param3"));
        Assert.Equal("OWNER", first["names"]!["param3"]!.ToString());
        var connected = events[^1].Payload;
        Assert.Equal(hLine, connected.Value<uint>("hLine"));
        Assert.Equal(host.DeviceId, connected.Value<uint>("deviceId"));
        Assert.Equal((uint)LineCallState.CONNECTED, connected.Value<uint>("param1"));
        Assert.Equal((uint)LineConnectedMode.ACTIVE, connected.Value<uint>("param2"));
        Assert.Equal(0u, connected.Value<uint>("param3"));

        var status = await app.InvokeAsync<JObject>("lineGetCallStatus", new { hCall }, CancellationToken.None);
        Assert.Equal("CONNECTED", status.Value<string>("callStateName"));
        Assert.Contains("HOLD", status.Value<string>("callFeaturesName")!.Split('|'));
        var info = await app.InvokeAsync<JObject>("lineGetCallInfo", new { hCall }, CancellationToken.None);
        Assert.Equal("1020", info["called"]!.Value<string>("number"));
        Assert.Equal("OUTBOUND", info.Value<string>("originName"));
        var calls = await app.InvokeAsync<JArray>("lineGetCalls", new { hLine }, CancellationToken.None);
        Assert.Equal(hCall, Assert.Single(calls).Value<uint>("hCall"));
    }

    [Fact]
    public async Task A_second_application_on_the_same_line_sees_the_same_call_states()
    {
        await using var host = await ApiTestHost.StartAsync();
        await using var owner = await host.ConnectAsync();
        await using var monitor = await host.ConnectAsync();
        var hLine = (await owner.InvokeAsync<ApiOpenResult>("lineOpen", new { deviceId = host.DeviceId, privileges = 4 }, CancellationToken.None)).HLine;
        var monitorLine = (await monitor.InvokeAsync<ApiOpenResult>("lineOpen", new { deviceId = host.DeviceId, privileges = "MONITOR" }, CancellationToken.None)).HLine;
        Assert.NotEqual(hLine, monitorLine);

        var (reply, _) = await MakeConnectedCallAsync(host, owner, hLine);
        var hCall = reply.HCall!.Value;

        var seen = await monitor.UntilAsync(e => e.Name == "LINE_CALLSTATE" && e.Payload["names"]?["param1"]?.ToString() == "CONNECTED");
        Assert.Equal(
        [
            $"LINE_CALLSTATE {hCall} PROCEEDING",
            "LINE_ADDRESSSTATE NUMCALLS",
            $"LINE_CALLSTATE {hCall} RINGBACK",
            $"LINE_CALLINFO {hCall} CONNECTEDID",
            $"LINE_CALLSTATE {hCall} CONNECTED/ACTIVE",
        ], seen.Select(e => e.Short()));
        Assert.All(seen, e => Assert.Equal(monitorLine, e.Payload.Value<uint>("hLine")));
        Assert.Equal((uint)LineCallPrivilege.MONITOR, seen[0].Payload.Value<uint>("param3"));
    }

    [Fact]
    public async Task A_monitor_gets_LINEERR_NOTOWNER_as_a_JSON_RPC_error_when_it_tries_to_hold_a_call()
    {
        await using var host = await ApiTestHost.StartAsync();
        await using var owner = await host.ConnectAsync();
        await using var monitor = await host.ConnectAsync();
        var hLine = (await owner.InvokeAsync<ApiOpenResult>("lineOpen", new { deviceId = host.DeviceId, privileges = "OWNER" }, CancellationToken.None)).HLine;
        await monitor.InvokeAsync<ApiOpenResult>("lineOpen", new { deviceId = host.DeviceId, privileges = "MONITOR" }, CancellationToken.None);
        var (reply, _) = await MakeConnectedCallAsync(host, owner, hLine);

        var refused = await Assert.ThrowsAsync<TapiCallException>(() => monitor.InvokeAsync("lineHold", new { hCall = reply.HCall }, CancellationToken.None));

        Assert.Equal("LINEERR_NOTOWNER", refused.LineErr);
        Assert.DoesNotContain(host.Harness.Link.CallCommands, c => c.StartsWith("Hold", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refusal_carries_the_LINEERR_value_as_a_negative_code_and_its_name_as_data()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + host.Token);
        await socket.ConnectAsync(host.WebSocketUrl, CancellationToken.None);
        var request = """{"jsonrpc":"2.0","id":1,"method":"lineOpen","params":{"deviceId":4000,"privileges":"OWNER"}}"""u8.ToArray();
        await socket.SendAsync(request, System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[8192];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
        var answer = JObject.Parse(System.Text.Encoding.UTF8.GetString(buffer, 0, received.Count));

        Assert.Equal(unchecked((int)0x80000002), answer["error"]!.Value<int>("code"));
        Assert.Equal("LINEERR_BADDEVICEID", answer["error"]!["data"]!.Value<string>("lineErr"));
        Assert.Equal(0x80000002u, answer["error"]!["data"]!.Value<uint>("value"));
    }

    [Fact]
    public async Task A_missing_or_wrong_token_is_refused_with_401_before_the_upgrade_and_logged_without_the_token()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var http = new HttpClient();
        var tapi = new Uri(host.HttpUrl, "/tapi");

        var missing = await http.GetAsync(tapi);
        using var wrongRequest = new HttpRequestMessage(HttpMethod.Get, tapi);
        wrongRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-the-token");
        var wrong = await http.SendAsync(wrongRequest);
        var wrongSocket = await Assert.ThrowsAsync<TapiConnectException>(() => TapiClient.ConnectAsync(host.WebSocketUrl, "not-the-token", CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("401", wrongSocket.Message, StringComparison.Ordinal);
        var refusals = host.Logs.Lines.Where(l => l.Contains("Refused", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, refusals.Count);
        Assert.Contains(refusals, l => l.Contains("no token presented", StringComparison.Ordinal));
        Assert.Contains(refusals, l => l.Contains("wrong token", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("not-the-token", StringComparison.Ordinal) || l.Contains(host.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_browser_may_present_the_token_as_the_access_token_query()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        var url = new Uri(host.WebSocketUrl + "?access_token=" + Uri.EscapeDataString(host.Token));

        await socket.ConnectAsync(url, CancellationToken.None);

        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task Closing_the_socket_closes_the_lines_the_application_opened()
    {
        await using var host = await ApiTestHost.StartAsync();
        var app = await host.ConnectAsync();
        await app.InvokeAsync<ApiOpenResult>("lineOpen", new { deviceId = host.DeviceId, privileges = "OWNER" }, CancellationToken.None);
        await app.InvokeAsync<ApiOpenResult>("lineOpen", new { deviceId = host.DeviceId, privileges = "MONITOR" }, CancellationToken.None);
        Assert.Equal(2u, host.Harness.Provider.GetLineDevStatus(host.DeviceId)!.NumOpens);

        await app.DisposeAsync();

        await ApiTestHost.WaitUntilAsync(() => host.Harness.Provider.GetLineDevStatus(host.DeviceId)!.NumOpens == 0, "the lines were closed");
        await ApiTestHost.WaitUntilAsync(() => host.Hub.SessionCount == 0, "the session ended");
    }

    [Fact]
    public async Task A_call_keeps_its_id_across_connections()
    {
        await using var host = await ApiTestHost.StartAsync();
        uint hCall;
        await using (var first = await host.ConnectAsync())
        {
            var hLine = (await first.InvokeAsync<ApiOpenResult>("lineOpen", new { deviceId = host.DeviceId }, CancellationToken.None)).HLine;
            hCall = (await MakeConnectedCallAsync(host, first, hLine)).Reply.HCall!.Value;
        }

        await using var second = await host.ConnectAsync();
        var location = await second.InvokeAsync<ApiCallLocation>("ecstaLocateCall", new { hCall }, CancellationToken.None);
        var hLine2 = (await second.InvokeAsync<ApiOpenResult>("lineOpen", new { deviceId = location.DeviceId }, CancellationToken.None)).HLine;
        var calls = await second.InvokeAsync<JArray>("lineGetCalls", new { hLine = hLine2 }, CancellationToken.None);

        Assert.Equal(host.DeviceId, location.DeviceId);
        Assert.Equal(hCall, Assert.Single(calls).Value<uint>("hCall"));
    }

    [Fact]
    public async Task An_application_that_does_not_read_its_messages_is_closed_when_its_queue_overflows()
    {
        await using var host = await ApiTestHost.StartAsync(new TapiApiOptions { QueueCapacity = 3 });
        var session = new TapiSession(host.Hub, "test");
        session.LineOpen(host.DeviceId, LineCallPrivilege.OWNER);

        // No pump runs: nothing is sent, so an incoming call's messages fill the queue.
        await host.Harness.PushAsync(Ev.E(CallEventKind.Received, Ev.Incoming("c9", "1030")));
        await host.Harness.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.True(session.Aborted.IsCompleted);
        Assert.Contains("did not read its messages", session.AbortReason, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, l => l.Contains("Closing the connection", StringComparison.Ordinal));
        session.Close();
        Assert.Equal(0u, host.Harness.Provider.GetLineDevStatus(host.DeviceId)!.NumOpens);
    }

    [Fact]
    public async Task One_connection_cannot_hold_more_open_line_handles_than_its_cap_and_is_told_why()
    {
        await using var host = await ApiTestHost.StartAsync(new TapiApiOptions { MaxOpenLinesPerConnection = 3 });
        var session = new TapiSession(host.Hub, "test");
        for (var i = 0; i < 3; i++)
        {
            session.LineOpen(host.DeviceId, LineCallPrivilege.MONITOR);
        }

        var refused = Assert.ThrowsAny<Exception>(() => session.LineOpen(host.DeviceId, LineCallPrivilege.MONITOR));

        Assert.Contains("LINEERR_RESOURCEUNAVAIL", refused.ToString(), StringComparison.Ordinal);
        Assert.Contains("3 open line handles", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, session.OpenLineCount);
        session.Close();
    }
}
