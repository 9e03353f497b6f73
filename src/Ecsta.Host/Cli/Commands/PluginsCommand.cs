using System.CommandLine;

namespace Ecsta.Host.Cli.Commands;

/// <summary>`ecsta plugins`: discovered plugins with kind, name, version and file, and those that failed.</summary>
internal static class PluginsCommand
{
    public static Command Create(CliConsole console)
    {
        var json = GlobalOptions.Json();
        var command = new Command("plugins", "List the discovered plugins: kind, name, version, file") { json };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var catalog = context.Catalog;
            if (context.Value(json))
            {
                CliOutput.WriteJson(context.Out, new
                {
                    directory = catalog.Directory,
                    plugins = catalog.Plugins.Select(p => new { kind = Tsp.Plugins.PluginKindNames.Describe(p.Kind), p.Name, p.Version, p.File, p.Details }),
                    failures = catalog.Failures.Select(f => new { f.File, f.Reason }),
                });
            }
            else
            {
                CliOutput.WriteTable(
                    context.Out,
                    ["KIND", "NAME", "VERSION", "FILE"],
                    catalog.Plugins.Select(p => (IReadOnlyList<string>)[Tsp.Plugins.PluginKindNames.Describe(p.Kind), p.Name, p.Version, p.File]));
                foreach (var failure in catalog.Failures)
                {
                    context.Out.WriteLine($"FAILED  {failure.File}: {failure.Reason}");
                }
            }

            return catalog.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }
}
