using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Discovery;
using Ecsta.Tsp.Plugins;
using Serilog;

namespace Ecsta.Tsp.Runtime;

/// <summary>
/// One-off links of an instance outside its normal operation, shared by the CLI (`ecsta lines read`,
/// `ecsta connection test`) and the configuration dialog: the instance's transport plugin with options the plugin
/// checked, no logging (a one-off link must not write passwords or protocol traces anywhere). Failures are
/// <see cref="InstanceLinkException"/>s with a one-line reason.
/// </summary>
public static class InstanceLinks
{
    /// <summary>The transports' setting naming the user whose group directory lists the lines (server mode).</summary>
    public const string DirectoryUserSetting = "directoryUserId";

    /// <summary>The instance's link options (its password in clear, for the link only).</summary>
    public static PlatformLinkOptions Options(InstanceConfiguration instance, SecretProtector secrets) =>
        InstanceSettingsMapping.ToLinkOptions(instance, secrets);

    /// <summary>The options with <paramref name="directoryUser"/> as the user whose group directory is read.</summary>
    public static PlatformLinkOptions WithDirectoryUser(PlatformLinkOptions options, string directoryUser) =>
        options with { Settings = new Dictionary<string, string>(options.Settings, StringComparer.Ordinal) { [DirectoryUserSetting] = directoryUser } };

    /// <summary>The user whose group directory the options read, or null when none is set.</summary>
    public static string? DirectoryUser(PlatformLinkOptions options) =>
        options.Settings.TryGetValue(DirectoryUserSetting, out var user) && !string.IsNullOrWhiteSpace(user) ? user : null;

    /// <summary>Creates (does not connect) the link; a missing plugin or options the plugin refuses fail with the reason.</summary>
    public static IPlatformLink Create(PluginCatalog catalog, EcstaConfiguration configuration, InstanceConfiguration instance, PlatformLinkOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(instance);
        if (catalog.FindTransport(instance.ConnectionType) is not { } factory)
        {
            throw new InstanceLinkException($"no transport plugin serves connection type '{instance.ConnectionType}' (see `ecsta plugins`)");
        }

        var problems = factory.Validate(options);
        if (problems.Count > 0)
        {
            throw new InstanceLinkException(string.Join("; ", problems));
        }

        var dnsProblems = ConfigurationValidator.ValidateDns(configuration.Dns);
        if (dnsProblems.Count > 0)
        {
            throw new InstanceLinkException(string.Join("; ", dnsProblems) + " (set them with `ecsta dns set`)");
        }

        var silent = new LoggerConfiguration().CreateLogger();
        return factory.Create(options, new PlatformLinkContext
        {
            Log = silent,
            ProtocolTrace = silent,
            Time = time,
            ServiceLocator = new SrvServiceLocator(configuration.Dns.NameServers, silent),
        });
    }

    /// <summary>
    /// Connects, reads the lines (server mode: the group directory as <see cref="DirectoryUser"/> sees it; workstation
    /// mode: the login user's own line) and closes the link again.
    /// </summary>
    public static async Task<IReadOnlyList<PlatformLine>> ReadLinesAsync(
        PluginCatalog catalog, EcstaConfiguration configuration, InstanceConfiguration instance, PlatformLinkOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var link = Create(catalog, configuration, instance, options, time);
        try
        {
            await link.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformException ex)
        {
            throw new InstanceLinkException($"'{instance.Name}': cannot connect to {instance.ConnectionType}://{instance.Host}:{instance.EffectivePort} as {instance.User}: {Reason(ex)}", fromPlatform: true);
        }

        try
        {
            return await link.ReadLinesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PlatformException ex)
        {
            var what = DirectoryUser(options) is { } user && instance.Mode == InstanceMode.Server
                ? $"the group directory of {user}"
                : $"the profile of {instance.User}";
            throw new InstanceLinkException($"'{instance.Name}': BroadWorks did not give {what}: {Reason(ex)}", fromPlatform: true);
        }
    }

    /// <summary>Runs the transport's connection test (SRV targets, connect, authenticate, channel and subscription) and closes the link.</summary>
    public static async Task<ConnectionTestResult> TestConnectionAsync(
        PluginCatalog catalog, EcstaConfiguration configuration, InstanceConfiguration instance, SecretProtector secrets, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var link = Create(catalog, configuration, instance, Options(instance, secrets), time);
        if (link is not IConnectionTester tester)
        {
            throw new InstanceLinkException($"the {catalog.FindTransport(instance.ConnectionType)?.Name} transport cannot run a connection test");
        }

        return await tester.TestConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The number a new line gets: the user's number, else its extension, without the separators BroadWorks may show
    /// (<c>+1-2403645021</c> becomes <c>+12403645021</c>).
    /// </summary>
    public static string Dialable(PlatformLine line) => Provider.LineIdentity.Dialable(line);

    /// <summary>A number without the separators BroadWorks and people write: spaces and <c>- ( ) . /</c>.</summary>
    public static string WithoutSeparators(string number) => Provider.LineIdentity.WithoutSeparators(number);

    private static string Reason(PlatformException ex) => ex.Kind switch
    {
        PlatformErrorKind.Unauthorized => $"the user id or password was refused ({ex.Message})",
        PlatformErrorKind.Forbidden => $"not allowed ({ex.Message})",
        _ => ex.Message,
    };
}
