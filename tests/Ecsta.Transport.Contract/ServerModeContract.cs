using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Transports;

namespace Ecsta.Transport.Contract;

/// <summary>Server mode: the group's lines, its one subscription per package, a snapshot per line.</summary>
/// <typeparam name="THarness">The transport's harness.</typeparam>
public abstract class ServerModeContract<THarness>
    where THarness : IHarnessStarter
{
    protected static Task<TransportHarness> StartAsync(int users, Dictionary<string, string>? settings = null) =>
        THarness.StartAsync(new HarnessOptions { Mode = InstanceMode.Server, Users = users, Settings = settings });

    [Fact]
    public async Task The_group_lines_are_read_over_HTTP_through_all_pages()
    {
        await using var h = await StartAsync(7, new() { ["directoryPageSize"] = "3" });
        await h.Link.ConnectAsync(CancellationToken.None);

        var lines = await h.Link.ReadLinesAsync(CancellationToken.None);

        Assert.Equal(h.Sim.Users.Select(u => u.UserId), lines.Select(l => l.UserId));
        Assert.Equal(h.Sim.Users[6].Extension, lines[6].Extension);
        Assert.Equal(h.Sim.Users[6].DisplayName, lines[6].Name);
        var http = $"-> \"GET\" http://127.0.0.1:{h.HttpPort}/";
        Assert.Equal(3, TransportHarness.TraceSink.Lines.Count(l => l.StartsWith(http, StringComparison.Ordinal) && l.Contains("directories/Group?start=", StringComparison.Ordinal)));
        Assert.DoesNotContain(TransportHarness.TraceSink.Lines, l => l.StartsWith("-> cti", StringComparison.Ordinal) && l.Contains("directories/Group", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Monitoring_in_server_mode_subscribes_the_group_and_snapshots_each_line()
    {
        await using var h = await StartAsync(4);
        var lineA = h.Sim.Users[1];
        var lineB = h.Sim.Users[2];
        h.Sim.Engine.PlaceIncomingCall("+4989555200", lineA.Extension);
        await h.Link.ConnectAsync(CancellationToken.None);

        await h.Link.MonitorAsync([lineA.UserId, lineB.UserId], CancellationToken.None);

        var snapshots = new[] { await h.Next<CallSnapshotEvent>(), await h.Next<CallSnapshotEvent>() };
        Assert.Single(snapshots.Single(s => s.UserId == lineA.UserId).Calls);
        Assert.Empty(snapshots.Single(s => s.UserId == lineB.UserId).Calls);
        Assert.All(snapshots, s => Assert.NotNull(s.ReadAfterEvents));
        var subscriptions = await h.SubscriptionsAsync();
        Assert.Equal(6, subscriptions.Count);
        Assert.All(subscriptions, s => Assert.Equal("Group", s.Elements().First(e => e.Name.LocalName == "targetIdType").Value));

        h.Sim.Engine.PlaceIncomingCall("+4989555201", lineB.Extension);
        var received = await h.NextCall("CallReceivedEvent");
        Assert.Equal(lineB.UserId, received.UserId);

        // Events of a user of the group that is not monitored are acknowledged but not passed on.
        h.Sim.Engine.PlaceIncomingCall("+4989555202", h.Sim.Users[3].Extension);
        h.Sim.Engine.PlaceIncomingCall("+4989555203", lineB.Extension);
        var next = await h.NextCall("CallReceivedEvent");
        Assert.Equal(lineB.UserId, next.UserId);
    }

    [Fact]
    public async Task After_a_reconnect_in_server_mode_each_line_gets_a_snapshot_stamped_with_the_events_before_its_read_and_the_group_one_subscription_per_package()
    {
        await using var h = await StartAsync(3);
        await h.Link.ConnectAsync(CancellationToken.None);
        await h.Link.MonitorAsync([h.Sim.Users[0].UserId, h.Sim.Users[1].UserId], CancellationToken.None);
        await h.Next<CallSnapshotEvent>();
        await h.Next<CallSnapshotEvent>();

        h.Sim.Faults.DropAllConnections();

        await h.Next<LinkStateEvent>(e => e.State == LinkState.Reconnecting);
        await h.Next<LinkStateEvent>(e => e.State == LinkState.Connected, 20);
        var snapshots = new[] { await h.Next<CallSnapshotEvent>(), await h.Next<CallSnapshotEvent>() };
        Assert.Equal(new[] { h.Sim.Users[0].UserId, h.Sim.Users[1].UserId }.Order(), snapshots.Select(s => s.UserId).Order());

        // Read apart from the stream, after the two first snapshots, Reconnecting and Connected were on it.
        Assert.All(snapshots, s => Assert.True(s.ReadAfterEvents >= 4, $"stamp {s.ReadAfterEvents}"));
        Assert.Equal(6, (await h.SubscriptionsAsync()).Count);
    }

    [Fact]
    public async Task After_a_server_restart_in_server_mode_each_line_gets_a_snapshot_without_the_lost_calls()
    {
        await using var h = await StartAsync(3);
        var line = h.Sim.Users[1];
        await h.Link.ConnectAsync(CancellationToken.None);
        await h.Link.MonitorAsync([h.Sim.Users[0].UserId, line.UserId], CancellationToken.None);
        await h.Next<CallSnapshotEvent>();
        await h.Next<CallSnapshotEvent>();
        h.Sim.Engine.PlaceIncomingCall("+4989555300", line.Extension);
        await h.Next<CallEvent>(e => e.RawType == "CallReceivedEvent" && e.UserId == line.UserId);

        h.Sim.Faults.Restart();

        await h.Next<LinkStateEvent>(e => e.State == LinkState.Reconnecting);
        await h.Next<LinkStateEvent>(e => e.State == LinkState.Connected, 20);
        var snapshots = new[] { await h.Next<CallSnapshotEvent>(), await h.Next<CallSnapshotEvent>() };
        Assert.Equal(new[] { h.Sim.Users[0].UserId, line.UserId }.Order(), snapshots.Select(s => s.UserId).Order());
        Assert.All(snapshots, s => Assert.Empty(s.Calls));
        Assert.Equal(6, (await h.SubscriptionsAsync()).Count);
    }
}
