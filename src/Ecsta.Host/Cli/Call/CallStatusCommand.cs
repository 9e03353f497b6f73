using System.CommandLine;
using System.Globalization;
using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Api;
using Ecsta.Host.Cli.Commands;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Cli.Call;

/// <summary>`ecsta call status` (lines and calls) and `ecsta call watch` (every message as it arrives).</summary>
internal static class CallStatusCommand
{
    public static Command Status(CliConsole console)
    {
        var json = GlobalOptions.Json();
        var command = new Command("status", "Lines (number, name, in service, forwarding) and calls (ids, states, features)") { json };
        command.SetAction((parseResult, ct) => CallCommand.RunAsync(parseResult, console, async (session, token) =>
        {
            var lines = new List<LineView>();
            foreach (var device in await session.DevicesAsync(token).ConfigureAwait(false))
            {
                uint hLine;
                try
                {
                    hLine = await session.OpenAsync(device.DeviceId, LineCallPrivilege.MONITOR, token).ConfigureAwait(false);
                }
                catch (TapiCallException ex)
                {
                    lines.Add(new LineView(device, null, [], ex.LineErr));
                    continue;
                }

                var address = await session.AddressStatusAsync(hLine, token).ConfigureAwait(false);
                var calls = await session.CallsAsync(hLine, token).ConfigureAwait(false);
                lines.Add(new LineView(device, address, calls, null));
            }

            if (parseResult.GetValue(json))
            {
                CliOutput.WriteJson(console.Out, new
                {
                    lines = lines.Select(l => new
                    {
                        l.Device.DeviceId,
                        l.Device.LineName,
                        l.Device.Number,
                        l.Device.Instance,
                        l.Device.InService,
                        l.Device.OutOfServiceReason,
                        forward = l.Address?.Forward,
                        doNotDisturb = l.Address?.DoNotDisturb,
                        openError = l.OpenError,
                        calls = l.Calls,
                    }),
                });
                return ExitCodes.Success;
            }

            WriteTables(console.Out, lines);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private sealed record LineView(ApiDevice Device, ApiAddressStatus? Address, IReadOnlyList<JObject> Calls, string? OpenError);

    private static void WriteTables(TextWriter writer, IReadOnlyList<LineView> lines)
    {
        CliOutput.WriteTable(writer, ["LINE", "NUMBER", "NAME", "INSTANCE", "IN SERVICE", "FORWARDING"], lines.Select(l => (IReadOnlyList<string>)
        [
            l.Device.DeviceId.ToString(CultureInfo.InvariantCulture),
            l.Device.Number,
            l.Device.LineName,
            l.Device.Instance,
            l.Device.InService ? "yes" : "no" + (l.Device.OutOfServiceReason is null ? "" : $" ({l.Device.OutOfServiceReason})"),
            l.OpenError ?? Forwarding(l.Address),
        ]));
        var calls = lines.SelectMany(l => l.Calls.Select(c => (Line: l.Device, Call: c))).ToList();
        writer.WriteLine();
        if (calls.Count == 0)
        {
            writer.WriteLine("No calls.");
            return;
        }

        CliOutput.WriteTable(writer, ["CALL", "LINE", "STATE", "PARTY", "CALLID", "FEATURES"], calls.Select(c => (IReadOnlyList<string>)
        [
            c.Call.Value<uint>("hCall").ToString(CultureInfo.InvariantCulture),
            c.Line.DeviceId.ToString(CultureInfo.InvariantCulture),
            StateText(c.Call["status"]),
            Party(c.Call["info"]),
            c.Call["info"]?.Value<uint>("callId").ToString(CultureInfo.InvariantCulture) ?? "",
            c.Call["status"]?.Value<string>("callFeaturesName") ?? "",
        ]));
    }

    private static string StateText(JToken? status)
    {
        if (status is null)
        {
            return "";
        }

        var state = status.Value<string>("callStateName") ?? "";
        var mode = status.Value<string>("callStateModeName") ?? "";
        if (state == nameof(LineCallState.CONFERENCED))
        {
            return $"CONFERENCED (conf {status.Value<uint>("callStateMode")})";
        }

        return mode.Length == 0 ? state : $"{state}/{mode}";
    }

    private static string Party(JToken? info)
    {
        if (info is null)
        {
            return "";
        }

        var outbound = (info.Value<uint>("origin") & (uint)LineCallOrigin.OUTBOUND) != 0;
        static string Text(JToken? party)
        {
            var number = party?.Value<string>("number") ?? "";
            var name = party?.Value<string>("name") ?? "";
            return name.Length == 0 ? number : number.Length == 0 ? name : $"{number} ({name})";
        }

        var connected = Text(info["connected"]);
        var party = connected.Length > 0 ? connected : Text(outbound ? info["called"] : info["caller"]);
        return (outbound ? "to " : "from ") + (party.Length == 0 ? "?" : party);
    }

    private static string Forwarding(ApiAddressStatus? address)
    {
        if (address is null || address.Forward.Count == 0)
        {
            return "-";
        }

        return string.Join(", ", address.Forward.Select(f => f.ForwardMode switch
        {
            (uint)LineForwardMode.UNCOND when f.DestAddress.Length == 0 => "DND",
            (uint)LineForwardMode.UNCOND => "always → " + f.DestAddress,
            (uint)LineForwardMode.BUSY => "busy → " + f.DestAddress,
            (uint)LineForwardMode.NOANSW => $"noanswer → {f.DestAddress}",
            _ => $"{f.ForwardModeName} → {f.DestAddress}",
        }));
    }

    public static Command Watch(CliConsole console)
    {
        var json = GlobalOptions.Json();
        var command = new Command("watch", "Open every line as a monitor and print every message as it arrives, until Ctrl+C") { json };
        command.SetAction((parseResult, ct) => CallCommand.RunAsync(parseResult, console, async (session, token) =>
        {
            var devices = await session.DevicesAsync(token).ConfigureAwait(false);
            var opened = 0;
            foreach (var device in devices)
            {
                try
                {
                    await session.OpenAsync(device.DeviceId, LineCallPrivilege.MONITOR, token).ConfigureAwait(false);
                    opened++;
                }
                catch (TapiCallException ex)
                {
                    await console.Error.WriteLineAsync($"line {device.DeviceId} ({device.Number}): not watched: {ex.LineErr}").ConfigureAwait(false);
                }
            }

            var asJson = parseResult.GetValue(json);
            if (!asJson)
            {
                await console.Out.WriteLineAsync($"Watching {opened} line(s); Ctrl+C to stop.").ConfigureAwait(false);
                await console.Out.FlushAsync(token).ConfigureAwait(false);
            }

            try
            {
                await foreach (var ev in session.Client.Events.ReadAllAsync(token).ConfigureAwait(false))
                {
                    var text = asJson ? Json(ev) : Describe(ev, TimeProvider.System.GetLocalNow());
                    await console.Out.WriteLineAsync(text).ConfigureAwait(false);
                    await console.Out.FlushAsync(token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return ExitCodes.Success;
            }

            throw new CliFailure("the host closed the connection");
        }, ct));
        return command;
    }

    private static string Json(TapiEvent ev)
    {
        var copy = new JObject { ["message"] = ev.Name };
        copy.Merge(ev.Payload);
        return copy.ToString(Formatting.None);
    }

    /// <summary>One line per message, e.g. <c>12:00:01.234 LINE_CALLSTATE line 0 call 5 CONNECTED ACTIVE</c>.</summary>
    public static string Describe(TapiEvent ev, DateTimeOffset at)
    {
        var p = ev.Payload;
        var time = at.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        if (ev.Name == "ASYNC_COMPLETION")
        {
            return $"{time} ASYNC_COMPLETION request {p.Value<uint>("requestId")} {p.Value<string>("resultName")}";
        }

        var parts = new List<string> { time, ev.Name, $"line {p.Value<uint>("deviceId")}" };
        var hCall = p.Value<uint>("hCall");
        if (hCall != 0)
        {
            parts.Add($"call {hCall}");
        }

        var names = p["names"] as JObject;
        string? Name(string key) => names?[key]?.Value<string>();
        switch (ev.Name)
        {
            case "LINE_CALLSTATE":
                parts.Add(Name("param1") ?? "");
                if (Name("param1") == nameof(LineCallState.CONFERENCED))
                {
                    parts.Add($"conf {p.Value<uint>("param2")}");
                }
                else if (Name("param2") is { } mode)
                {
                    parts.Add(mode);
                }

                if (Name("param3") is { } privilege)
                {
                    parts.Add($"({privilege})");
                }

                break;
            case "LINE_CALLINFO":
            case "LINE_LINEDEVSTATE":
                parts.Add(Name("param1") ?? "");
                break;
            case "LINE_ADDRESSSTATE":
                parts.Add(Name("param2") ?? "");
                break;
            default:
                break;
        }

        return string.Join(' ', parts.Where(s => s.Length > 0));
    }
}
