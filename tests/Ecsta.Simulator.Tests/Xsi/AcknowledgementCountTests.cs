using System.Net;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.Simulator.Events;
using Ecsta.Simulator.Tests.Support;

namespace Ecsta.Simulator.Tests.Xsi;

/// <summary>The simulator counts, per channel, the events that needed an EventResponse and those that got one in time.</summary>
public sealed class AcknowledgementCountTests
{
    private const string Events = "com.broadsoft.xsi-events/v2.0";

    private static SimChannelAcknowledgements Of(SimTest t, EventStream stream) =>
        Assert.Single(t.Sim.Acknowledgements, a => a.ChannelId == stream.ChannelId);

    private static async Task DeleteAsync(HttpClient client, string path)
    {
        using var response = await client.DeleteAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_event_acknowledged_before_its_subscription_and_channel_are_deleted_counts_as_acknowledged_on_its_closed_channel()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var stream = await t.OpenChannelAsync(a, autoAck: false);
        var subscription = await stream.SubscribeUserAsync(a.UserId);
        var initial = await stream.NextOfTypeAsync<XsiSubscriptionEvent>();

        await stream.AcknowledgeAsync(initial.EventId);
        await DeleteAsync(t.Client(a), $"{Events}/subscription/{subscription}");
        await DeleteAsync(t.Client(a), $"{Events}/channel/{stream.ChannelId}");

        Assert.Equal(new SimChannelAcknowledgements(stream.ChannelId, stream.ChannelSetId, a.UserId, false, 1, 1), Of(t, stream));
        Assert.Equal(0, Of(t, stream).Unacknowledged);
    }

    [Fact]
    public async Task An_event_never_acknowledged_stays_unacknowledged_on_its_channel_after_the_subscription_and_channel_are_deleted()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var stream = await t.OpenChannelAsync(a, autoAck: false);
        var subscription = await stream.SubscribeUserAsync(a.UserId);
        await stream.NextOfTypeAsync<XsiSubscriptionEvent>();

        await DeleteAsync(t.Client(a), $"{Events}/subscription/{subscription}");
        await DeleteAsync(t.Client(a), $"{Events}/channel/{stream.ChannelId}");

        Assert.Equal(0, t.Sim.PendingAcknowledgements);
        Assert.Equal((false, 1, 0, 1), (Of(t, stream).Open, Of(t, stream).Sent, Of(t, stream).Acknowledged, Of(t, stream).Unacknowledged));
    }

    [Fact]
    public async Task An_acknowledgement_that_arrives_after_the_subscription_was_deleted_is_too_late()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var stream = await t.OpenChannelAsync(a, autoAck: false);
        var subscription = await stream.SubscribeUserAsync(a.UserId);
        var initial = await stream.NextOfTypeAsync<XsiSubscriptionEvent>();

        await DeleteAsync(t.Client(a), $"{Events}/subscription/{subscription}");
        await stream.AcknowledgeAsync(initial.EventId);

        Assert.Equal((true, 1, 0), (Of(t, stream).Open, Of(t, stream).Sent, Of(t, stream).Acknowledged));
    }

    [Fact]
    public async Task A_resent_event_counts_once_on_the_channel_it_was_last_sent_on()
    {
        await using var t = await SimTest.StartAsync(SimTest.FastOptions() with { Events = SimTest.FastOptions().Events with { AcknowledgementTimeout = TimeSpan.FromMilliseconds(150) } });
        var a = t.User(0);
        var set = "set-" + Guid.NewGuid();
        var primary = await t.OpenChannelAsync(a.UserId, a.Password, autoAck: false, channelSetId: set, priority: 1);
        var backup = await t.OpenChannelAsync(a.UserId, a.Password, autoAck: false, channelSetId: set, priority: 2);
        await primary.SubscribeUserAsync(a.UserId);
        var initial = await primary.NextOfTypeAsync<XsiSubscriptionEvent>();

        await DeleteAsync(t.Client(a), $"{Events}/channel/{primary.ChannelId}");
        var resent = await backup.NextOfTypeAsync<XsiSubscriptionEvent>();
        await backup.AcknowledgeAsync(resent.EventId);

        Assert.Equal(initial.EventId, resent.EventId);
        Assert.Equal((false, 0, 0), (Of(t, primary).Open, Of(t, primary).Sent, Of(t, primary).Acknowledged));
        Assert.Equal((true, 1, 1), (Of(t, backup).Open, Of(t, backup).Sent, Of(t, backup).Acknowledged));
    }
}
