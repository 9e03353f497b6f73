using System.CommandLine;

namespace Ecsta.Host.Cli;

/// <summary>Options every verb takes.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Configuration file (default: $ECSTA_CONFIG, else the OS configuration folder)",
        Recursive = true,
        HelpName = "PATH",
    };

    public static readonly Option<string?> PluginsDirectory = new("--plugins-dir")
    {
        Description = "Plugin folder (default: plugins/ beside the executable)",
        Recursive = true,
        Hidden = true,
        HelpName = "DIR",
    };

    /// <summary>A fresh <c>--json</c> option for a verb that prints data.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print machine-readable JSON" };
}
