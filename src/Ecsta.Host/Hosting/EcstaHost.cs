using Ecsta.Host.Configuration;
using Ecsta.Host.Logging;
using Ecsta.Host.Plugins;
using Microsoft.Extensions.Logging;
using Serilog;

namespace Ecsta.Host.Hosting;

/// <summary>
/// The running host: logging, plugins, configuration (applied live), and the HTTP listener that later serves the
/// application API and the dialog. Stops cleanly on Ctrl+C or SIGTERM.
/// </summary>
internal static class EcstaHost
{
    public static async Task<int> RunAsync(EcstaHostOptions options, CancellationToken cancellationToken)
    {
        var store = new ConfigurationStore(options.ConfigurationPath);
        await using var log = LogSetup.CreateHostLogger(LogSetup.LogDirectory(store.Path), console: true);
        Log.Logger = log;
        log.Information("Ecsta {Version} starting; configuration {Path}", typeof(EcstaHost).Assembly.GetName().Version, store.Path);

        using var catalog = PluginCatalog.Load(options.PluginsDirectory, log.ForContext("SourceContext", "Plugins"));
        var configuration = store.LoadOrEmpty();
        if (!store.Exists)
        {
            log.Warning("No configuration file at {Path}: add an instance with `ecsta instance add` (the host picks it up without a restart)", store.Path);
        }

        var errors = new ConfigurationValidator(catalog.FindProfile, catalog.NumberRules).Validate(configuration);
        foreach (var error in errors)
        {
            log.Error("Configuration: {Error}", error.ToString());
        }

        using var watcher = new ConfigurationWatcher(store, TimeProvider.System, log.ForContext("SourceContext", "Configuration"));
        watcher.Changed += (_, changed) => log.Information("Applying configuration: {Instances}", string.Join(", ", changed.Instances.Select(i => i.Name)));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(log, dispose: false);
        builder.WebHost.UseUrls(options.Urls ?? configuration.Api.Urls);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(store);
        await using var app = builder.Build();
        app.MapGet("/health", () => Microsoft.AspNetCore.Http.Results.Text("ok"));

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        log.Information("Ecsta running with {Instances} instance(s), {Plugins} plugin(s); listening on {Urls}. Press Ctrl+C to stop.",
            configuration.Instances.Count, catalog.Plugins.Count, string.Join(", ", app.Urls));
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        log.Information("Ecsta stopped");
        return 0;
    }
}
