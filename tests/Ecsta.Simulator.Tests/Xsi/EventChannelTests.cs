using System.Net;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.Simulator.Events;
using Ecsta.Simulator.Tests.Support;

namespace Ecsta.Simulator.Tests.Xsi;

public sealed class EventChannelTests
{
    private static SimulatorOptions WithEvents(Func<EventOptions, EventOptions> change)
    {
        var options = SimTest.FastOptions();
        return options with { Events = change(options.Events) };
    }

    [Fact]
    public async Task A_heartbeat_is_answered_by_a_ChannelHeartBeat_chunk_and_an_unknown_channel_gets_404()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var stream = await t.OpenChannelAsync(a);

        Assert.Equal(HttpStatusCode.OK, await stream.HeartbeatAsync());
        Assert.IsType<XsiChannelHeartBeat>(await stream.NextDocumentAsync());
        using var unknown = await t.Client(a).PutAsync("com.broadsoft.xsi-events/v2.0/channel/00000000-0000-0000-0000-000000000000/heartbeat", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_channel_without_heartbeats_is_torn_down_after_the_event_timeout()
    {
        await using var t = await SimTest.StartAsync(WithEvents(e => e with { EventTimeout = TimeSpan.FromMilliseconds(200) }));
        var stream = await t.OpenChannelAsync(t.User(0));

        var terminated = Assert.IsType<XsiChannelTerminatedEvent>(await stream.NextDocumentAsync());

        Assert.Equal((stream.ChannelId, "HeartbeatTimeout"), (terminated.ChannelId, terminated.Reason));
        await stream.Ended.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_channel_expires_unless_refreshed_and_a_refresh_grants_the_new_expiry()
    {
        await using var t = await SimTest.StartAsync(WithEvents(e => e with { MaxExpires = 7200 }));
        var a = t.User(0);
        var stream = await t.OpenChannelAsync(a);

        using var refresh = await t.Client(a).PutAsync($"com.broadsoft.xsi-events/v2.0/channel/{stream.ChannelId}", Xml.Body("<Channel xmlns=\"http://schema.broadsoft.com/xsi\"><expires>99999</expires></Channel>"));
        var granted = await Xml.ReadAsync<XsiChannel>(refresh);
        Assert.Equal((stream.ChannelId, 7200), (granted.ChannelId, granted.Expires));

        using var shorten = await t.Client(a).PutAsync($"com.broadsoft.xsi-events/v2.0/channel/{stream.ChannelId}", Xml.Body("<Channel xmlns=\"http://schema.broadsoft.com/xsi\"><expires>1</expires></Channel>"));
        Assert.Equal(HttpStatusCode.OK, shorten.StatusCode);
        var terminated = Assert.IsType<XsiChannelTerminatedEvent>(await stream.NextDocumentAsync());
        Assert.Equal("ChannelExpired", terminated.Reason);
    }

    [Fact]
    public async Task Deleting_a_channel_sends_ChannelTerminatedEvent_and_ends_the_stream()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var stream = await t.OpenChannelAsync(a);

        using var response = await t.Client(a).DeleteAsync($"com.broadsoft.xsi-events/v2.0/channel/{stream.ChannelId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(stream.ChannelId, Assert.IsType<XsiChannelTerminatedEvent>(await stream.NextDocumentAsync()).ChannelId);
        await stream.Ended.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.NotFound, await stream.HeartbeatAsync());
    }

    [Fact]
    public async Task Events_go_to_the_preferred_channel_of_the_set_and_fail_over_when_it_closes()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var set = "set-" + Guid.NewGuid();
        var primary = await t.OpenChannelAsync(a.UserId, a.Password, channelSetId: set, priority: 1);
        var backup = await t.OpenChannelAsync(a.UserId, a.Password, channelSetId: set, priority: 2);
        var channelSet = await Xml.GetAsync<XsiChannelSet>(t.Client(a), $"com.broadsoft.xsi-events/v2.0/channelset/{set}");
        Assert.Equal([primary.ChannelId, backup.ChannelId], channelSet.Channels.Select(c => c.ChannelId));

        await primary.SubscribeUserAsync(a.UserId);
        var initial = Assert.Single(await primary.TakeAsync(a.UserId, 1));
        Assert.Equal(primary.ChannelId, initial.ChannelId);

        using (await t.Client(a).DeleteAsync($"com.broadsoft.xsi-events/v2.0/channel/{primary.ChannelId}"))
        {
        }

        t.Sim.Engine.DialFromPhone(a.UserId, "+4930111");
        var moved = await backup.TakeAsync(a.UserId, 1, TimeSpan.FromSeconds(5));
        Assert.Equal(backup.ChannelId, moved[0].ChannelId);
        Assert.Equal(2, moved[0].SequenceNumber);
    }

