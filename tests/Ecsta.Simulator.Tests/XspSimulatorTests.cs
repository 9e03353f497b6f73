using System.Net;
using Ecsta.Simulator.Tests.Cti;
using Ecsta.Simulator.Tests.Support;

namespace Ecsta.Simulator.Tests;

public sealed class XspSimulatorTests
{
    [Fact]
    public async Task It_binds_free_ports_and_prints_its_listeners_users_and_administrator()
    {
        await using var t = await SimTest.StartAsync();
        var sim = t.Sim;
        using var output = new StringWriter();

        sim.PrintUsers(output);

        var text = output.ToString();
        Assert.All(new[] { sim.XsiPort, sim.XsiHttpsPort, sim.CtiPort, sim.CtisPort }, port => Assert.InRange(port!.Value, 1, 65535));
        Assert.Contains(sim.XsiBaseUri!.ToString(), text, StringComparison.Ordinal);
        Assert.Contains(sim.Administrator.UserId, text, StringComparison.Ordinal);
        Assert.All(sim.Users, u => Assert.Contains(u.UserId + " ", text, StringComparison.Ordinal));
        Assert.All(sim.Users, u => Assert.Contains(u.Password, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Listeners_set_to_null_stay_off()
    {
        await using var sim = await XspSimulator.StartAsync(new SimulatorOptions { Users = 1, XsiHttpsPort = null, CtiPort = null, CtisPort = null });

        Assert.NotNull(sim.XsiPort);
        Assert.Null(sim.XsiHttpsPort);
        Assert.Null(sim.CtiPort);
        Assert.Null(sim.CtisPort);
    }

    [Fact]
    public async Task A_cti_session_gets_401_after_its_password_changed()
    {
        await using var t = await SimTest.StartAsync();
        var a = t.User(0);
        await using var client = await CtiClient.ConnectAsync(t.Sim);
        var uri = $"/com.broadsoft.xsi-actions/v2.0/user/{a.UserId}/calls";
        Assert.Equal(200, (await client.SendAsync("GET", uri, login: a.UserId, password: a.Password)).StatusCode);
        Assert.Equal(200, (await client.SendAsync("GET", uri)).StatusCode);

        t.Sim.Faults.ChangePassword(a.UserId, "Changed-1");

        Assert.Equal(401, (await client.SendAsync("GET", uri)).StatusCode);
    }

    [Fact]
    public async Task With_events_first_the_events_may_precede_the_response_and_still_arrive_in_order()
    {
        await using var t = await SimTest.StartAsync(SimTest.FastOptions() with { EventOrder = EventOrder.EventsFirst });
        var a = t.User(0);
        var stream = await t.OpenChannelAsync(a);
        await stream.SubscribeUserAsync(a.UserId);
        await stream.TakeAsync(a.UserId, 1);

        using var response = await t.Client(a).PostAsync($"{Xml.Calls(a.UserId)}/new?address=%2B4930111", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["CallOriginatingEvent", "HookStatusEvent", "CallOriginatedEvent", "CallAnsweredEvent"], await stream.TypesAsync(a.UserId, 4));
    }
}
