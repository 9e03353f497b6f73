using System.CommandLine;
using Ecsta.Host.Cli.Commands;
using Ecsta.Tsp.Configuration;

namespace Ecsta.Host.Cli;

/// <summary>
/// The `ecsta` command line (docs/command-line.md): `ecsta` alone is `ecsta run`; exit codes 0 success,
/// 1 the operation failed (one line on stderr), 2 bad usage.
/// </summary>
internal static class CliApplication
{
    public static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand("Ecsta: the open TAPI service provider for Cisco BroadWorks.");
        root.Options.Add(GlobalOptions.Config);
        root.Options.Add(GlobalOptions.PluginsDirectory);

        var run = RunCommand.Create(console);
        root.Subcommands.Add(run);
        root.Subcommands.Add(PluginsCommand.Create(console));
        root.Subcommands.Add(ProfilesCommand.Create(console));
        root.Subcommands.Add(InstanceCommand.Create(console));
        foreach (var extra in ExtraCommands(console))
        {
            root.Subcommands.Add(extra);
        }

        // `ecsta` with no verb runs the host.
        foreach (var option in run.Options)
        {
            root.Options.Add(option);
        }

        root.SetAction((parseResult, ct) => RunCommand.InvokeAsync(parseResult, console, ct));
        return root;
    }

    /// <summary>Verbs added by later features; one line each.</summary>
    private static IEnumerable<Command> ExtraCommands(CliConsole console)
    {
        yield return RulesCommand.Create(console);
        yield return LicenseCommand.Create(console);
        yield return SimCommand.Create(console);
        yield return CallCommand.Create(console);
        yield return ConnectionCommand.Create(console);
        yield return LinesCommand.Create(console);
        yield return DnsCommand.Create(console);
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var root = BuildRoot(console);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await console.Error.WriteLineAsync($"ecsta: {error.Message}").ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("Run 'ecsta --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,

            // Signals are handled once, in Program.Main, and arrive here as the cancellation token.
            ProcessTerminationTimeout = null,
        };

        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (CliFailure failure)
        {
            await console.Error.WriteLineAsync($"ecsta: {failure.Message}").ConfigureAwait(false);
            return failure.ExitCode;
        }
        catch (ConfigurationException ex)
        {
            await console.Error.WriteLineAsync($"ecsta: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Failed;
        }
    }
}
