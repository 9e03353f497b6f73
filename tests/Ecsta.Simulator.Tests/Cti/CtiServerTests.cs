using Ecsta.BroadWorks.Cti;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.Simulator.Tests.Support;

namespace Ecsta.Simulator.Tests.Cti;

public sealed class CtiServerTests
{
    private const string Events = "/com.broadsoft.xsi-events/v2.0";
    private const string Actions = "/com.broadsoft.xsi-actions/v2.0";

    private static async Task<(CtiClient Client, string ChannelId)> OpenAsync(SimTest t, bool tls = false)
    {
        var a = t.User(0);
        var client = await CtiClient.ConnectAsync(t.Sim, tls);
        var channel = await client.SendAsync("POST", Events + "/channel", new XsiChannel { ChannelSetId = "cti-set", Priority = 1, Weight = 50, Expires = 3600 }, a.UserId, a.Password);
        Assert.Equal(200, channel.StatusCode);
        var channelId = Assert.IsType<XsiChannel>(channel.Document).ChannelId!;
        var subscription = await client.SendAsync("POST", $"{Events}/user/{a.UserId}", new XsiSubscription { Event = "Advanced Call", Expires = 3600, ChannelSetId = "cti-set", ApplicationId = "cti-tests" });
        Assert.Equal(200, subscription.StatusCode);
        Assert.NotNull(Assert.IsType<XsiSubscription>(subscription.Document).SubscriptionId);
        return (client, channelId);
    }

    [Fact]
    public async Task Cti_channel_and_subscription_deliver_the_initial_event_as_xsp_event_on_the_same_connection()
    {
        await using var t = await SimTest.StartAsync();
        var (client, channelId) = await OpenAsync(t);
        await using var _ = client;

        var initial = Assert.IsType<XsiSubscriptionEvent>(await client.NextEventAsync());

        Assert.Equal((channelId, "CallSubscriptionEvent"), (initial.ChannelId, initial.EventData.Type));
        Assert.Equal("On-Hook", Assert.IsType<XsiCallSubscriptionEventData>(initial.EventData).HookStatus);
    }

    [Fact]
    public async Task Click_to_dial_tunnelled_over_cti_answers_with_CallStartInfo_and_the_events_follow()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var (client, _) = await OpenAsync(t);
        await using var _ = client;
        await client.NextEventAsync();

        var response = await client.SendAsync("POST", $"{Actions}/user/{a.UserId}/calls/new?address=%2B4930777");

        Assert.Equal(201, response.StatusCode);
        var start = Assert.IsType<XsiCallStartInfo>(response.Document);
        Assert.Equal(["CallOriginatingEvent", "HookStatusEvent", "CallOriginatedEvent", "CallAnsweredEvent"], await client.EventTypesAsync(4));
        var hold = await client.SendAsync("PUT", $"{Actions}/user/{a.UserId}/calls/{start.CallId}/Hold");
        Assert.Equal(200, hold.StatusCode);
        Assert.Equal(["CallHeldEvent"], await client.EventTypesAsync(1));
        var release = await client.SendAsync("DELETE", $"{Actions}/user/{a.UserId}/calls/{start.CallId}");
        Assert.Equal(200, release.StatusCode);
        Assert.Equal(["CallReleasedEvent", "HookStatusEvent"], await client.EventTypesAsync(2));
    }

    [Fact]
    public async Task Incoming_call_answered_over_cti_over_tls_with_validation_against_the_generated_CA()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var (client, _) = await OpenAsync(t, tls: true);
        await using var _ = client;
        await client.NextEventAsync();

        t.Sim.Engine.PlaceIncomingCall("+4989000", a.Extension);
        var received = Assert.IsType<XsiCallEventData>(Assert.IsType<XsiSubscriptionEvent>(await client.NextEventAsync()).EventData);
        Assert.Equal("CallReceivedEvent", received.Type);
        var talk = await client.SendAsync("PUT", $"{Actions}/user/{a.UserId}/calls/{received.Call.CallId}/Talk");

        Assert.Equal(200, talk.StatusCode);
        Assert.Equal(["CallAnsweredEvent", "HookStatusEvent"], await client.EventTypesAsync(2));
    }

    [Fact]
    public async Task Wrong_credentials_get_401_and_keepalives_are_answered()
    {
        await using var t = await SimTest.StartAsync();
        await using var client = await CtiClient.ConnectAsync(t.Sim);

        var denied = await client.SendAsync("GET", $"{Actions}/user/{t.User(0).UserId}/calls", login: t.User(0).UserId, password: "wrong");
        await client.WriteAsync(XspRequest.Keepalive("ka-1", "s1"));
        var keepalive = Assert.IsType<XspResponse>(await client.ReadAsync());

        Assert.Equal(401, denied.StatusCode);
        Assert.Equal(("ka-1", true, 200), (keepalive.RequestId, keepalive.IsKeepalive, keepalive.StatusCode));
    }

    [Fact]
    public async Task A_heartbeat_over_cti_is_answered_with_ChannelHeartBeat_and_unacknowledged_events_are_resent()
    {
        var options = SimTest.FastOptions() with { Events = SimTest.FastOptions().Events with { AcknowledgementTimeout = TimeSpan.FromMilliseconds(150) } };
        await using var t = await SimTest.StartAsync(options);
        var (client, channelId) = await OpenAsync(t);
        await using var _ = client;

        var first = Assert.IsType<XsiSubscriptionEvent>(await client.NextEventAsync(acknowledge: false));
        var again = Assert.IsType<XsiSubscriptionEvent>(await client.NextEventAsync(acknowledge: true));
        var heartbeat = await client.SendAsync("PUT", $"{Events}/channel/{channelId}/heartbeat");

        Assert.Equal(first.EventId, again.EventId);
        Assert.IsType<XsiChannelHeartBeat>(heartbeat.Document);
    }
}
