using System.CommandLine;
using Ecsta.Abstractions.Tapi;
using Ecsta.Host.Cli.Call;

namespace Ecsta.Host.Cli.Commands;

/// <summary>
/// `ecsta call VERB`: controls calls on a running host through the application API (docs/application-api.md).
/// Lines are addressed by device id or number, calls by the ids `ecsta call status` prints. Every verb waits for its
/// ASYNC_COMPLETION; a LINEERR prints its name and exits 1.
/// </summary>
internal static class CallCommand
{
    private static readonly Option<string?> Url = new("--url")
    {
        Description = "The host's API (default: the configuration's api.urls, e.g. http://127.0.0.1:5470 → ws://127.0.0.1:5470/tapi)",
        HelpName = "URL",
        Recursive = true,
    };

    private static readonly Option<string?> Token = new("--token")
    {
        Description = "The API token (default: $ECSTA_TOKEN, else the api-token file beside the configuration)",
        HelpName = "TOKEN",
        Recursive = true,
    };

    private static readonly Option<int> TimeoutSeconds = new("--timeout")
    {
        Description = "Seconds to wait for a request's completion",
        DefaultValueFactory = _ => 30,
        Recursive = true,
        HelpName = "SECONDS",
    };

    public static Command Create(CliConsole console)
    {
        var command = new Command("call", "Dial, answer, hold, transfer, forward and watch calls on a running host") { Url, Token, TimeoutSeconds };
        command.Subcommands.Add(Dial(console));
        command.Subcommands.Add(CallVerb(console, "answer", "Answer an offering call", "lineAnswer", "answered"));
        command.Subcommands.Add(CallVerb(console, "drop", "Drop (hang up or reject) a call", "lineDrop", "dropped"));
        command.Subcommands.Add(CallVerb(console, "hold", "Put a call on hold", "lineHold", "on hold"));
        command.Subcommands.Add(CallVerb(console, "unhold", "Take a call off hold", "lineUnhold", "retrieved"));
        command.Subcommands.Add(CallToNumberVerb(console, "redirect", "Redirect an offering call to NUMBER", "lineRedirect", "redirected to"));
        command.Subcommands.Add(CallToNumberVerb(console, "transfer", "Blind-transfer a connected call to NUMBER", "lineBlindTransfer", "transferred to"));
        command.Subcommands.Add(CallToNumberVerb(console, "dial-consult", "Dial NUMBER on the consultation call of setup-transfer", "lineDial", "dialling"));
        command.Subcommands.Add(Dtmf(console));
        command.Subcommands.Add(SetupTransfer(console));
        command.Subcommands.Add(Swap(console));
        command.Subcommands.Add(CompleteTransfer(console));
        command.Subcommands.Add(Conference(console));
        command.Subcommands.Add(AddToConference(console));
        command.Subcommands.Add(CallForwardCommand.Forward(console));
        command.Subcommands.Add(CallForwardCommand.Dnd(console));
        command.Subcommands.Add(CallStatusCommand.Status(console));
        command.Subcommands.Add(CallStatusCommand.Watch(console));
        return command;
    }

    /// <summary>Connects, runs <paramref name="body"/>, and turns refusals into the CLI's exit codes.</summary>
    internal static async Task<int> RunAsync(ParseResult parseResult, CliConsole console,
        Func<CallSession, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        using var context = new CliContext(parseResult, console);
        var url = CallEndpoint.ResolveUrl(parseResult.GetValue(Url), context);
        var token = CallEndpoint.ResolveToken(parseResult.GetValue(Token), context);
        var seconds = parseResult.GetValue(TimeoutSeconds);
        if (seconds <= 0)
        {
            throw new CliFailure("--timeout must be a positive number of seconds", ExitCodes.Usage);
        }

        TapiClient client;
        try
        {
            client = await TapiClient.ConnectAsync(url, token, cancellationToken, certificateValidation: CallEndpoint.CertificateValidation(url, context)).ConfigureAwait(false);
        }
        catch (TapiConnectException ex)
        {
            throw new CliFailure(ex.Message);
        }

        await using (client.ConfigureAwait(false))
        {
            try
            {
                return await body(new CallSession(client, console, TimeSpan.FromSeconds(seconds), TimeProvider.System), cancellationToken).ConfigureAwait(false);
            }
            catch (TapiCallException ex)
            {
                throw new CliFailure($"{parseResult.CommandResult.Command.Name} failed: {ex.Message}");
            }
            catch (TapiConnectException ex)
            {
                throw new CliFailure(ex.Message);
            }
            catch (StreamJsonRpc.ConnectionLostException)
            {
                throw new CliFailure("the host closed the connection");
            }
        }
    }

