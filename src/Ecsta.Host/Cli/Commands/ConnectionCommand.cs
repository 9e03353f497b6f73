using System.CommandLine;
using Ecsta.Abstractions.Transports;
using Ecsta.Host.Discovery;
using Ecsta.Host.Runtime;
using Serilog;

namespace Ecsta.Host.Cli.Commands;

/// <summary>`ecsta connection test INSTANCE`: SRV lookup, connect, authenticate, channel and subscription; every target tried and its outcome.</summary>
internal static class ConnectionCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("connection", "Check an instance's connection to BroadWorks");
        var instance = new Argument<string>("INSTANCE") { Description = "Instance name" };
        var json = GlobalOptions.Json();
        var test = new Command("test", "Resolve SRV, connect, authenticate and open an event channel with a subscription") { instance, json };
        test.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = new CliContext(parseResult, console);
            var configuration = InstanceCommand.LoadExisting(context);
            var target = InstanceCommand.Find(configuration, context.Value(instance));
            if (!context.Catalog.Transports.TryGetValue(target.ConnectionType, out var factory))
            {
                throw new CliFailure($"no transport plugin serves connection type '{target.ConnectionType}' (see `ecsta plugins`)");
            }

            var options = InstanceSettingsMapping.ToLinkOptions(target, context.Store.Secrets);
            var problems = factory.Validate(options);
            if (problems.Count > 0)
            {
                throw new CliFailure(string.Join("; ", problems));
            }

            var silent = new LoggerConfiguration().CreateLogger();
            await using var link = factory.Create(options, new PlatformLinkContext
            {
                Log = silent,
                ProtocolTrace = silent,
                Time = TimeProvider.System,
                ServiceLocator = new SrvServiceLocator(configuration.Dns.NameServers, silent),
            });
            if (link is not IConnectionTester tester)
            {
                throw new CliFailure($"the {factory.Name} transport cannot run a connection test");
            }

            var result = await tester.TestConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (context.Value(json))
            {
                CliOutput.WriteJson(context.Out, new
                {
                    success = result.Success,
                    steps = result.Steps.Select(s => new
                    {
                        step = s.Step,
                        success = s.Success,
                        detail = s.Detail,
                        target = s.Target is { } t ? new { t.Host, t.Port, t.Priority, t.Weight, fromSrv = t.FromSrv } : null,
                    }),
                });
            }
            else
            {
                foreach (var step in result.Steps)
                {
                    var where = step.Target is { } t ? $" {t}" : "";
                    await context.Out.WriteLineAsync($"{(step.Success ? "ok  " : "FAIL")}  {step.Step}{where}: {step.Detail}").ConfigureAwait(false);
                }

                await context.Out.WriteLineAsync(result.Success ? "connection test passed" : "connection test failed").ConfigureAwait(false);
            }

            return result.Success ? ExitCodes.Success : ExitCodes.Failed;
        });
        command.Subcommands.Add(test);
        return command;
    }
}
