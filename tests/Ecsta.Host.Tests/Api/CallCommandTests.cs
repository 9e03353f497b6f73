using System.Globalization;
using Ecsta.Abstractions.Platform;
using Ecsta.Host.Tests.Api.Support;
using Ecsta.Host.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Tests.Api;

/// <summary>`ecsta call` verbs in-process against a real listener.</summary>
public sealed class CallCommandTests
{
    private static readonly PlatformCall C1 = Ev.ClickToDial("c1", "1020");

    /// <summary>Runs `ecsta call dial` and plays the platform's side until the call is connected.</summary>
    private static async Task<(CliRun Run, uint HCall)> DialAsync(ApiTestHost host)
    {
        host.Harness.Link.NextCalls.Enqueue(Ev.Started("c1", "t-c1"));
        var dial = host.RunCliAsync(["call", "dial", "--line", "1010", "1020"]);
        await ApiTestHost.WaitUntilAsync(() => host.Harness.Link.CallCommands.Contains("Dial alice 1020") || dial.IsCompleted, "the core dialled");
        await host.Harness.SettleAsync();
        await host.Harness.PushAsync(Ev.E(CallEventKind.Originating, C1));
        var run = await dial;
        await host.Harness.PushAsync(Ev.E(CallEventKind.Originated, C1.AsOriginator()));
        await host.Harness.PushAsync(Ev.E(CallEventKind.Answered, C1.AsOriginator().With(BroadWorksCallState.Active)));
        Assert.True(run.ExitCode == 0, run.Error);
        var id = run.Out.Split(':')[0].Replace("call ", "", StringComparison.Ordinal);
        return (run, uint.Parse(id, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Dial_status_hold_and_drop_work_against_a_running_host()
    {
        await using var host = await ApiTestHost.StartAsync();

        var (dial, hCall) = await DialAsync(host);
        Assert.StartsWith($"call {hCall}: dialling 1020 from line {host.DeviceId} (1010)", dial.Out, StringComparison.Ordinal);

        var status = await host.RunCliAsync(["call", "status"]);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("1010 / Alice Example", status.Out, StringComparison.Ordinal);
        var callRow = status.Out.Split('\n').Single(l => l.StartsWith(hCall.ToString(CultureInfo.InvariantCulture) + " ", StringComparison.Ordinal));
        Assert.Contains("CONNECTED/ACTIVE", callRow, StringComparison.Ordinal);
        Assert.Contains("to 1020", callRow, StringComparison.Ordinal);
        Assert.Contains("HOLD", callRow, StringComparison.Ordinal);

        var json = await host.RunCliAsync(["call", "status", "--json"]);
        var line = (JObject)JObject.Parse(json.Out)["lines"]![0]!;
        Assert.Equal("1010", line.Value<string>("number"));
        Assert.True(line.Value<bool>("inService"));
        Assert.Equal(hCall, line["calls"]![0]!.Value<uint>("hCall"));

        var hold = host.RunCliAsync(["call", "hold", hCall.ToString(CultureInfo.InvariantCulture)]);
        await ApiTestHost.WaitUntilAsync(() => host.Harness.Link.CallCommands.Contains("Hold alice c1") || hold.IsCompleted, "the core sent Hold");
        await host.Harness.PushAsync(Ev.E(CallEventKind.Held, C1.AsOriginator().With(BroadWorksCallState.Held)));
        var held = await hold;
        Assert.True(held.ExitCode == 0, held.Error);
        Assert.Equal($"call {hCall}: on hold", held.Out.Trim());

        var drop = host.RunCliAsync(["call", "drop", hCall.ToString(CultureInfo.InvariantCulture)]);
        await ApiTestHost.WaitUntilAsync(() => host.Harness.Link.CallCommands.Contains("Release alice c1") || drop.IsCompleted, "the core sent Release");
        await host.Harness.PushAsync(Ev.Released(C1.AsOriginator(), ReleasingParty.Local));
        var dropped = await drop;
        Assert.True(dropped.ExitCode == 0, dropped.Error);
        Assert.Equal($"call {hCall}: dropped", dropped.Out.Trim());

        var after = await host.RunCliAsync(["call", "status"]);
        Assert.Contains("No calls.", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_operation_prints_the_LINEERR_name_and_exits_1()
    {
        await using var host = await ApiTestHost.StartAsync();
        var (_, hCall) = await DialAsync(host);

        var unknown = await host.RunCliAsync(["call", "answer", "999"]);
        var wrongState = await host.RunCliAsync(["call", "unhold", hCall.ToString(CultureInfo.InvariantCulture)]);

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("LINEERR_INVALCALLHANDLE", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(1, wrongState.ExitCode);
        Assert.Contains("unhold failed: LINEERR_INVALCALLSTATE", wrongState.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_completion_prints_its_LINEERR_name_and_exits_1()
    {
        await using var host = await ApiTestHost.StartAsync();
        host.Harness.Link.FailNext(new Ecsta.Abstractions.Transports.PlatformException(Ecsta.Abstractions.Transports.PlatformErrorKind.InvalidAddress, "400 bad address", 400));

        var dial = await host.RunCliAsync(["call", "dial", "--line", "0", "1020"]);

        Assert.Equal(1, dial.ExitCode);
        Assert.Contains("dial failed: LINEERR_INVALADDRESS", dial.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_errors_exit_2_and_a_wrong_token_exits_1()
    {
        await using var host = await ApiTestHost.StartAsync();

        var noLine = await host.RunCliAsync(["call", "dial", "1020"]);
        var forwardWithoutMode = await host.RunCliAsync(["call", "forward", "--line", "1010", "1030"]);
        var badId = await host.RunCliAsync(["call", "hold", "abc"]);
        var wrongToken = await Ecsta.Host.Cli.CliApplication.RunAsync(
            ["call", "status", "--url", host.HttpUrl.ToString(), "--token", "wrong"],
            new Ecsta.Host.Cli.CliConsole(new StringWriter(), new StringWriter(), TextReader.Null), CancellationToken.None);

        Assert.Equal(2, noLine.ExitCode);
        Assert.Equal(2, forwardWithoutMode.ExitCode);
        Assert.Equal(2, badId.ExitCode);
        Assert.Equal(1, wrongToken);
    }

    [Fact]
    public async Task Forward_and_dnd_change_one_entry_and_keep_the_others()
    {
        await using var host = await ApiTestHost.StartAsync();

        var forward = await host.RunCliAsync(["call", "forward", "--line", "1010", "--mode", "busy", "1030"]);
        await host.Harness.PushAsync(Ev.Service(UserService.CallForwardingBusy, true, "1030"));
        var dnd = await host.RunCliAsync(["call", "dnd", "--line", "1010", "on"]);

        Assert.True(forward.ExitCode == 0, forward.Error);
        Assert.True(dnd.ExitCode == 0, dnd.Error);
        Assert.Contains("SetService alice CallForwardingBusy on 1030", host.Harness.Link.CallCommands);
        Assert.Contains("SetService alice DoNotDisturb on", host.Harness.Link.CallCommands);
        Assert.DoesNotContain("SetService alice CallForwardingBusy off", host.Harness.Link.CallCommands);
    }

    [Fact]
    public async Task Watch_prints_every_message_with_decoded_names_until_cancelled()
    {
        await using var host = await ApiTestHost.StartAsync();
        using var output = new LockedStringWriter();
        using var stop = new CancellationTokenSource();
        var watch = host.RunCliAsync(["call", "watch"], output, stop.Token);
        await ApiTestHost.WaitUntilAsync(() => output.ToString().Contains("Watching 1 line(s)", StringComparison.Ordinal) || watch.IsCompleted, "watch started");

        await host.Harness.PushAsync(Ev.E(CallEventKind.Received, Ev.Incoming("c5", "1030")));
        await host.Harness.AdvanceAsync(TimeSpan.FromSeconds(1));
        await ApiTestHost.WaitUntilAsync(() => output.ToString().Contains("RINGING", StringComparison.Ordinal) || watch.IsCompleted, "the ringing was printed");
        await stop.CancelAsync();
        var run = await watch;
        Assert.True(run.ExitCode == 0, run.Error + output);

        Assert.Equal(0, run.ExitCode);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var text = output.ToString();
        Assert.True(lines.Any(l => l.Contains($"LINE_NEWCALL line {host.DeviceId} call ", StringComparison.Ordinal)), text);
        Assert.True(lines.Any(l => l.Contains($"LINE_CALLSTATE line {host.DeviceId} call ", StringComparison.Ordinal) && l.EndsWith("OFFERING ACTIVE", StringComparison.Ordinal)), text);
        Assert.True(lines.Any(l => l.EndsWith($"LINE_ADDRESSSTATE line {host.DeviceId} NUMCALLS", StringComparison.Ordinal)), text);
        Assert.True(lines.Any(l => l.EndsWith($"LINE_LINEDEVSTATE line {host.DeviceId} RINGING", StringComparison.Ordinal)), text);
    }
}
