using System.CommandLine;
using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Cli.Commands;

namespace Ecsta.Host.Cli.Call;

/// <summary>
/// `ecsta call forward` and `ecsta call dnd`. lineForward replaces the whole list, so each verb reads the line's
/// current list (lineGetAddressStatus), changes its one entry and writes the list back.
/// </summary>
internal static class CallForwardCommand
{
    public static Command Forward(CliConsole console)
    {
        var line = CallCommand.LineOption();
        var mode = new Option<string?>("--mode") { Description = "always, busy or noanswer", HelpName = "always|busy|noanswer" }
            .AcceptOnlyFromAmong("always", "busy", "noanswer");
        var off = new Option<bool>("--off") { Description = "Turn forwarding off (with --mode only that mode; DND stays)" };
        var rings = new Option<uint?>("--rings") { Description = "Rings before a noanswer forward", HelpName = "N" };
        var number = new Argument<string?>("NUMBER") { Description = "Where calls go", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("forward", "Forward a line's calls (always, busy, noanswer) or turn forwarding off") { line, mode, off, rings, number };
        command.Validators.Add(result =>
        {
            var isOff = result.GetValue(off);
            var hasNumber = !string.IsNullOrWhiteSpace(result.GetValue(number));
            if (isOff && hasNumber)
            {
                result.AddError("give either NUMBER or --off, not both");
            }
            else if (!isOff && (!hasNumber || result.GetValue(mode) is null))
            {
                result.AddError("give --mode always|busy|noanswer and NUMBER, or --off");
            }
        });
        command.SetAction((parseResult, ct) => CallCommand.RunAsync(parseResult, console, async (session, token) =>
        {
            var device = await session.FindLineAsync(parseResult.GetValue(line)!, token).ConfigureAwait(false);
            var hLine = await session.OpenAsync(device.DeviceId, LineCallPrivilege.OWNER, token).ConfigureAwait(false);
            var status = await session.AddressStatusAsync(hLine, token).ConfigureAwait(false);
            var list = status.Forward.Select(f => (Mode: (LineForwardMode)f.ForwardMode, Dest: f.DestAddress)).ToList();
            var chosen = parseResult.GetValue(mode);
            var target = chosen switch
            {
                "always" => LineForwardMode.UNCOND,
                "busy" => LineForwardMode.BUSY,
                "noanswer" => LineForwardMode.NOANSW,
                _ => (LineForwardMode?)null,
            };
            bool IsForward(LineForwardMode m, string dest) => target is null
                ? dest.Length > 0
                : m == target && (m != LineForwardMode.UNCOND || dest.Length > 0);
            list.RemoveAll(e => IsForward(e.Mode, e.Dest));
            var destination = parseResult.GetValue(number);
            if (!parseResult.GetValue(off))
            {
                list.Add((target!.Value, destination!));
            }

            var numRingsNoAnswer = parseResult.GetValue(rings) ?? status.NumRingsNoAnswer;
            await session.RequestAsync("lineForward", new
            {
                hLine,
                forwardList = list.Select(e => new { forwardMode = (uint)e.Mode, destAddress = e.Dest }).ToList(),
                numRingsNoAnswer,
            }, token).ConfigureAwait(false);
            await console.Out.WriteLineAsync(parseResult.GetValue(off)
                ? $"line {device.DeviceId} ({device.Number}): forwarding {chosen ?? "(all)"} off"
                : $"line {device.DeviceId} ({device.Number}): forwarding {chosen} to {destination}").ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    public static Command Dnd(CliConsole console)
    {
        var line = CallCommand.LineOption();
        var state = new Argument<string>("STATE") { Description = "on or off" }.AcceptOnlyFromAmong("on", "off");
        var command = new Command("dnd", "Turn do not disturb on or off") { line, state };
        command.SetAction((parseResult, ct) => CallCommand.RunAsync(parseResult, console, async (session, token) =>
        {
            var device = await session.FindLineAsync(parseResult.GetValue(line)!, token).ConfigureAwait(false);
            var hLine = await session.OpenAsync(device.DeviceId, LineCallPrivilege.OWNER, token).ConfigureAwait(false);
            var status = await session.AddressStatusAsync(hLine, token).ConfigureAwait(false);
            var on = parseResult.GetValue(state) == "on";
            var list = status.Forward.Where(f => !(f.ForwardMode == (uint)LineForwardMode.UNCOND && f.DestAddress.Length == 0))
                .Select(f => new { forwardMode = f.ForwardMode, destAddress = f.DestAddress }).ToList();
            if (on)
            {
                list.Add(new { forwardMode = (uint)LineForwardMode.UNCOND, destAddress = "" });
            }

            await session.RequestAsync("lineForward", new { hLine, forwardList = list, numRingsNoAnswer = status.NumRingsNoAnswer }, token).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"line {device.DeviceId} ({device.Number}): do not disturb {(on ? "on" : "off")}").ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
