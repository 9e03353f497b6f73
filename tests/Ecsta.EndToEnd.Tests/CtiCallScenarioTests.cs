using Ecsta.Abstractions.Transports;
using Ecsta.EndToEnd.Tests.TestSupport;

namespace Ecsta.EndToEnd.Tests;

// The same call scenarios (CallScenarioTests, unchanged) over the CTI transport: one persistent socket to the
// simulator's CTI listener, the HTTP side channel (lines, Remote Office) on its XSI port.

/// <summary>The scenarios in workstation mode over CTI (TCP).</summary>
public sealed class WorkstationCtiCallTests(HostEnvironment env)
    : CallScenarioTests(env, InstanceMode.Workstation, ConnectionTypes.Cti), IClassFixture<HostEnvironment>;

/// <summary>
/// The scenarios in server mode (group administrator, group subscription, snapshots per line) over CTI (TCP), and
/// the group's lines read through the HTTP side channel. Only CTI instances use this class's simulator, so its XSI
/// HTTP request log shows exactly what went over the side channel.
/// </summary>
public sealed class ServerCtiCallTests : CallScenarioTests, IClassFixture<HostEnvironment>
{
    private readonly HostEnvironment _env;

    public ServerCtiCallTests(HostEnvironment env)
        : base(env, InstanceMode.Server, ConnectionTypes.Cti) => _env = env;

    [Fact]
    public async Task The_lines_of_the_group_are_read_through_the_HTTP_side_channel_while_calls_and_events_use_the_socket()
    {
        var user = _env.NextUser();
        var instance = _env.Instance(user, InstanceMode.Server, ConnectionTypes.Cti);
        await using var line = await _env.StartAsync(instance);
        var before = _env.Simulator.XsiHttpRequests.Count;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var lines = await _env.LinkOf(instance.Name).ReadLinesAsync(timeout.Token);

        Assert.Equal(_env.Simulator.Users.Select(u => u.UserId).Order(StringComparer.Ordinal), lines.Select(l => l.UserId).Order(StringComparer.Ordinal));
        var read = lines.Single(l => l.UserId == user.UserId);
        Assert.Equal(user.Extension, read.Extension);
        var requests = _env.Simulator.XsiHttpRequests;
        Assert.Contains(requests.Skip(before), r => r.StartsWith("GET http ", StringComparison.Ordinal)
            && r.EndsWith($"/user/{user.UserId}/directories/Group", StringComparison.Ordinal));

        // Everything else of every CTI instance of this class (channel, subscriptions, calls, snapshots) went over the
        // socket: the HTTP listener saw only side-channel requests (directory, profile, Remote Office).
        Assert.All(requests, r => Assert.Matches(@"^GET http /com\.broadsoft\.xsi-actions/v2\.0/user/[^/]+/(directories/Group|profile|services/RemoteOffice)$", r));
    }
}

/// <summary>The scenarios in workstation mode over CTI on TLS (<c>ctis</c>), trusting the simulator's test-made CA through TrustedCaPath.</summary>
public sealed class WorkstationCtisCallTests(HostEnvironment env)
    : CallScenarioTests(env, InstanceMode.Workstation, ConnectionTypes.Ctis), IClassFixture<HostEnvironment>;

/// <summary>The scenarios in workstation mode over CTI (TCP) with the simulator sending each request's events before its response.</summary>
public sealed class WorkstationCtiEventsFirstCallTests(EventsFirstHostEnvironment env)
    : CallScenarioTests(env, InstanceMode.Workstation, ConnectionTypes.Cti), IClassFixture<EventsFirstHostEnvironment>;
