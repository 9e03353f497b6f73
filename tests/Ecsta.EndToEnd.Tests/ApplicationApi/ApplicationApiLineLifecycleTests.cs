using Ecsta.Abstractions.Transports;
using Ecsta.EndToEnd.Tests.TestSupport;
using Ecsta.Host.Configuration;
using Ecsta.Simulator;
using Ecsta.Simulator.CallEngine;
using Newtonsoft.Json.Linq;

namespace Ecsta.EndToEnd.Tests.ApplicationApi;

/// <summary>
/// The messages demo mode cannot produce (it never changes its lines): the real host with a configuration file on a
/// simulator of its own, an application on the real listener, and the configuration edited while it runs.
/// </summary>
public sealed class ApplicationApiLineLifecycleTests
{
    [Fact]
    public async Task Lines_added_to_and_removed_from_the_configuration_reach_applications_as_LINE_CREATE_LINE_REMOVE_and_LINE_CLOSE()
    {
        await using var sim = await XspSimulator.StartAsync(
            new SimulatorOptions { Users = 3, XsiPort = 0, XsiHttpsPort = null, CtiPort = null, CtisPort = null }, CancellationToken.None);
        var folder = Path.Combine(Path.GetTempPath(), "ecsta-lines-" + Guid.NewGuid().ToString("N"));
        var store = new ConfigurationStore(Path.Combine(folder, "ecsta.json"));
        var configuration = new EcstaConfiguration();
        configuration.Instances.Add(Instance(sim, store, sim.Users[0], sim.Users[1]));
        store.Save(configuration);
        await using var host = await RunningHost.StartAsync(folder, lines: 2);
        await using var app = await ApiApplication.ConnectAsync(host.Api, host.Token, "app");
        var kept = host.Lines.Single(l => l.Number == sim.Users[0].Extension);
        var removed = host.Lines.Single(l => l.Number == sim.Users[1].Extension);
        var keptLine = await app.OpenAsync(kept.DeviceId);
        var removedLine = await app.OpenAsync(removed.DeviceId);

        configuration.Instances[0].Lines = [.. Instance(sim, store, sim.Users[0], sim.Users[2]).Lines]; // the login stays: no restart
        store.Save(configuration);

        var create = await app.ExpectAsync("LINE_CREATE", "LINE_CREATE");
        var remove = await app.ExpectAsync($"LINE_REMOVE of device {removed.DeviceId}", "LINE_REMOVE", p => p["param1"]!.Value<uint>() == removed.DeviceId);
        await app.ExpectAsync($"LINE_CLOSE of line handle {removedLine}", "LINE_CLOSE", p => p["hLine"]!.Value<uint>() == removedLine);
        Assert.Equal(0u, create.Payload["hLine"]!.Value<uint>()); // every application gets it, not through a line
        Assert.Equal(0u, remove.Payload["hLine"]!.Value<uint>());
        var added = create.Payload["param1"]!.Value<uint>();
        Assert.DoesNotContain(added, new[] { kept.DeviceId, removed.DeviceId }); // device ids are never reused
        Assert.DoesNotContain(app.Received, e => e.Name == "LINE_CLOSE" && e.Payload["hLine"]!.Value<uint>() == keptLine);

        var devices = (JArray)(await app.InvokeAsync("lineGetDevices"))!;
        Assert.Equal([kept.DeviceId, added], devices.Select(d => d["deviceId"]!.Value<uint>()).Order());
        Assert.Equal(sim.Users[2].Extension, devices.Single(d => d["deviceId"]!.Value<uint>() == added)["number"]!.Value<string>());
        Assert.Equal("LINEERR_INVALLINEHANDLE", await app.RefusedAsync("lineMakeCall", new { hLine = removedLine, destAddress = sim.Users[0].Extension }));
        Assert.Equal("LINEERR_BADDEVICEID", await app.RefusedAsync("lineOpen", new { deviceId = removed.DeviceId }));
        await app.InvokeObjectAsync("lineGetAddressStatus", new { hLine = keptLine });
        await app.OpenAsync(added);
    }

    [Fact]
    public async Task A_line_keeps_its_device_id_after_another_line_is_removed_and_the_host_restarted_and_the_removed_id_is_never_reused()
    {
        await using var sim = await XspSimulator.StartAsync(
            new SimulatorOptions { Users = 4, XsiPort = 0, XsiHttpsPort = null, CtiPort = null, CtisPort = null }, CancellationToken.None);
        var folder = Path.Combine(Path.GetTempPath(), "ecsta-ids-" + Guid.NewGuid().ToString("N"));
        var store = new ConfigurationStore(Path.Combine(folder, "ecsta.json"));
        var configuration = new EcstaConfiguration();
        configuration.Instances.Add(Instance(sim, store, sim.Users[0], sim.Users[1], sim.Users[2]));
        store.Save(configuration);
        var first = await RunningHost.StartAsync(folder, lines: 3);
        var before = first.Lines.ToDictionary(l => l.Number, l => l.DeviceId);
        await first.StopAsync();

        configuration = store.Load();
        configuration.Instances[0].Lines = [.. Instance(sim, store, sim.Users[0], sim.Users[2], sim.Users[3]).Lines];
        store.Save(configuration);
        await using var second = await RunningHost.StartAsync(folder, lines: 3);
        await using var app = await ApiApplication.ConnectAsync(second.Api, second.Token, "app");

        var after = second.Lines.ToDictionary(l => l.Number, l => l.DeviceId);
        Assert.Equal(before[sim.Users[0].Extension], after[sim.Users[0].Extension]);
        Assert.Equal(before[sim.Users[2].Extension], after[sim.Users[2].Extension]);
        Assert.DoesNotContain(after[sim.Users[3].Extension], before.Values);
        var caps = await app.InvokeObjectAsync("lineGetDevCaps", new { deviceId = after[sim.Users[2].Extension] });
        Assert.Equal(after[sim.Users[2].Extension], caps["permanentLineId"]!.Value<uint>());
        Assert.Equal(sim.Users[2].UserId, caps["userId"]!.Value<string>());
    }

    /// <summary>A server-mode instance over XSI (http) to the simulator with one line per user, as demo mode makes it.</summary>
    private static InstanceConfiguration Instance(XspSimulator sim, ConfigurationStore store, params SimUser[] users) => new()
    {
        Name = "lab",
        Mode = InstanceMode.Server,
        Host = "127.0.0.1",
        Port = sim.XsiPort!.Value,
        ConnectionType = ConnectionTypes.Http,
        User = sim.Administrator.UserId,
        PasswordProtected = store.Secrets.Protect(sim.Administrator.Password),
        Lines = [.. users.Select(u => new LineConfiguration { UserId = u.UserId, Number = u.Extension, Name = u.DisplayName })],
    };
}
