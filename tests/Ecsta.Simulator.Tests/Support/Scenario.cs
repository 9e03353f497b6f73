using Ecsta.BroadWorks.Xsi;
using Ecsta.BroadWorks.Xsi.Events;
using Ecsta.Simulator.CallEngine;

namespace Ecsta.Simulator.Tests.Support;

/// <summary>A simulator with an administrator's channel subscribed (Advanced Call) to every user.</summary>
internal sealed class Scenario : IAsyncDisposable
{
    private Scenario(SimTest test, EventStream stream)
    {
        Test = test;
        Stream = stream;
    }

    public SimTest Test { get; }

    public EventStream Stream { get; }

    public SimUser A => Test.User(0);

    public SimUser B => Test.User(1);

    public SimUser C => Test.User(2);

    public static async Task<Scenario> StartAsync(SimulatorOptions? options = null)
    {
        var test = await SimTest.StartAsync(options);
        var stream = await test.OpenChannelAsync(test.Sim.Administrator.UserId, test.Sim.Administrator.Password);
        foreach (var user in test.Sim.Users.Take(4))
        {
            await stream.SubscribeUserAsync(user.UserId);
            Assert.Equal(["CallSubscriptionEvent"], await stream.TypesAsync(user.UserId, 1));
        }

        return new Scenario(test, stream);
    }

    public static XsiCall CallOf(XsiSubscriptionEvent e) => Assert.IsType<XsiCallEventData>(e.EventData).Call;

    public HttpClient Client(SimUser user) => Test.Client(user);

    public string CallsOf(SimUser user) => Xml.Calls(user.UserId);

    public Task<List<string>> TypesAsync(SimUser user, int count) => Stream.TypesAsync(user.UserId, count);

    public Task<List<XsiSubscriptionEvent>> TakeAsync(SimUser user, int count) => Stream.TakeAsync(user.UserId, count);

    public Task PutAsync(SimUser user, string relative) => Xml.PutOkAsync(Client(user), $"{CallsOf(user)}/{relative}");

    public async Task DeleteAsync(SimUser user, string relative)
    {
        using var response = await Client(user).DeleteAsync($"{CallsOf(user)}/{relative}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Caller clicks to dial callee, callee answers; all their events are consumed. Returns both call ids.</summary>
    public async Task<(string CallerCall, string CalleeCall)> ConnectAsync(SimUser caller, SimUser callee, bool callerAlreadyOffHook = false)
    {
        var start = await Xml.DialAsync(Client(caller), caller.UserId, callee.Extension);
        Assert.Equal(callerAlreadyOffHook ? ["CallOriginatingEvent", "CallOriginatedEvent"] : ["CallOriginatingEvent", "HookStatusEvent", "CallOriginatedEvent"], await TypesAsync(caller, callerAlreadyOffHook ? 2 : 3));
        var received = CallOf(Assert.Single(await TakeAsync(callee, 1)));
        await PutAsync(callee, received.CallId + "/Talk");
        Assert.Equal(["CallAnsweredEvent", "HookStatusEvent"], await TypesAsync(callee, 2));
        Assert.Equal(["CallAnsweredEvent"], await TypesAsync(caller, 1));
        return (start.CallId, received.CallId);
    }

    /// <summary>Caller clicks to dial an external number that answers.</summary>
    public async Task<string> ConnectExternalAsync(SimUser caller, string number, bool callerAlreadyOffHook)
    {
        var start = await Xml.DialAsync(Client(caller), caller.UserId, number);
        Assert.Equal(callerAlreadyOffHook ? ["CallOriginatingEvent", "CallOriginatedEvent", "CallAnsweredEvent"] : ["CallOriginatingEvent", "HookStatusEvent", "CallOriginatedEvent", "CallAnsweredEvent"], await TypesAsync(caller, callerAlreadyOffHook ? 3 : 4));
        return start.CallId;
    }

    public async ValueTask DisposeAsync() => await Test.DisposeAsync();
}
