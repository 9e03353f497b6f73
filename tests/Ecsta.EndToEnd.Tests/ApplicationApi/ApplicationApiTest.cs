using Ecsta.EndToEnd.Tests.TestSupport;
using Ecsta.Host.Cli.Call;
using Newtonsoft.Json.Linq;

namespace Ecsta.EndToEnd.Tests.ApplicationApi;

/// <summary>
/// The base of the application API end-to-end tests: they share one demo host (<see cref="DemoHostCollection"/>),
/// and every test starts from quiet lines: before it runs, any call a previous test left is dropped and forwarding,
/// do not disturb and Remote Office are switched off.
/// </summary>
public abstract class ApplicationApiTest(DemoHost host) : IAsyncLifetime
{
    internal DemoHost Host { get; } = host;

    /// <summary>Demo line <paramref name="index"/> (0–4).</summary>
    internal DemoLine Line(int index) => Host.Lines[index];

    /// <summary>A new application on the host's API with the token.</summary>
    internal Task<ApiApplication> ConnectAsync(string name) => ApiApplication.ConnectAsync(Host.Api, Host.Token, name);

    /// <summary>
    /// <paramref name="caller"/> dials <paramref name="called"/>'s number with lineMakeCall; the call rings there
    /// (LINE_NEWCALL, OFFERING). Returns the caller's and the called line's hCall.
    /// </summary>
    internal static async Task<(uint Caller, uint Called)> RingAsync(ApiApplication caller, uint callerLine, ApiApplication called, uint calledLine, DemoLine to)
    {
        var made = await caller.RequestAsync("lineMakeCall", new { hLine = callerLine, destAddress = to.Number });
        var hCall = made["hCall"]!.Value<uint>();
        await caller.StateAsync(hCall, "RINGBACK");
        var offered = (await called.NewCallAsync(calledLine)).Payload["param2"]!.Value<uint>();
        await called.StateAsync(offered, "OFFERING", "ACTIVE");
        return (hCall, offered);
    }

    /// <summary>
    /// <see cref="RingAsync"/>, then the called line answers; both calls are CONNECTED and the caller is connected to
    /// <paramref name="to"/>. The LINE_CALLINFO(CONNECTEDID) each side got with the answer is taken, so that a later
    /// <see cref="ApiApplication.CallInfoAsync"/> for CONNECTEDID waits for the next change of the connected party (a
    /// transfer's) instead of returning this one at once.
    /// </summary>
    internal static async Task<(uint Caller, uint Called)> AnsweredCallAsync(ApiApplication caller, uint callerLine, ApiApplication called, uint calledLine, DemoLine to)
    {
        var (hCall, offered) = await RingAsync(caller, callerLine, called, calledLine, to);
        await called.RequestAsync("lineAnswer", new { hCall = offered });
        await called.StateAsync(offered, "CONNECTED", "ACTIVE");
        await caller.StateAsync(hCall, "CONNECTED", "ACTIVE");
        await TakeAnswerConnectedIdAsync(called, offered);
        await TakeAnswerConnectedIdAsync(caller, hCall);
        Assert.EndsWith(to.Number, (await caller.InfoAsync(hCall))["connected"]!["number"]!.Value<string>(), StringComparison.Ordinal);
        return (hCall, offered);
    }

    /// <summary>
    /// Takes the LINE_CALLINFO(CONNECTEDID) of an answered call: the core sends it just before the call's CONNECTED
    /// (already awaited), so it is there and only marks it as taken.
    /// </summary>
    internal static Task TakeAnswerConnectedIdAsync(ApiApplication app, uint hCall) => app.CallInfoAsync(hCall, "CONNECTEDID");

    /// <summary>Drops <paramref name="hCall"/> and waits for its DISCONNECTED and IDLE.</summary>
    internal static async Task DropAsync(ApiApplication app, uint hCall)
    {
        await app.RequestAsync("lineDrop", new { hCall });
        await app.StateAsync(hCall, "DISCONNECTED", "NORMAL");
        await app.StateAsync(hCall, "IDLE");
    }

    public async Task InitializeAsync()
    {
        await using var janitor = await ConnectAsync("janitor");
        var idle = new List<uint>();
        foreach (var line in Host.Lines)
        {
            var hLine = await janitor.OpenAsync(line.DeviceId);
            foreach (var call in (JArray)(await janitor.InvokeAsync("lineGetCalls", new { hLine }))!)
            {
                var hCall = call["hCall"]!.Value<uint>();
                idle.Add(hCall);
                try
                {
                    await janitor.InvokeAsync("lineDrop", new { hCall });
                }
                catch (TapiCallException)
                {
                    // Already going idle with another call (a conference, a transfer): its IDLE still comes.
                }
            }

            var status = await janitor.InvokeObjectAsync("lineGetAddressStatus", new { hLine });
            if (((JArray)status["forward"]!).Count > 0)
            {
                await janitor.RequestAsync("lineForward", new { hLine, forwardList = Array.Empty<object>() });
            }

            if (status["remoteOffice"]!["active"]!.Value<bool>())
            {
                await janitor.RequestAsync("lineDevSpecific", new { hLine, feature = "remoteOffice", enable = false });
            }
        }

        foreach (var hCall in idle)
        {
            await janitor.StateAsync(hCall, "IDLE");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
