using System.CommandLine;
using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Runtime;

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
            ConnectionTestResult result;
            try
            {
                result = await InstanceLinks.TestConnectionAsync(context.Catalog, configuration, target, context.Store.Secrets, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            catch (InstanceLinkException ex)
            {
                throw new CliFailure(ex.Message, ex);
            }

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
