using Ecsta.Abstractions.Licensing;
using Ecsta.Host.Api.Bridge;
using Ecsta.Host.Cli;
using Ecsta.Host.Dialog;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Discovery;
using Ecsta.Tsp.Logging;
using Ecsta.Tsp.Plugins;
using Ecsta.Tsp.Runtime;
using Microsoft.Extensions.Logging;
using Serilog;
using ILogger = Serilog.ILogger;

namespace Ecsta.Host.Hosting;

/// <summary>
/// The running host: logging, plugins, the seat pool, the instances (applied live from the configuration file),
/// and the loopback HTTP listener that serves the application API and the configuration dialog. With no configuration file it runs the demo.
/// Stops cleanly on Ctrl+C or SIGTERM.
/// </summary>
public static class EcstaHost
{
    public static async Task<int> RunAsync(EcstaHostOptions options, TextWriter console, CancellationToken cancellationToken)
    {
        var store = new ConfigurationStore(options.ConfigurationPath);
        var demo = options.Demo || !store.Exists;
        var logDirectory = LogSetup.LogDirectory(store.Path);
        await using var log = LogSetup.CreateHostLogger(logDirectory, console: true);

        // Serilog's shared logger is this host's log while it runs (a plugin without a logger of its own falls back
        // to it), and silent again before the log is disposed at the end of this method: never a disposed logger.
        Log.Logger = log;
        try
        {
            return await RunWithLogAsync(options, store, demo, logDirectory, log, console, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (ReferenceEquals(Log.Logger, log))
            {
                Log.Logger = Serilog.Core.Logger.None;
            }
        }
    }

    private static async Task<int> RunWithLogAsync(EcstaHostOptions options, ConfigurationStore store, bool demo, string logDirectory, ILogger log, TextWriter console, CancellationToken cancellationToken)
    {
        log.Information("Ecsta {Version} starting{Demo}; configuration {Path}", typeof(EcstaHost).Assembly.GetName().Version, demo ? " in demo mode" : "", store.Path);

        using var catalog = PluginCatalog.Load(options.PluginsDirectory, log.ForContext("SourceContext", "Plugins"));
        var configuration = demo ? new EcstaConfiguration() : store.Load();
        using var listener = ListenerSecurity.Prepare(options.Urls ?? configuration.Api.Urls, configuration.Api, options.AllowInsecureRemote);
        foreach (var warning in listener.Warnings)
        {
            log.Warning("Listener: {Warning}", warning);
        }

        await using var demoMode = demo ? await DemoMode.StartAsync(log.ForContext("SourceContext", "Demo"), TimeProvider.System, options.DemoCalls ? DemoMode.IncomingInterval : null, cancellationToken, options.DemoTransport).ConfigureAwait(false) : null;
        if (demoMode is not null)
        {
            configuration.Instances.Add(demoMode.CreateInstance(store.Secrets));
        }

        var licenses = OpenLicenses(catalog, store, configuration, log);
        try
        {
            var locator = new ConfiguredServiceLocator(configuration.Dns, log.ForContext("SourceContext", "Discovery"));
            await using var runtime = new TelephonyRuntime(catalog, store, locator, TimeProvider.System, log, logDirectory, licenses);

            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.Logging.AddSerilog(log, dispose: false);
            builder.WebHost.UseUrls([.. listener.Urls.Select(u => u.OriginalString)]);
            if (listener.Certificate is { } certificate)
            {
                // The slim builder leaves HTTPS out unless asked; the certificate is the configured PEM pair.
                builder.WebHost.UseKestrelHttpsConfiguration();
                builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
            }

            await using var app = builder.Build();
            var guard = new ListenerGuard(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>(), configuration.Api.AllowedHosts, configuration.Api.AllowedOrigins, log);
            app.Use((context, next) => guard.InvokeAsync(context, next));
            app.MapGet("/health", () => Microsoft.AspNetCore.Http.Results.Text("ok"));
            var (hub, access, admin) = HostApi.Map(app, runtime, ConfigurationPaths.StateDirectory(store.Path), log);
            using var hubLifetime = hub;
            app.MapDialog(new DialogHostServices(store, catalog, admin, licenses, demo, log, TimeProvider.System));

            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new CliFailure($"cannot listen on {string.Join(", ", listener.Urls)}: {ex.Message}", ex);
            }

            await runtime.ApplyAsync(configuration, cancellationToken).ConfigureAwait(false);
            await using var bridge = BridgeListener.Start(configuration.Api.Bridge, hub, ConfigurationPaths.StateDirectory(store.Path), DialogUrl(app.Urls), log);

            using var watcher = demo ? null : new ConfigurationWatcher(store, TimeProvider.System, log.ForContext("SourceContext", "Configuration"));
            if (watcher is not null)
            {
                watcher.Changed += (_, changed) => _ = ApplyChangeAsync(runtime, locator, guard, changed, log, cancellationToken);
            }

            Banner.Write(console, app.Urls, runtime, demoMode, catalog, store.Path, access, admin, options.InteractiveConsole, listener.Warnings);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            log.Information("Ecsta stopping");
        }
        finally
        {
            (licenses as IDisposable)?.Dispose();
        }

        log.Information("Ecsta stopped");
        return 0;
    }

    private static Uri? DialogUrl(ICollection<string> urls) =>
        urls.FirstOrDefault() is { } first && Uri.TryCreate(first, UriKind.Absolute, out var listener) ? new Uri(listener, DialogEndpoints.PagePath) : null;

    private static ILicensePool? OpenLicenses(PluginCatalog catalog, ConfigurationStore store, EcstaConfiguration configuration, ILogger log)
    {
        if (catalog.Licensing is not { } provider)
        {
            log.Warning("No licensing plugin loaded: lines are not licensed");
            return null;
        }

        return provider.Open(new LicensingContext(
            ConfigurationPaths.StateDirectory(store.Path),
            TimeProvider.System,
            log.ForContext("SourceContext", "Licensing"),
            configuration.Licensing.TrustedPublicKeys));
    }

    private static async Task ApplyChangeAsync(TelephonyRuntime runtime, ConfiguredServiceLocator locator, ListenerGuard guard, EcstaConfiguration configuration, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            guard.Apply(configuration.Api);
            locator.Apply(configuration.Dns);
            await runtime.ApplyAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.Error(ex, "Applying the changed configuration failed");
        }
    }
}
