using Ecsta.Abstractions.Platform;
using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Tests.Support;
using Ecsta.Tsp.Provider;

namespace Ecsta.Host.Tests.Tsp;

public sealed class ForwardingTests
{
    [Fact]
    public async Task Forward_unconditional_sets_CFA_completes_on_2xx_and_reports_FORWARD_when_the_service_event_arrives()
    {
        await using var h = await TspHarness.StartAsync();

        var forward = h.Provider.Forward(h.LineHandle, [new LineForwardEntry(LineForwardMode.UNCOND, "1030")], 0);
        await h.SettleAsync();
        Assert.Equal(["SetService alice CallForwardingAlways on 1030"], h.Link.CallCommands);
        Assert.Equal([$"ASYNC_COMPLETION {forward.RequestId} SUCCESS"], h.Take());

        await h.PushAsync(Ev.Service(UserService.CallForwardingAlways, true, "tel:1030"));
        Assert.Equal(["LINE_ADDRESSSTATE FORWARD"], h.Take());
        Assert.Equal([new LineForwardEntry(LineForwardMode.UNCOND, "1030")], h.Provider.GetAddressStatus(h.DeviceId)!.Forward);

        await h.PushAsync(Ev.Service(UserService.CallForwardingAlways, true, "tel:1030"));
        Assert.Empty(h.Take());
    }

    [Fact]
    public async Task DND_is_UNCOND_with_an_empty_destination_and_replaces_CFA()
    {
        await using var h = await TspHarness.StartAsync();
        await h.PushAsync(Ev.Service(UserService.CallForwardingAlways, true, "tel:1030"));
        h.Take();

        var dnd = h.Provider.Forward(h.LineHandle, [new LineForwardEntry(LineForwardMode.UNCOND, "")], 0);
        await h.SettleAsync();
        Assert.Equal(["SetService alice CallForwardingAlways off", "SetService alice DoNotDisturb on"], h.Link.CallCommands);
        await h.PushAsync(Ev.Service(UserService.CallForwardingAlways, false), Ev.Service(UserService.DoNotDisturb, true));

        Assert.Equal(
        [
            $"ASYNC_COMPLETION {dnd.RequestId} SUCCESS",
            "LINE_ADDRESSSTATE FORWARD",
            "LINE_ADDRESSSTATE FORWARD",
        ], h.Take());
        var status = h.Provider.GetAddressStatus(h.DeviceId)!;
        Assert.True(status.DoNotDisturb);
        Assert.Equal([new LineForwardEntry(LineForwardMode.UNCOND, "")], status.Forward);
    }

    [Fact]
    public async Task Forward_list_is_reported_in_the_fixed_order_CFA_DND_CFB_CFNA()
    {
        await using var h = await TspHarness.StartAsync();

        await h.PushAsync(
            Ev.Service(UserService.CallForwardingNoAnswer, true, "tel:1050", 4),
            Ev.Service(UserService.CallForwardingBusy, true, "tel:1040"),
            Ev.Service(UserService.DoNotDisturb, true),
            Ev.Service(UserService.CallForwardingAlways, true, "tel:1030"));

        var status = h.Provider.GetAddressStatus(h.DeviceId)!;
        Assert.Equal(
        [
            new LineForwardEntry(LineForwardMode.UNCOND, "1030"),
            new LineForwardEntry(LineForwardMode.UNCOND, ""),
            new LineForwardEntry(LineForwardMode.BUSY, "1040"),
            new LineForwardEntry(LineForwardMode.NOANSW, "1050"),
        ], status.Forward);
        Assert.Equal(4u, status.NumRingsNoAnswer);
        Assert.Equal(4, h.Take().Count);
    }

    [Fact]
    public async Task Cancelling_all_forwarding_turns_off_only_what_is_on_and_succeeds_when_nothing_is_on()
    {
        await using var h = await TspHarness.StartAsync();
        await h.PushAsync(Ev.Service(UserService.DoNotDisturb, true), Ev.Service(UserService.CallForwardingNoAnswer, true, "tel:1050", 3));
        h.Take();

        var cancel = h.Provider.Forward(h.LineHandle, null, 0);
        await h.SettleAsync();
        Assert.Equal(["SetService alice CallForwardingNoAnswer off", "SetService alice DoNotDisturb off"], h.Link.CallCommands);
        await h.PushAsync(Ev.Service(UserService.CallForwardingNoAnswer, false), Ev.Service(UserService.DoNotDisturb, false));
        Assert.Equal([$"ASYNC_COMPLETION {cancel.RequestId} SUCCESS", "LINE_ADDRESSSTATE FORWARD", "LINE_ADDRESSSTATE FORWARD"], h.Take());
        Assert.Empty(h.Provider.GetAddressStatus(h.DeviceId)!.Forward);

        h.Link.ClearCommands();
        var again = h.Provider.Forward(h.LineHandle, [], 0);
        await h.SettleAsync();
        Assert.Empty(h.Link.CallCommands);
        Assert.Equal([$"ASYNC_COMPLETION {again.RequestId} SUCCESS"], h.Take());
    }