    [Fact]
    public async Task A_new_channel_set_with_the_same_applicationId_terminates_the_old_set()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var old = await t.OpenChannelAsync(a.UserId, a.Password, applicationId: "app-1");

        await t.OpenChannelAsync(a.UserId, a.Password, applicationId: "app-1");

        var terminated = Assert.IsType<XsiChannelTerminatedEvent>(await old.NextDocumentAsync());
        Assert.Equal(old.ChannelId, terminated.ChannelId);
    }

    [Fact]
    public async Task Unacknowledged_events_are_sent_again_and_after_the_last_try_the_channel_is_terminated()
    {
        await using var t = await SimTest.StartAsync(WithEvents(e => e with { AcknowledgementTimeout = TimeSpan.FromMilliseconds(150), MaxDeliveryAttempts = 3 }));
        var a = t.User(0);
        var stream = await t.OpenChannelAsync(a, autoAck: false);
        await stream.SubscribeUserAsync(a.UserId);

        var first = await stream.NextOfTypeAsync<XsiSubscriptionEvent>();
        var second = await stream.NextOfTypeAsync<XsiSubscriptionEvent>();
        var third = await stream.NextOfTypeAsync<XsiSubscriptionEvent>();
        var terminated = await stream.NextOfTypeAsync<XsiChannelTerminatedEvent>();

        Assert.Equal(first.EventId, second.EventId);
        Assert.Equal(first.EventId, third.EventId);
        Assert.Equal(first.SequenceNumber, third.SequenceNumber);
        Assert.Equal("EventResponseTimeout", terminated.Reason);
    }

    [Fact]
    public async Task Acknowledged_events_are_not_sent_again()
    {
        await using var t = await SimTest.StartAsync(WithEvents(e => e with { AcknowledgementTimeout = TimeSpan.FromMilliseconds(100) }));
        var a = t.User(0);
        var stream = await t.OpenChannelAsync(a, autoAck: false);
        await stream.SubscribeUserAsync(a.UserId);
        var initial = await stream.NextOfTypeAsync<XsiSubscriptionEvent>();

        await stream.AcknowledgeAsync(initial.EventId);

        Assert.Equal(0, t.Sim.PendingAcknowledgements);
        Assert.Equal(HttpStatusCode.OK, await stream.HeartbeatAsync());
        Assert.IsType<XsiChannelHeartBeat>(await stream.NextDocumentAsync());
    }

    [Fact]
    public async Task Sequence_numbers_count_per_subscription()
    {
        await using var t = await SimTest.StartAsync();
        var (a, b) = (t.User(0), t.User(1));
        var stream = await t.OpenChannelAsync(t.Sim.Administrator.UserId, t.Sim.Administrator.Password);
        await stream.SubscribeUserAsync(a.UserId);
        await stream.SubscribeUserAsync(b.UserId);

        t.Sim.Engine.PlaceIncomingCall("+4989333", a.Extension);

        var aEvents = await stream.TakeAsync(a.UserId, 2);
        var bEvents = await stream.TakeAsync(b.UserId, 1);
        Assert.Equal([1L, 2L], aEvents.Select(e => e.SequenceNumber!.Value));
        Assert.Equal(1L, bEvents[0].SequenceNumber);
        Assert.All(aEvents, e => Assert.Equal(t.Sim.Administrator.UserId, e.UserId));
        Assert.All(aEvents, e => Assert.Equal("tests", e.ExternalApplicationId));
    }

    [Fact]
    public async Task A_group_subscription_gets_no_initial_event_and_names_the_target_in_each_event()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var stream = await t.OpenChannelAsync(t.Sim.Administrator.UserId, t.Sim.Administrator.Password);
        await stream.SubscribeGroupAsync(a.Group.ServiceProviderId, a.Group.GroupId, kind: "serviceprovider");
        Assert.True(await stream.IsQuietAsync(a.UserId, TimeSpan.FromMilliseconds(150)));

        t.Sim.Engine.PlaceIncomingCall("+4989444", a.Extension);

        var received = Assert.Single(await stream.TakeAsync(a.UserId, 1));
        Assert.Equal(("CallReceivedEvent", a.UserId, 1L), (received.EventData.Type, received.TargetId, received.SequenceNumber!.Value));
        using var asUser = await t.Client(a).PostAsync($"com.broadsoft.xsi-events/v2.0/enterprise/{a.Group.ServiceProviderId}/group/{a.Group.GroupId}", Xml.Body($"<Subscription xmlns=\"http://schema.broadsoft.com/xsi\"><event>Advanced Call</event><expires>60</expires><channelSetId>{stream.ChannelSetId}</channelSetId></Subscription>"));
        Assert.Equal(HttpStatusCode.Forbidden, asUser.StatusCode);
    }

    [Fact]
    public async Task Subscriptions_can_be_read_listed_refreshed_with_a_new_initial_event_and_deleted()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var client = t.Client(a);
        var stream = await t.OpenChannelAsync(a);
        var id = await stream.SubscribeUserAsync(a.UserId);
        await stream.TakeAsync(a.UserId, 1);

        var read = await Xml.GetAsync<XsiSubscription>(client, $"com.broadsoft.xsi-events/v2.0/subscription/{id}");
        Assert.Equal((id, "Advanced Call", a.UserId), (read.SubscriptionId, read.Event, read.TargetId));
        using (var list = await client.GetAsync("com.broadsoft.xsi-events/v2.0/subscriptions"))
        {
            Assert.Contains(id, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var refresh = await client.PutAsync($"com.broadsoft.xsi-events/v2.0/subscription/{id}", Xml.Body("<Subscription xmlns=\"http://schema.broadsoft.com/xsi\"><expires>1800</expires></Subscription>")))
        {
            Assert.Equal(1800, (await Xml.ReadAsync<XsiSubscription>(refresh)).Expires);
        }

        Assert.Equal(["CallSubscriptionEvent"], await stream.TypesAsync(a.UserId, 1));
        using (var delete = await client.DeleteAsync($"com.broadsoft.xsi-events/v2.0/subscription/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        t.Sim.Engine.PlaceIncomingCall("+4989666", a.Extension);
        Assert.True(await stream.IsQuietAsync(a.UserId, TimeSpan.FromMilliseconds(150)));
    }

    [Fact]
    public async Task Subscribing_to_an_unknown_channel_set_or_package_is_refused_with_403()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var stream = await t.OpenChannelAsync(a);

        using var noSet = await t.Client(a).PostAsync($"com.broadsoft.xsi-events/v2.0/user/{a.UserId}", Xml.Body("<Subscription xmlns=\"http://schema.broadsoft.com/xsi\"><event>Advanced Call</event><channelSetId>nope</channelSetId></Subscription>"));
        using var noPackage = await t.Client(a).PostAsync($"com.broadsoft.xsi-events/v2.0/user/{a.UserId}", Xml.Body($"<Subscription xmlns=\"http://schema.broadsoft.com/xsi\"><event>Nonsense</event><channelSetId>{stream.ChannelSetId}</channelSetId></Subscription>"));

        Assert.Equal(HttpStatusCode.Forbidden, noSet.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noPackage.StatusCode);
    }
}