    private static Argument<uint> CallArgument(string name = "CALL", string description = "A call id as `ecsta call status` prints it") =>
        new(name) { Description = description };

    private static Argument<string> NumberArgument() => new("NUMBER") { Description = "The number to dial" };

    internal static Option<string> LineOption() => new("--line")
    {
        Description = "The line: its device id or its number",
        Required = true,
        HelpName = "LINE",
    };

    private static Command Dial(CliConsole console)
    {
        var line = LineOption();
        var number = NumberArgument();
        var command = new Command("dial", "Dial NUMBER from a line (click-to-dial: the line's phone rings first)") { line, number };
        command.SetAction((parseResult, ct) => RunAsync(parseResult, console, async (session, token) =>
        {
            var device = await session.FindLineAsync(parseResult.GetValue(line)!, token).ConfigureAwait(false);
            var hLine = await session.OpenAsync(device.DeviceId, LineCallPrivilege.OWNER, token).ConfigureAwait(false);
            var destination = parseResult.GetValue(number)!;
            var reply = await session.RequestAsync("lineMakeCall", new { hLine, destAddress = destination }, token).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"call {reply.HCall}: dialling {destination} from line {device.DeviceId} ({device.Number})").ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command CallVerb(CliConsole console, string name, string description, string method, string done)
    {
        var call = CallArgument();
        var command = new Command(name, description) { call };
        command.SetAction((parseResult, ct) => RunAsync(parseResult, console, async (session, token) =>
        {
            var hCall = parseResult.GetValue(call);
            await session.OpenLineOfCallAsync(hCall, token).ConfigureAwait(false);
            await session.RequestAsync(method, new { hCall }, token).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"call {hCall}: {done}").ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command CallToNumberVerb(CliConsole console, string name, string description, string method, string done)
    {
        var call = CallArgument();
        var number = NumberArgument();
        var command = new Command(name, description) { call, number };
        command.SetAction((parseResult, ct) => RunAsync(parseResult, console, async (session, token) =>
        {
            var hCall = parseResult.GetValue(call);
            var destination = parseResult.GetValue(number)!;
            await session.OpenLineOfCallAsync(hCall, token).ConfigureAwait(false);
            await session.RequestAsync(method, new { hCall, destAddress = destination }, token).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"call {hCall}: {done} {destination}").ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Dtmf(CliConsole console)
    {
        var call = CallArgument();
        var digits = new Argument<string>("DIGITS") { Description = "DTMF digits: 0-9, * and #; a comma pauses" };
        var command = new Command("dtmf", "Send DTMF DIGITS on a connected call (lineGenerateDigits)") { call, digits };
        command.SetAction((parseResult, ct) => RunAsync(parseResult, console, async (session, token) =>
        {
            var hCall = parseResult.GetValue(call);
            var tones = parseResult.GetValue(digits)!;
            await session.OpenLineOfCallAsync(hCall, token).ConfigureAwait(false);
            await session.RequestAsync("lineGenerateDigits", new { hCall, digits = tones, digitMode = 2 }, token).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"call {hCall}: sent {tones.Length} DTMF digit(s)").ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command SetupTransfer(CliConsole console)
    {
        var call = CallArgument();
        var command = new Command("setup-transfer", "Hold a call for a consultation transfer; prints the consultation call to dial") { call };
        command.SetAction((parseResult, ct) => RunAsync(parseResult, console, async (session, token) =>
        {
            var hCall = parseResult.GetValue(call);
            await session.OpenLineOfCallAsync(hCall, token).ConfigureAwait(false);
            var reply = await session.RequestAsync("lineSetupTransfer", new { hCall }, token).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"call {hCall}: on hold for transfer; consultation call {reply.HConsultCall} (next: ecsta call dial-consult {reply.HConsultCall} NUMBER)").ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Swap(CliConsole console)
    {
        var call = CallArgument("CALL", "The active call");
        var other = CallArgument("OTHER", "The held call");
        var command = new Command("swap", "Swap an active and a held call") { call, other };
        command.SetAction((parseResult, ct) => RunAsync(parseResult, console, async (session, token) =>
        {
            var active = parseResult.GetValue(call);
            var held = parseResult.GetValue(other);
            await session.OpenLineOfCallAsync(active, token).ConfigureAwait(false);
            await session.RequestAsync("lineSwapHold", new { hActiveCall = active, hHeldCall = held }, token).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"call {held}: active; call {active}: on hold").ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command CompleteTransfer(CliConsole console)
    {
        var call = CallArgument("CALL", "The held call");
        var consult = CallArgument("CONSULT", "The consultation call");
        var mode = new Option<string>("--mode") { Description = "transfer or conference", DefaultValueFactory = _ => "transfer", HelpName = "transfer|conference" }
            .AcceptOnlyFromAmong("transfer", "conference");
        var command = new Command("complete-transfer", "Complete a consultation transfer, or join both calls in a conference") { call, consult, mode };
        command.SetAction((parseResult, ct) => RunAsync(parseResult, console, (session, token) =>
            CompleteAsync(session, parseResult.GetValue(call), parseResult.GetValue(consult), parseResult.GetValue(mode) == "conference", token), ct));
        return command;
    }

    private static Command Conference(CliConsole console)
    {
        var call = CallArgument("CALL", "The held call");
        var consult = CallArgument("CONSULT", "The consultation call");
        var command = new Command("conference", "Join a held call and its consultation call in a conference (complete-transfer --mode conference)") { call, consult };
        command.SetAction((parseResult, ct) => RunAsync(parseResult, console, (session, token) =>
            CompleteAsync(session, parseResult.GetValue(call), parseResult.GetValue(consult), conference: true, token), ct));
        return command;
    }

    private static async Task<int> CompleteAsync(CallSession session, uint hCall, uint hConsultCall, bool conference, CancellationToken token)
    {
        await session.OpenLineOfCallAsync(hCall, token).ConfigureAwait(false);
        var transferMode = (uint)(conference ? LineTransferMode.CONFERENCE : LineTransferMode.TRANSFER);
        var reply = await session.RequestAsync("lineCompleteTransfer", new { hCall, hConsultCall, transferMode }, token).ConfigureAwait(false);
        await session.Console.Out.WriteLineAsync(conference
            ? $"conference call {reply.HConfCall}: calls {hCall} and {hConsultCall} joined"
            : $"calls {hCall} and {hConsultCall}: transferred").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static Command AddToConference(CliConsole console)
    {
        var conf = CallArgument("CONF", "The conference call");
        var call = CallArgument("CALL", "The call to add");
        var command = new Command("add-to-conference", "Add a call to a conference") { conf, call };
        command.SetAction((parseResult, ct) => RunAsync(parseResult, console, async (session, token) =>
        {
            var hConfCall = parseResult.GetValue(conf);
            var hConsultCall = parseResult.GetValue(call);
            await session.OpenLineOfCallAsync(hConfCall, token).ConfigureAwait(false);
            await session.RequestAsync("lineAddToConference", new { hConfCall, hConsultCall }, token).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"conference call {hConfCall}: call {hConsultCall} added").ConfigureAwait(false);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