    [Fact]
    public async Task A_service_event_before_the_completion_sends_its_FORWARD_right_after_it()
    {
        await using var h = await TspHarness.StartAsync();
        var answer = h.Link.HoldNext();

        var forward = h.Provider.Forward(h.LineHandle, [new LineForwardEntry(LineForwardMode.NOANSW, "1050")], 5);
        await h.SettleAsync();
        await h.PushAsync(Ev.Service(UserService.CallForwardingNoAnswer, true, "tel:1050", 5));
        Assert.Empty(h.Take());
        answer.SetResult();
        await h.SettleAsync();

        Assert.Equal(["SetService alice CallForwardingNoAnswer on 1050 rings=5"], h.Link.CallCommands);
        Assert.Equal([$"ASYNC_COMPLETION {forward.RequestId} SUCCESS", "LINE_ADDRESSSTATE FORWARD"], h.Take());
    }

    [Fact]
    public async Task Two_service_events_before_the_completion_send_one_FORWARD_each_right_after_it()
    {
        await using var h = await TspHarness.StartAsync();
        await h.PushAsync(Ev.Service(UserService.CallForwardingAlways, true, "tel:1030"));
        h.Take();
        var firstPut = h.Link.HoldNext();

        var dnd = h.Provider.Forward(h.LineHandle, [new LineForwardEntry(LineForwardMode.UNCOND, "")], 0);
        await h.SettleAsync();
        await h.PushAsync(Ev.Service(UserService.CallForwardingAlways, false), Ev.Service(UserService.DoNotDisturb, true));
        Assert.Empty(h.Take());
        firstPut.SetResult();
        await h.SettleAsync();

        Assert.Equal(["SetService alice CallForwardingAlways off", "SetService alice DoNotDisturb on"], h.Link.CallCommands);
        Assert.Equal(
        [
            $"ASYNC_COMPLETION {dnd.RequestId} SUCCESS",
            "LINE_ADDRESSSTATE FORWARD",
            "LINE_ADDRESSSTATE FORWARD",
        ], h.Take());
    }

    [Theory]
    [InlineData(LineForwardMode.UNCONDINTERNAL, "1030")]
    [InlineData(LineForwardMode.BUSY, "")]
    public async Task Forward_modes_the_line_does_not_support_are_refused_with_INVALPARAM(LineForwardMode mode, string dest)
    {
        await using var h = await TspHarness.StartAsync();

        var result = h.Provider.Forward(h.LineHandle, [new LineForwardEntry(mode, dest)], 0);

        Assert.Equal(LineErr.INVALPARAM, result.Result);
        Assert.Empty(h.Link.CallCommands);
    }

    [Fact]
    public async Task Two_entries_of_the_same_kind_are_refused_with_INVALPARAM()
    {
        await using var h = await TspHarness.StartAsync();

        var result = h.Provider.Forward(h.LineHandle,
            [new LineForwardEntry(LineForwardMode.BUSY, "1030"), new LineForwardEntry(LineForwardMode.BUSY, "1040")], 0);

        Assert.Equal(LineErr.INVALPARAM, result.Result);
    }

    [Fact]
    public async Task Remote_Office_is_set_with_lineDevSpecific_and_reported_as_DEVSPECIFIC()
    {
        await using var h = await TspHarness.StartAsync();

        var set = h.Provider.SetRemoteOffice(h.LineHandle, true, "+4930123");
        await h.SettleAsync();
        await h.PushAsync(Ev.Service(UserService.RemoteOffice, true, "tel:+4930123"));

        Assert.Equal(["SetService alice RemoteOffice on +4930123"], h.Link.CallCommands);
        Assert.Equal([$"ASYNC_COMPLETION {set.RequestId} SUCCESS", "LINE_ADDRESSSTATE DEVSPECIFIC"], h.Take());
        Assert.Equal(new RemoteOfficeState(true, "+4930123"), h.Provider.GetAddressStatus(h.DeviceId)!.RemoteOffice);
    }
}
