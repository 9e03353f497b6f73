using Ecsta.Abstractions.Transports;
using Ecsta.Host.Configuration;
using Ecsta.Host.Discovery;
using Serilog;

namespace Ecsta.Host.Cli.Commands;

/// <summary>A platform link for a CLI verb: the instance's transport plugin, options checked by the plugin, no logging.</summary>
internal static class InstanceLink
{
    /// <summary>Creates (does not connect) the link; a missing plugin or options the plugin refuses fail with the reason.</summary>
    public static IPlatformLink Create(CliContext context, EcstaConfiguration configuration, InstanceConfiguration instance, PlatformLinkOptions options)
    {
        if (!context.Catalog.Transports.TryGetValue(instance.ConnectionType, out var factory))
        {
            throw new CliFailure($"no transport plugin serves connection type '{instance.ConnectionType}' (see `ecsta plugins`)");
        }

        var problems = factory.Validate(options);
        if (problems.Count > 0)
        {
            throw new CliFailure(string.Join("; ", problems));
        }

        var silent = new LoggerConfiguration().CreateLogger();
        return factory.Create(options, new PlatformLinkContext
        {
            Log = silent,
            ProtocolTrace = silent,
            Time = TimeProvider.System,
            ServiceLocator = new SrvServiceLocator(configuration.Dns.NameServers, silent),
        });
    }
}
