using System.CommandLine;

namespace Ecsta.Host.Cli.Commands;

/// <summary>`ecsta profiles`: provider profiles with the plugin that brought each.</summary>
internal static class ProfilesCommand
{
    public static Command Create(CliConsole console)
    {
        var json = GlobalOptions.Json();
        var command = new Command("profiles", "List the provider profiles") { json };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var profiles = context.Catalog.Profiles;
            if (context.Value(json))
            {
                CliOutput.WriteJson(context.Out, profiles.Select(p => new
                {
                    p.Profile.Name,
                    p.Profile.Host,
                    p.Profile.Port,
                    p.Profile.ConnectionType,
                    p.Profile.UrlPrefix,
                    p.Profile.Notes,
                    plugin = p.Plugin,
                }));
            }
            else
            {
                CliOutput.WriteTable(
                    context.Out,
                    ["NAME", "HOST", "PORT", "TYPE", "PREFIX", "PLUGIN"],
                    profiles.Select(p => (IReadOnlyList<string>)[p.Profile.Name, p.Profile.Host, CliOutput.Text(p.Profile.Port), p.Profile.ConnectionType, p.Profile.UrlPrefix, p.Plugin]));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
