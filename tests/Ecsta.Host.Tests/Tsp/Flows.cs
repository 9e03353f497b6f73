using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Tests.Support;

namespace Ecsta.Host.Tests.Tsp;

/// <summary>Steps shared by the call flow tests.</summary>
internal static class Flows
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);

    /// <summary>An incoming call from <paramref name="from"/>, shown after the phantom window and answered; returns its hdCall.</summary>
    public static async Task<uint> ConnectedIncomingAsync(TspHarness h, string callId, string from)
    {
        var call = Ev.Incoming(callId, from);
        await h.PushAsync(Ev.E(CallEventKind.Received, call));
        await h.AdvanceAsync(Window);
        var handle = h.Provider.GetCalls(h.LineHandle).Max();
        var answer = h.Provider.Answer(h.LineHandle, handle);
        Assert.True(answer.Accepted);
        await h.PushAsync(Ev.E(CallEventKind.Answered, call.With(BroadWorksCallState.Active)));
        Assert.Equal(LineCallState.CONNECTED, h.Status(handle).CallState);
        h.Take();
        h.Link.ClearCommands();
        return handle;
    }

    /// <summary>lineMakeCall answered by both phones; returns its hdCall.</summary>
    public static async Task<uint> ConnectedOutgoingAsync(TspHarness h, string callId, string to)
    {
        h.Link.NextCalls.Enqueue(Ev.Started(callId, "t-" + callId));
        var make = h.Provider.MakeCall(h.LineHandle, to);
        Assert.True(make.Accepted);
        await h.SettleAsync();
        var c = Ev.ClickToDial(callId, to);
        await h.PushAsync(
            Ev.E(CallEventKind.Originating, c),
            Ev.E(CallEventKind.Originated, c.AsOriginator()),
            Ev.E(CallEventKind.Answered, c.AsOriginator().With(BroadWorksCallState.Active)));
        Assert.Equal(LineCallState.CONNECTED, h.Status(make.NewCallHandle).CallState);
        h.Take();
        h.Link.ClearCommands();
        return make.NewCallHandle;
    }

    /// <summary>O connected (incoming c1 from 1020), lineSetupTransfer confirmed, K dialled to 1030 (c2) and answered.</summary>
    public static async Task<(uint O, uint K)> ConsultationAsync(TspHarness h)
    {
        var o = await ConnectedIncomingAsync(h, "c1", "1020");
        var setup = h.Provider.SetupTransfer(h.LineHandle, o);
        Assert.True(setup.Accepted);
        await h.SettleAsync();
        await h.PushAsync(Ev.E(CallEventKind.Held, Ev.Incoming("c1", "1020").With(BroadWorksCallState.Held)));
        h.Link.NextCalls.Enqueue(Ev.Started("c2", "t-c2"));
        Assert.True(h.Provider.Dial(h.LineHandle, setup.NewCallHandle, "1030").Accepted);
        await h.SettleAsync();
        var k = Ev.ClickToDial("c2", "1030");
        await h.PushAsync(
            Ev.E(CallEventKind.Originating, k),
            Ev.E(CallEventKind.Originated, k.AsOriginator()),
            Ev.E(CallEventKind.Answered, k.AsOriginator().With(BroadWorksCallState.Active)));
        Assert.Equal(LineCallState.ONHOLDPENDTRANSFER, h.Status(o).CallState);
        Assert.Equal(LineCallState.CONNECTED, h.Status(setup.NewCallHandle).CallState);
        h.Take();
        h.Link.ClearCommands();
        return (o, setup.NewCallHandle);
    }
}
