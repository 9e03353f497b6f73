using System.CommandLine;
using Ecsta.Tsp.Configuration;

namespace Ecsta.Host.Cli.Commands;

/// <summary>
/// `ecsta dns show|set|clear`: the name servers (<c>dns.nameServers</c>) that answer the SRV lookups and the A/AAAA
/// lookups of their targets and of configured hosts; none = the operating system's resolver. Each entry is checked by
/// the validator the dialog uses (an IP address with an optional port); a refused list saves nothing (exit 1).
/// </summary>
internal static class DnsCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("dns", "Show or set the name servers for SRV discovery and the XSPs' addresses");
        command.Subcommands.Add(Show(console));
        command.Subcommands.Add(Set(console));
        command.Subcommands.Add(Clear(console));
        return command;
    }

    private static Command Show(CliConsole console)
    {
        var json = GlobalOptions.Json();
        var command = new Command("show", "Show the name servers") { json };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            Print(context, context.Value(json), context.Store.LoadOrEmpty().Dns.NameServers, saved: false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Set(CliConsole console)
    {
        var servers = new Argument<string[]>("SERVER")
        {
            Description = "Name servers in the order to ask: IP addresses with an optional port (192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:53); spaces or commas between them",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = GlobalOptions.Json();
        var command = new Command("set", "Ask these name servers (replaces the list)") { servers, json };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var list = context.Value(servers).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (list.Count == 0)
            {
                throw new CliFailure("SERVER: name one or more name servers (`ecsta dns clear` goes back to the system's resolver)", ExitCodes.Usage);
            }

            Save(context, list, context.Value(json));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Clear(CliConsole console)
    {
        var json = GlobalOptions.Json();
        var command = new Command("clear", "Use the operating system's resolver again") { json };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            Save(context, [], context.Value(json));
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Save(CliContext context, List<string> list, bool json)
    {
        var configuration = context.Store.LoadOrEmpty();
        var dns = new DnsConfiguration { NameServers = list, Unknown = configuration.Dns.Unknown };
        var errors = ConfigurationValidator.ValidateDns(dns);
        if (errors.Count > 0)
        {
            throw new CliFailure(string.Join("; ", errors) + "; nothing was saved");
        }

        configuration.Dns = dns;
        context.Store.Save(configuration);
        Print(context, json, list, saved: true);
    }

    private static void Print(CliContext context, bool json, List<string> servers, bool saved)
    {
        if (json)
        {
            CliOutput.WriteJson(context.Out, new { nameServers = servers, systemResolver = servers.Count == 0 });
            return;
        }

        context.Out.WriteLine(servers.Count == 0
            ? "name servers: none set: the operating system's resolver answers"
            : $"name servers: {string.Join(", ", servers)} (SRV records and the addresses of their targets and of configured hosts)");
        if (saved)
        {
            context.Out.WriteLine("saved; a running host asks them from its next lookup on");
        }
    }
}
