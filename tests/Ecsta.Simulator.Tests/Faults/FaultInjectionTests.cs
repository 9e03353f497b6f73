using System.Diagnostics;
using System.Net;
using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.Simulator.Tests.Support;

namespace Ecsta.Simulator.Tests.Faults;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task The_next_N_requests_fail_with_the_chosen_status_and_an_ErrorInfo_then_requests_succeed()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        t.Sim.Faults.FailNextRequests(2, 503);

        using var first = await t.Client(a).GetAsync(Xml.Calls(a.UserId));
        using var second = await t.Client(a).GetAsync(Xml.Calls(a.UserId));
        using var third = await t.Client(a).GetAsync(Xml.Calls(a.UserId));

        await Xml.ReadAsync<XsiErrorInfo>(first, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task With_an_initial_event_delay_the_CallSubscriptionEvent_follows_the_subscriptions_answer()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var stream = await t.OpenChannelAsync(a);
        t.Sim.Faults.InitialEventDelay = TimeSpan.FromSeconds(1);

        await stream.SubscribeUserAsync(a.UserId);
        var sentAtAnswer = Assert.Single(t.Sim.Acknowledgements).Sent;
        var initial = Assert.Single(await stream.TakeAsync(a.UserId, 1));

        Assert.Equal(0, sentAtAnswer);
        Assert.Equal("CallSubscriptionEvent", initial.EventData.Type);
    }

    [Fact]
    public async Task Responses_are_delayed_by_the_configured_time()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        t.Sim.Faults.ResponseDelay = TimeSpan.FromMilliseconds(200);

        var watch = Stopwatch.StartNew();
        using var response = await t.Client(a).GetAsync(Xml.Calls(a.UserId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(190), $"answered after {watch.Elapsed}");
    }

    [Fact]
    public async Task After_a_password_change_the_old_credentials_get_401()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var old = t.Client(a);

        t.Sim.Faults.ChangePassword(a.UserId, "New-Secret-1");

        using var denied = await old.GetAsync(Xml.Calls(a.UserId));
        using var allowed = await t.Client(a.UserId, "New-Secret-1").GetAsync(Xml.Calls(a.UserId));
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Dropping_all_connections_cuts_the_stream_without_ChannelTerminatedEvent_and_forgets_the_channel()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var stream = await t.OpenChannelAsync(a);

        t.Sim.Faults.DropAllConnections();

        await stream.Ended.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(stream.Others, d => d is XsiChannelTerminatedEvent);
        Assert.Equal(0, t.Sim.ChannelCount);
        Assert.Equal(HttpStatusCode.NotFound, await stream.HeartbeatAsync());
    }

    [Fact]
    public async Task Ignored_heartbeats_are_accepted_but_no_ChannelHeartBeat_is_written()
    {
        await using var t = await SimTest.StartAsync();
        var stream = await t.OpenChannelAsync(t.User(0));
        t.Sim.Faults.IgnoreHeartbeats = true;

        Assert.Equal(HttpStatusCode.OK, await stream.HeartbeatAsync());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.NextDocumentAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Terminating_a_channel_sends_ChannelTerminatedEvent()
    {
        await using var t = await SimTest.StartAsync();
        var stream = await t.OpenChannelAsync(t.User(0));

        Assert.True(t.Sim.Faults.TerminateChannel(stream.ChannelId));

        Assert.Equal("AdminTerminated", Assert.IsType<XsiChannelTerminatedEvent>(await stream.NextDocumentAsync()).Reason);
    }

    [Fact]
    public async Task A_restart_loses_all_calls_channels_and_subscriptions()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        var stream = await t.OpenChannelAsync(a);
        await stream.SubscribeUserAsync(a.UserId);
        await stream.TakeAsync(a.UserId, 1);
        t.Sim.Engine.PlaceIncomingCall("+4989100", a.Extension);
        await stream.TakeAsync(a.UserId, 1);

        t.Sim.Faults.Restart();

        await stream.Ended.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Empty((await Xml.GetAsync<XsiCalls>(t.Client(a), Xml.Calls(a.UserId))).Items);
        Assert.Equal(0, t.Sim.ChannelCount);
    }

    [Fact]
    public async Task The_phantom_second_call_is_received_and_released_within_20_to_50_ms()
    {
        await using var s = await Scenario.StartAsync();

        var callId = s.Test.Sim.Faults.EmitPhantomCall(s.A.UserId);

        var events = await s.TakeAsync(s.A, 2);
        Assert.Equal(["CallReceivedEvent", "CallReleasedEvent"], events.Select(e => e.EventData.Type));
        var released = Scenario.CallOf(events[1]);
        Assert.Equal(callId, released.CallId);
        Assert.InRange(released.ReleaseTime!.Value - released.StartTime!.Value, 20, 1000);
    }

    [Fact]
    public async Task Malformed_and_unknown_documents_reach_the_channel_as_sent()
    {
        await using var s = await Scenario.StartAsync();

        s.Test.Sim.Faults.EmitUnknownDocument(s.A.UserId);
        s.Test.Sim.Faults.EmitRawDocument(s.A.UserId, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><xsi:Event xmlns:xsi=\"http://schema.broadsoft.com/xsi\"><xsi:eventID>a&b</xsi:eventID></xsi:Event>");
        s.Test.Sim.Engine.PlaceIncomingCall("+4989200", s.A.Extension);

        Assert.Equal(["CallReceivedEvent"], await s.TypesAsync(s.A, 1));
        var unreadable = s.Stream.Others.OfType<XsiErrorInfo>().Select(e => e.SummaryEnglish!).ToList();
        Assert.Contains(unreadable, text => text.Contains("SimulatorUnknownDocument", StringComparison.Ordinal));
        Assert.Contains(unreadable, text => text.Contains("a&b", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_admin_endpoint_needs_its_token_and_injects_faults()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        using var admin = new HttpClient { BaseAddress = t.Sim.XsiBaseUri };

        using var noToken = await admin.PostAsync("sim/admin/fail?count=1&status=500", null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "sim/admin/fail?count=1&status=500");
        request.Headers.Add("X-Sim-Admin-Token", t.Sim.AdminToken);
        using var withToken = await admin.SendAsync(request);
        using var failed = await t.Client(a).GetAsync(Xml.Calls(a.UserId));

        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
    }

    [Fact]
    public async Task Dropping_connections_also_closes_cti_sockets()
    {
        await using var t = await SimTest.StartAsync();
        await using var client = await Ecsta.Simulator.Tests.Cti.CtiClient.ConnectAsync(t.Sim);
        var ok = await client.SendAsync("GET", $"/com.broadsoft.xsi-actions/v2.0/user/{t.User(0).UserId}/calls", login: t.User(0).UserId, password: t.User(0).Password);
        Assert.Equal(200, ok.StatusCode);

        t.Sim.Faults.DropAllConnections();

        await Assert.ThrowsAnyAsync<Exception>(() => client.ReadAsync(TimeSpan.FromSeconds(5)));
    }
}
