using System.CommandLine;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Plugins;
using Serilog;

namespace Ecsta.Host.Cli;

/// <summary>What a verb needs: the console, the configuration store and the plugin catalog.</summary>
internal sealed class CliContext : IDisposable
{
    private PluginCatalog? _catalog;
    private ConfigurationStore? _store;

    public CliContext(ParseResult parseResult, CliConsole console)
    {
        ParseResult = parseResult;
        Console = console;
        ConfigurationPath = ConfigurationPaths.Resolve(parseResult.GetValue(GlobalOptions.Config));
        PluginsDirectory = parseResult.GetValue(GlobalOptions.PluginsDirectory)
            ?? Environment.GetEnvironmentVariable("ECSTA_PLUGINS")
            ?? PluginCatalog.DefaultDirectory;
    }

    public ParseResult ParseResult { get; }

    public CliConsole Console { get; }

    public TextWriter Out => Console.Out;

    public string ConfigurationPath { get; }

    public string PluginsDirectory { get; }

    public ConfigurationStore Store => _store ??= new ConfigurationStore(ConfigurationPath);

    /// <summary>The plugins, loaded on first use; load problems are listed by `ecsta plugins`, not logged here.</summary>
    public PluginCatalog Catalog => _catalog ??= PluginCatalog.Load(PluginsDirectory, new LoggerConfiguration().CreateLogger());

    public ConfigurationValidator Validator => Catalog.CreateValidator();

    public T Value<T>(Option<T> option) => ParseResult.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => ParseResult.GetValue(argument)!;

    public bool Given(Option option) => ParseResult.GetResult(option) is { Implicit: false };

    public void Dispose() => _catalog?.Dispose();
}
