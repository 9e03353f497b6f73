using System.Net.Sockets;
using Ecsta.EndToEnd.Tests.TestSupport;
using Newtonsoft.Json.Linq;

namespace Ecsta.EndToEnd.Tests;

/// <summary>
/// The native bridge of the real demo host, as ecsta.tsp uses it: a loopback TCP listener recorded in
/// <c>bridge-endpoint</c>, length-prefixed JSON frames, the application token in a hello, then the same JSON-RPC
/// methods and notifications as the WebSocket.
/// </summary>
[Collection(DemoHostCollection.Name)]
public sealed class NativeBridgeTests(DemoHost host)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private string StateDirectory => Path.GetDirectoryName(host.ConfigurationPath)!;

    private async Task<BridgeClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = await BridgeClient.OpenAsync(BridgeClient.EndPointIn(StateDirectory), cancellationToken);
        var hello = await client.HelloAsync(host.Token, cancellationToken);
        Assert.True(hello["ok"]!.Value<bool>(), hello.ToString());
        return client;
    }

    [Fact]
    public void The_bridge_listens_on_loopback_only_and_records_its_address_beside_the_token_owner_only()
    {
        var endPoint = BridgeClient.EndPointIn(StateDirectory);

        Assert.True(System.Net.IPAddress.IsLoopback(endPoint.Address));
        Assert.NotEqual(0, endPoint.Port);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(StateDirectory, "bridge-endpoint")));
        }
    }

    [Fact]
    public async Task A_bridge_client_with_the_token_gets_the_dialog_address_and_dials_holds_and_drops_a_demo_call()
    {
        using var timeout = new CancellationTokenSource(Wait);
        var ct = timeout.Token;
        await using var client = await BridgeClient.OpenAsync(BridgeClient.EndPointIn(StateDirectory), ct);
        var hello = await client.HelloAsync(host.Token, ct);
        Assert.True(hello["ok"]!.Value<bool>());
        Assert.EndsWith("/dialog/", (string?)hello["dialogUrl"], StringComparison.Ordinal);

        var devices = (JArray)await client.CallAsync("lineGetDevices", new { }, ct);
        Assert.Equal(host.Lines.Select(l => l.DeviceId), devices.Select(d => d["deviceId"]!.Value<uint>()));
        var device = host.Lines[3].DeviceId;
        var hLine = (await client.CallAsync("lineOpen", new { deviceId = device, privileges = 4 }, ct))["hLine"]!.Value<uint>();
        var made = await client.CallAsync("lineMakeCall", new { hLine, destAddress = "+4930555000" }, ct);
        var hCall = made["hCall"]!.Value<uint>();
        var completion = await client.NotificationAsync(n => (string?)n["method"] == "ASYNC_COMPLETION" && n["params"]!["requestId"]!.Value<uint>() == made["requestId"]!.Value<uint>(), ct);
        Assert.Equal(0, completion["params"]!["result"]!.Value<long>());
        await StateAsync(client, hCall, "CONNECTED", ct);

        var hold = await client.CallAsync("lineHold", new { hCall }, ct);
        await client.NotificationAsync(n => (string?)n["method"] == "ASYNC_COMPLETION" && n["params"]!["requestId"]!.Value<uint>() == hold["requestId"]!.Value<uint>(), ct);
        await StateAsync(client, hCall, "ONHOLD", ct);
        await client.CallAsync("lineDrop", new { hCall }, ct);
        await StateAsync(client, hCall, "IDLE", ct);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("admin")]
    public async Task A_hello_without_the_application_token_is_refused_and_closed_without_the_token_in_the_log(string which)
    {
        using var timeout = new CancellationTokenSource(Wait);
        var ct = timeout.Token;
        var presented = which == "admin" ? (await File.ReadAllTextAsync(Path.Combine(StateDirectory, "admin-token"), ct)).Trim() : "not-the-token";
        await using var client = await BridgeClient.OpenAsync(BridgeClient.EndPointIn(StateDirectory), ct);

        var hello = await client.HelloAsync(presented, ct);

        Assert.False(hello["ok"]!.Value<bool>());
        Assert.Equal("wrong token", (string?)hello["error"]);
        Assert.Null(await client.ReceiveAsync(ct));
        await Assert.ThrowsAnyAsync<Exception>(() => client.CallAsync("lineGetDevices", new { }, ct));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"client\":\"no token\"}")]
    public async Task A_malformed_hello_is_refused_with_its_reason_and_the_host_keeps_serving(string hello)
    {
        using var timeout = new CancellationTokenSource(Wait);
        var ct = timeout.Token;
        await using var bad = await BridgeClient.OpenAsync(BridgeClient.EndPointIn(StateDirectory), ct);
        var body = System.Text.Encoding.UTF8.GetBytes(hello);
        var frame = new byte[4 + body.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)body.Length);
        body.CopyTo(frame, 4);
        await bad.SendRawAsync(frame, ct);

        var answer = await bad.ReceiveAsync(ct);

        Assert.False(answer!["ok"]!.Value<bool>());
        Assert.StartsWith("the hello", (string?)answer["error"], StringComparison.Ordinal);
        await using var good = await ConnectAsync(ct);
        Assert.NotEmpty((JArray)await good.CallAsync("lineGetDevices", new { }, ct));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(0x7FFF_FFFFu)]
    public async Task A_frame_length_of_zero_or_beyond_the_limit_ends_that_connection_and_no_other(uint length)
    {
        using var timeout = new CancellationTokenSource(Wait);
        var ct = timeout.Token;
        await using var bad = await ConnectAsync(ct);
        var header = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header, length);

        await bad.SendRawAsync(header, ct);

        Assert.Null(await ReceiveOrClosedAsync(bad, ct));
        await using var good = await ConnectAsync(ct);
        Assert.NotEmpty((JArray)await good.CallAsync("lineGetDevices", new { }, ct));
    }

    private static async Task<JObject?> ReceiveOrClosedAsync(BridgeClient client, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ReceiveAsync(cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is SocketException)
        {
            return null; // reset rather than closed: the host ended it as well
        }
    }

    private static async Task StateAsync(BridgeClient client, uint hCall, string state, CancellationToken cancellationToken) =>
        await client.NotificationAsync(n => (string?)n["method"] == "LINE_CALLSTATE" && n["params"]!["hCall"]!.Value<uint>() == hCall && (string?)n["params"]!["names"]!["param1"] == state, cancellationToken);
}
