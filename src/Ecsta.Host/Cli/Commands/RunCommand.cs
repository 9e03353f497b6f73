using System.CommandLine;
using Ecsta.Host.Hosting;

namespace Ecsta.Host.Cli.Commands;

/// <summary>`ecsta run [--demo] [--demo-transport xsi|cti] [--urls URL] [--allow-insecure-remote]`: the host.</summary>
internal static class RunCommand
{
    public static readonly Option<bool> Demo = new("--demo") { Description = "Run the demo: embedded simulator with demo lines" };
    public static readonly Option<bool> NoDemoCalls = new("--no-demo-calls") { Description = "In demo mode, do not ring a demo line every 30 s" };
    public static readonly Option<string> DemoTransport = CreateDemoTransport();

    public static readonly Option<string?> Urls = new("--urls") { Description = "Listener URL(s) for the application API and the dialog", HelpName = "URL" };
    public static readonly Option<bool> AllowInsecureRemote = new("--allow-insecure-remote") { Description = "Allow a listener other machines can reach without TLS (the API token travels in clear)" };

    public static Command Create(CliConsole console)
    {
        var command = new Command("run", "Run the host (default verb)") { Demo, NoDemoCalls, DemoTransport, Urls, AllowInsecureRemote };
        command.SetAction((parseResult, ct) => InvokeAsync(parseResult, console, ct));
        return command;
    }

    private static Option<string> CreateDemoTransport()
    {
        var option = new Option<string>("--demo-transport")
        {
            Description = "In demo mode, how the demo instance talks to the embedded simulator: xsi (HTTP) or cti (TCP socket)",
            DefaultValueFactory = _ => "xsi",
            HelpName = "xsi|cti",
        };
        option.AcceptOnlyFromAmong("xsi", "cti");
        return option;
    }

    public static Task<int> InvokeAsync(ParseResult parseResult, CliConsole console, CancellationToken cancellationToken)
    {
        using var context = new CliContext(parseResult, console);
        var options = new EcstaHostOptions(context.ConfigurationPath, context.PluginsDirectory, parseResult.GetValue(Urls), parseResult.GetValue(Demo), !parseResult.GetValue(NoDemoCalls), console.IsTerminal, parseResult.GetValue(AllowInsecureRemote),
            parseResult.GetValue(DemoTransport) == "cti" ? Ecsta.Abstractions.Transports.ConnectionTypes.Cti : Ecsta.Abstractions.Transports.ConnectionTypes.Http);
        return EcstaHost.RunAsync(options, console.Out, cancellationToken);
    }
}
